import { bucket } from './bucketing.js';
import { evaluate, evaluateAll } from './evaluate.js';
import { OPERATOR_NAMES } from './operators/operator-registry.js';
import type { BucketingScheme, EvaluationContext, FlagConfig, Ruleset, Serve } from './types.js';

/** mulberry32: a tiny seeded PRNG so every run sees the same "random" inputs. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SCHEMES: BucketingScheme[] = ['vexil', 'featuresignals', 'featureflags', 'flagify'];
const NOW = { now: new Date('2026-01-01T00:00:00Z') };

function rolloutFlag(key: string, scheme: BucketingScheme, defaultServe: Serve): FlagConfig {
  return {
    key,
    type: 'string',
    variations: ['a', 'b', 'c'].map((k) => ({ key: k, value: k })),
    enabled: true,
    offVariation: 'a',
    targets: [],
    rules: [],
    defaultServe,
    prerequisites: [],
    bucketing: { scheme },
  };
}

function single(flag: FlagConfig): Ruleset {
  return { flags: { [flag.key]: flag }, segments: {} };
}

const keys = (count: number, salt: string) => Array.from({ length: count }, (_, i) => `${salt}-${i}`);

describe('determinism', () => {
  const random = prng(1);
  const ruleset: Ruleset = {
    segments: {
      pros: {
        key: 'pros',
        match: 'all',
        conditions: [{ attribute: 'plan', operator: 'equals', values: ['pro'] }],
        included: ['k-1'],
        excluded: [],
      },
    },
    flags: {
      mixed: {
        ...rolloutFlag('mixed', 'vexil', {
          rollout: [
            { variation: 'a', weight: 3000 },
            { variation: 'b', weight: 7000 },
          ],
        }),
        rules: [
          {
            id: 'seg',
            match: 'all',
            conditions: [{ attribute: 'key', operator: 'in_segment', values: ['pros'] }],
            serve: { variation: 'c' },
          },
          {
            id: 'ver',
            match: 'any',
            conditions: [{ attribute: 'v', operator: 'semver_gt', values: ['1.5.0'] }],
            serve: {
              rollout: [
                { variation: 'b', weight: 5000 },
                { variation: 'c', weight: 5000 },
              ],
            },
          },
        ],
      },
      gated: {
        ...rolloutFlag('gated', 'flagify', { variation: 'b' }),
        prerequisites: [{ flagKey: 'mixed', variation: 'b' }],
      },
    },
  };

  test('the same input always gives the same answer, and evaluateAll agrees with evaluate', () => {
    for (let i = 0; i < 2000; i++) {
      const context: EvaluationContext = {
        key: `k-${Math.floor(random() * 500)}`,
        plan: random() < 0.3 ? 'pro' : 'free',
        v: `1.${Math.floor(random() * 10)}.0`,
      };
      const all = evaluateAll(ruleset, context, NOW);
      for (const flagKey of ['mixed', 'gated']) {
        const first = evaluate(ruleset, flagKey, context, NOW);
        expect(evaluate(ruleset, flagKey, { ...context }, NOW)).toEqual(first);
        expect(all[flagKey]).toEqual(first);
      }
    }
  });
});

describe('rollouts', () => {
  test.each(SCHEMES.map((scheme) => [scheme]))('%s: raising a percentage never removes a user', (scheme) => {
    const users = keys(10_000, 'mono');
    let previous = new Set<string>();
    for (let weight = 0; weight <= 10_000; weight += 500) {
      const flag = rolloutFlag('grow', scheme, {
        rollout: [
          { variation: 'b', weight },
          { variation: 'a', weight: 10_000 - weight },
        ],
      });
      const current = new Set(
        users.filter((key) => evaluate(single(flag), 'grow', { key }, NOW).variation === 'b'),
      );
      for (const key of previous) expect(current.has(key)).toBe(true);
      previous = current;
    }
    expect(previous.size).toBe(users.length);
  });

  test.each(SCHEMES.map((scheme) => [scheme]))(
    '%s: a rule rollout of w basis points serves exactly the buckets below w and passes the rest on',
    (scheme) => {
      const users = keys(2_000, 'partial');
      for (let weight = 0; weight <= 10_000; weight += 500) {
        const flag: FlagConfig = {
          ...rolloutFlag('partial', scheme, { variation: 'a' }),
          rules: [
            { id: 'part', match: 'all', conditions: [], serve: { rollout: [{ variation: 'b', weight }] } },
            { id: 'next', match: 'all', conditions: [], serve: { variation: 'c' } },
          ],
        };
        const wrong = users.filter((key) => {
          const { ruleId, variation } = evaluate(single(flag), 'partial', { key }, NOW);
          const inside = bucket(scheme, 'partial', key) < weight;
          return inside ? ruleId !== 'part' || variation !== 'b' : ruleId !== 'next' || variation !== 'c';
        });
        expect({ weight, wrong }).toEqual({ weight, wrong: [] });
      }
    },
  );

  test.each(SCHEMES.map((scheme) => [scheme]))(
    '%s: a default rollout of w basis points with remainder offVariation serves the buckets below w and gives the rest the off variation',
    (scheme) => {
      const users = keys(2_000, 'remainder');
      for (let weight = 0; weight <= 10_000; weight += 500) {
        const flag = rolloutFlag('remainder', scheme, {
          rollout: [{ variation: 'b', weight }],
          remainder: 'offVariation',
        });
        const wrong = users.filter((key) => {
          const { reason, variation } = evaluate(single(flag), 'remainder', { key }, NOW);
          const inside = bucket(scheme, 'remainder', key) < weight;
          return inside ? reason !== 'SPLIT' || variation !== 'b' : reason !== 'DEFAULT' || variation !== 'a';
        });
        expect({ weight, wrong }).toEqual({ weight, wrong: [] });
      }
    },
  );

  test.each(SCHEMES.map((scheme) => [scheme]))(
    '%s: each slice gets its weight within one percentage point over 100 000 keys',
    (scheme) => {
      const weights = { a: 2000, b: 3000, c: 5000 };
      const flag = rolloutFlag('share', scheme, {
        rollout: Object.entries(weights).map(([variation, weight]) => ({ variation, weight })),
      });
      const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
      const users = keys(100_000, 'dist');
      for (const key of users) counts[evaluate(single(flag), 'share', { key }, NOW).variation!]! += 1;
      for (const [variation, weight] of Object.entries(weights)) {
        expect(Math.abs(counts[variation]! / users.length - weight / 10_000)).toBeLessThan(0.01);
      }
    },
  );

  test.each(SCHEMES.map((scheme) => [scheme]))('%s: two flags bucket independently', (scheme) => {
    const users = keys(100_000, 'indep');
    const xs = users.map((key) => (bucket(scheme, 'flag-one', key) < 5000 ? 1 : 0));
    const ys = users.map((key) => (bucket(scheme, 'flag-two', key) < 5000 ? 1 : 0));
    const n = users.length;
    const meanX = xs.reduce<number>((s, v) => s + v, 0) / n;
    const meanY = ys.reduce<number>((s, v) => s + v, 0) / n;
    let cov = 0;
    let varX = 0;
    let varY = 0;
    for (let i = 0; i < n; i++) {
      cov += (xs[i]! - meanX) * (ys[i]! - meanY);
      varX += (xs[i]! - meanX) ** 2;
      varY += (ys[i]! - meanY) ** 2;
    }
    expect(Math.abs(cov / Math.sqrt(varX * varY))).toBeLessThan(0.02);
    const both = xs.filter((x, i) => x === 1 && ys[i] === 1).length / n;
    expect(Math.abs(both - 0.25)).toBeLessThan(0.01);
  });
});

describe('robustness', () => {
  const random = prng(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const junk: unknown[] = [
    undefined,
    null,
    0,
    -1,
    NaN,
    Infinity,
    '',
    'x',
    '(',
    '[',
    true,
    false,
    [],
    {},
    [null],
    { a: 1 },
    ['a', 1],
  ];
  const operators = [...OPERATOR_NAMES, 'sounds_like', 'regex', 'eq', '', 42, null];
  const patterns = ['(', '[a-', '(a+)+$', '\\', '*', '(?<', 'a{2,1}', '/x/zz', '.*'.repeat(200), '^ok$'];
  const attributes = [
    'key',
    'plan',
    'geo.country',
    'missing',
    'list',
    'n',
    'when',
    '__proto__',
    'constructor',
    '',
  ];

  const junkValue = (): unknown => (random() < 0.3 ? pick(patterns) : pick(junk));
  const condition = (): unknown =>
    random() < 0.1
      ? junkValue()
      : {
          attribute: random() < 0.9 ? pick(attributes) : junkValue(),
          operator: pick(operators),
          values: random() < 0.8 ? Array.from({ length: Math.floor(random() * 3) }, junkValue) : junkValue(),
        };
  const serve = (): unknown =>
    pick([
      { variation: 'a' },
      { variation: 'nope' },
      {
        rollout: [
          { variation: 'a', weight: 5000 },
          { variation: 'b', weight: 5000 },
        ],
        bucketBy: pick(attributes),
      },
      { rollout: [{ variation: pick(['a', 'zz']), weight: junkValue() }] },
      { rollout: [{ variation: 'b', weight: 2500 }], remainder: pick(['offVariation', junkValue()]) },
      { rollout: junkValue() },
      junkValue(),
    ]);
  const flagKeys = ['f0', 'f1', 'f2', 'f3', 'f4'];
  const flag = (key: string): unknown =>
    random() < 0.05
      ? junkValue()
      : {
          key,
          type: pick(['boolean', 'string', 'number', 'json', 'weird']),
          variations:
            random() < 0.9
              ? [{ key: 'a', value: pick([true, 'a', 1, null]) }, { key: 'b', value: 'b' }, junkValue()]
              : junkValue(),
          enabled: random() < 0.85 ? true : junkValue(),
          offVariation: pick(['a', 'b', 'nope']),
          targets:
            random() < 0.9 ? [{ variation: 'b', values: ['u-1', junkValue()] }, junkValue()] : junkValue(),
          rules:
            random() < 0.9
              ? Array.from({ length: Math.floor(random() * 4) }, () =>
                  random() < 0.1
                    ? junkValue()
                    : {
                        id: pick(['r', 7, undefined]),
                        match: pick(['all', 'any', 'x']),
                        conditions:
                          random() < 0.9
                            ? Array.from({ length: Math.floor(random() * 4) }, condition)
                            : junkValue(),
                        serve: serve(),
                      },
                )
              : junkValue(),
          defaultServe: serve(),
          // Prerequisites among f0..f4 at random: cycles, self-references and diamonds all occur.
          prerequisites:
            random() < 0.9
              ? Array.from({ length: Math.floor(random() * 3) }, () =>
                  random() < 0.1 ? junkValue() : { flagKey: pick(flagKeys), variation: pick(['a', 'b']) },
                )
              : junkValue(),
          bucketing: pick([
            { scheme: pick(SCHEMES), attribute: pick(attributes), seed: pick([undefined, '', 's']) },
            junkValue(),
          ]),
        };
  const segment = (): unknown =>
    random() < 0.1
      ? junkValue()
      : {
          match: pick(['all', 'any']),
          conditions: Array.from({ length: Math.floor(random() * 3) }, condition),
          included: pick([['u-2'], junkValue()]),
          excluded: pick([['u-3'], junkValue()]),
        };
  const context = (): unknown =>
    random() < 0.05
      ? junkValue()
      : {
          key: pick(['u-1', 'u-2', 'u-3', 'u-4', 7, undefined, null]),
          plan: junkValue(),
          geo: pick([{ country: 'AR' }, junkValue()]),
          list: [junkValue(), junkValue()],
          n: junkValue(),
          when: pick(['2025-01-01', 'now', junkValue()]),
        };

  test('broken rulesets, contexts and options never throw and always give a well-formed result', () => {
    const reasons = new Set([
      'DISABLED',
      'TARGETING_MATCH',
      'SPLIT',
      'DEFAULT',
      'PREREQUISITE_FAILED',
      'ERROR',
    ]);
    let errors = 0;
    for (let i = 0; i < 3000; i++) {
      const flags = Object.fromEntries(flagKeys.map((key) => [key, flag(key)]));
      const ruleset = {
        flags,
        segments: { s0: segment(), s1: segment(), pros: segment() },
      } as unknown as Ruleset;
      const ctx = context() as EvaluationContext;
      const options = (random() < 0.9 ? NOW : junkValue()) as typeof NOW;
      for (const key of [...flagKeys, 'missing']) {
        const result = evaluate(ruleset, key, ctx, options);
        expect(reasons.has(result.reason)).toBe(true);
        expect(result.flagKey).toBe(key);
        // The catch-all in `evaluate` must stay a last resort: JSON-shaped input never reaches it.
        expect(result.errorMessage ?? '').not.toMatch(/^Evaluation failed/);
        if (result.reason === 'ERROR') {
          errors++;
          expect(result.value).toBeNull();
          expect(result.errorCode).toBeDefined();
        } else {
          expect(typeof result.variation).toBe('string');
        }
      }
      expect(() => evaluateAll(ruleset, ctx, options)).not.toThrow();
    }
    expect(errors).toBeGreaterThan(0);
  });

  test('a ruleset that is not an object is a parse error', () => {
    for (const ruleset of [null, undefined, 7, 'flags', { flags: null }, { flags: [] }]) {
      expect(evaluate(ruleset as unknown as Ruleset, 'f', { key: 'u' }, NOW)).toMatchObject({
        reason: 'ERROR',
        errorCode: 'PARSE_ERROR',
        value: null,
      });
      expect(evaluateAll(ruleset as unknown as Ruleset, { key: 'u' }, NOW)).toEqual({});
    }
  });

  test('a prerequisite cycle across many flags is an error, not a stack overflow', () => {
    const flags: Record<string, FlagConfig> = {};
    for (let i = 0; i < 5000; i++) {
      flags[`c${i}`] = {
        ...rolloutFlag(`c${i}`, 'vexil', { variation: 'a' }),
        prerequisites: [{ flagKey: `c${(i + 1) % 5000}`, variation: 'a' }],
      };
    }
    const result = evaluate({ flags, segments: {} }, 'c0', { key: 'u' }, NOW);
    expect(result).toMatchObject({ reason: 'ERROR', errorCode: 'GENERAL', value: null });
  });

  test('a throwing context getter is reported as an error instead of thrown', () => {
    const context = { key: 'u' } as EvaluationContext;
    Object.defineProperty(context, 'plan', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    const flag = {
      ...rolloutFlag('f', 'vexil', { variation: 'a' }),
      rules: [
        {
          id: 'r',
          match: 'all' as const,
          conditions: [{ attribute: 'plan', operator: 'equals', values: ['x'] }],
          serve: { variation: 'b' },
        },
      ],
    };
    expect(evaluate(single(flag), 'f', context, NOW)).toMatchObject({
      reason: 'ERROR',
      errorCode: 'GENERAL',
    });
  });
});
