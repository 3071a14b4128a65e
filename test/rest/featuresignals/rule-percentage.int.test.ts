import { murmur3 } from '@vexil/evaluation';
import { sharedTestPlatform } from '@vexil/testing';

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

interface Condition {
  attribute: string;
  operator: 'eq' | 'in' | 'gte' | 'endsWith';
  values: string[];
}

interface FsRule {
  id: string;
  priority: number;
  match_type: 'all' | 'any';
  conditions: Condition[];
  segment_keys: string[];
  percentage: number;
  value: boolean;
}

interface FsState {
  enabled: true;
  default_value: boolean;
  percentage_rollout: number;
  variants: [];
  rules: FsRule[];
}

type User = { key: string; attributes: Record<string, string | number> };

const SEGMENT = {
  key: 'staff',
  name: 'Staff',
  match_type: 'all' as const,
  rules: [{ attribute: 'email', operator: 'endsWith' as const, values: ['@acme.com'] }],
};

/** A FeatureSignals boolean flag's own `default_value` (flag.mapping.ts allows no other). */
const FLAG_DEFAULT = false;

// Deliberately in priority order different from list order, and with partial rules ahead of whole ones,
// so that a context outside a percentage has somewhere to fall through to. The last three have a
// `percentage_rollout` (step 7), with a state default that is and one that is not the flag's.
const FLAGS: Record<string, FsState> = {
  checkout: {
    enabled: true,
    default_value: true,
    percentage_rollout: 0,
    variants: [],
    rules: [
      {
        id: 'pro-trial',
        priority: 1,
        match_type: 'all',
        conditions: [{ attribute: 'plan', operator: 'eq', values: ['pro'] }],
        segment_keys: [],
        percentage: 3000,
        value: false,
      },
      {
        id: 'adults',
        priority: 3,
        match_type: 'all',
        conditions: [{ attribute: 'age', operator: 'gte', values: ['18'] }],
        segment_keys: [],
        percentage: 6000,
        value: false,
      },
      {
        id: 'europe',
        priority: 2,
        match_type: 'any',
        conditions: [
          { attribute: 'country', operator: 'in', values: ['FR', 'DE'] },
          { attribute: 'plan', operator: 'eq', values: ['enterprise'] },
        ],
        segment_keys: [],
        percentage: 10000,
        value: false,
      },
    ],
  },
  gate: {
    enabled: true,
    default_value: false,
    percentage_rollout: 0,
    variants: [],
    rules: [
      {
        id: 'staff-half',
        priority: 1,
        match_type: 'all',
        conditions: [],
        segment_keys: ['staff'],
        percentage: 5000,
        value: true,
      },
      {
        id: 'us-some',
        priority: 2,
        match_type: 'all',
        conditions: [{ attribute: 'country', operator: 'eq', values: ['US'] }],
        segment_keys: [],
        percentage: 2000,
        value: true,
      },
      {
        id: 'everyone-few',
        priority: 3,
        match_type: 'all',
        conditions: [],
        segment_keys: [],
        percentage: 500,
        value: true,
      },
    ],
  },
  'rollout-on': {
    enabled: true,
    default_value: true,
    percentage_rollout: 3000,
    variants: [],
    rules: [
      {
        id: 'pro-half',
        priority: 1,
        match_type: 'all',
        conditions: [{ attribute: 'plan', operator: 'eq', values: ['pro'] }],
        segment_keys: [],
        percentage: 5000,
        value: false,
      },
    ],
  },
  'rollout-off': {
    enabled: true,
    default_value: false,
    percentage_rollout: 4000,
    variants: [],
    rules: [
      {
        id: 'staff',
        priority: 1,
        match_type: 'all',
        conditions: [],
        segment_keys: ['staff'],
        percentage: 10000,
        value: true,
      },
    ],
  },
  'rollout-all': {
    enabled: true,
    default_value: true,
    percentage_rollout: 10000,
    variants: [],
    rules: [],
  },
};

/** FeatureSignals' condition operators used here, on `fmt.Sprintf("%v")` of the attribute (§1.6). */
function holds(condition: Condition, user: User): boolean {
  const raw = condition.attribute === 'key' ? user.key : user.attributes[condition.attribute];
  if (raw === undefined) return false;
  const text = String(raw);
  const [first] = condition.values;
  switch (condition.operator) {
    case 'eq':
      return text === first;
    case 'in':
      return condition.values.includes(text);
    case 'gte':
      return Number(text) >= Number(first);
    case 'endsWith':
      return text.endsWith(first!);
  }
}

function allOrAny(matchType: 'all' | 'any', conditions: Condition[], user: User): boolean {
  return matchType === 'any'
    ? conditions.some((condition) => holds(condition, user))
    : conditions.every((condition) => holds(condition, user));
}

/** A rule's segments (any of them) and its own conditions (§1.6 step 6), whatever its percentage. */
function ruleMatches(rule: FsRule, user: User): boolean {
  const inSegment = rule.segment_keys.length === 0 || allOrAny(SEGMENT.match_type, SEGMENT.rules, user);
  return inSegment && allOrAny(rule.match_type, rule.conditions, user);
}

/**
 * FeatureSignals' evaluation of an enabled flag without prerequisites, written from routes.md §1.6
 * steps 6, 7 and 9 (these states have no variants, so step 8 is idle).
 */
function featureSignals(flagKey: string, state: FsState, user: User) {
  const bucket = murmur3(`${flagKey}.${user.key}`) % 10000;
  for (const rule of [...state.rules].sort((a, b) => a.priority - b.priority)) {
    if (!ruleMatches(rule, user)) continue;
    if (rule.percentage >= 10000) return { value: rule.value, reason: 'TARGETED', rule: rule.id, bucket };
    if (rule.percentage > 0 && bucket < rule.percentage)
      return { value: rule.value, reason: 'ROLLOUT', rule: rule.id, bucket };
  }
  if (state.percentage_rollout > 0) {
    return bucket < state.percentage_rollout
      ? { value: state.default_value, reason: 'ROLLOUT', rule: null, bucket }
      : { value: FLAG_DEFAULT, reason: 'FALLTHROUGH', rule: null, bucket };
  }
  return { value: state.default_value, reason: 'FALLTHROUGH', rule: null, bucket };
}

/** A seeded generator, so a failing run can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return <T>(items: readonly T[]): T => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return items[Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * items.length)]!;
  };
}

function users(count: number): User[] {
  const pick = random(11);
  const ages = Array.from({ length: 60 }, (_, i) => 10 + i);
  return Array.from({ length: count }, (_, i) => ({
    key: `user-${i}`,
    attributes: {
      plan: pick(['free', 'pro', 'pro', 'enterprise']),
      country: pick(['US', 'US', 'FR', 'DE', 'JP', 'BR']),
      age: pick(ages),
      ...(pick([true, false, false]) ? { email: `u${i}@acme.com` } : { email: `u${i}@mail.test` }),
    },
  }));
}

/** Runs `task` over `items`, `width` at a time. */
async function inBatches<T, R>(items: T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let at = 0; at < items.length; at += width) {
    results.push(...(await Promise.all(items.slice(at, at + width).map(task))));
  }
  return results;
}

describe('FeatureSignals rule percentage and percentage_rollout (routes.md §1.6 steps 6 and 7)', () => {
  it('serves a rule to the buckets below its percentage, the rollout to those below percentage_rollout, and the flag default to the rest, user by user', async () => {
    const ws = await vexil.workspace();
    const token = ws.account.accessToken;
    const base = `/v1/projects/${ws.projectId}`;
    expect((await vexil.http('POST', `${base}/segments`, { token, body: SEGMENT })).status).toBe(201);
    for (const [key, state] of Object.entries(FLAGS)) {
      const created = await vexil.http('POST', `${base}/flags`, {
        token,
        body: { key, name: key, flag_type: 'boolean' },
      });
      expect(created.status).toBe(201);
      const put = await vexil.http('PUT', `${base}/flags/${key}/environments/${ws.env.production}`, {
        token,
        body: state,
      });
      expect(put.status).toBe(200);
      // Read back as sent: the same `value` and `percentage` per rule, in priority order.
      const sent = [...state.rules].sort((a, b) => a.priority - b.priority);
      const read = await vexil.http('GET', `${base}/flags/${key}/environments/${ws.env.production}`, {
        token,
      });
      for (const body of [put.body, read.body]) expect(body).toEqual({ ...body, ...state, rules: sent });
    }

    const { key: apiKey } = await ws.apiKey('server', 'production');
    const flagKeys = Object.keys(FLAGS);
    const evaluateBulk = async (user: User) => {
      const answer = await vexil.http('POST', '/v1/evaluate/bulk', {
        headers: { 'x-api-key': apiKey },
        body: { flag_keys: flagKeys, context: user },
      });
      expect(answer.status).toBe(200);
      return answer.body as Record<string, { flag_key: string; value: unknown; reason: string }>;
    };
    // The gateway learns of the PUTs from change events; wait until it serves both flags enabled.
    const probe = users(1)[0]!;
    for (let attempt = 0; attempt < 100; attempt++) {
      const answer = await evaluateBulk(probe);
      if (flagKeys.every((key) => answer[key]?.reason !== 'DISABLED')) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    const population = users(1200);
    const answers = await inBatches(population, 25, evaluateBulk);
    // Outcomes of each partial rule, to show that every branch of step 6 was exercised.
    const seen: Record<string, { inside: number; fellThrough: number; outside: number }> = {};
    const rollouts: Record<string, { inside: number; outside: number }> = {};
    const wrong: unknown[] = [];
    population.forEach((user, index) => {
      for (const [flagKey, state] of Object.entries(FLAGS)) {
        const expected = featureSignals(flagKey, state, user);
        const actual = answers[index]![flagKey]!;
        if (actual.value !== expected.value || actual.reason !== expected.reason) {
          wrong.push({ user, flagKey, expected, actual });
        }
        if (expected.rule === null && state.percentage_rollout > 0) {
          const tally = (rollouts[flagKey] ??= { inside: 0, outside: 0 });
          if (expected.reason === 'ROLLOUT') tally.inside += 1;
          else tally.outside += 1;
        }
        for (const rule of state.rules.filter((r) => r.percentage < 10000)) {
          const tally = (seen[`${flagKey}/${rule.id}`] ??= { inside: 0, fellThrough: 0, outside: 0 });
          if (!ruleMatches(rule, user)) tally.outside += 1;
          else if (expected.bucket < rule.percentage) tally.inside += 1;
          else tally.fellThrough += 1;
        }
      }
    });
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(Object.keys(seen).sort()).toEqual([
      'checkout/adults',
      'checkout/pro-trial',
      'gate/everyone-few',
      'gate/staff-half',
      'gate/us-some',
      'rollout-on/pro-half',
    ]);
    for (const [rule, tally] of Object.entries(seen)) {
      expect({ rule, inside: tally.inside >= 20, fellThrough: tally.fellThrough >= 20 }).toEqual({
        rule,
        inside: true,
        fellThrough: true,
      });
      // Only the catch-all rule has nobody outside its conditions.
      expect(tally.outside === 0).toBe(rule === 'gate/everyone-few');
    }
    // Step 7 had users on both sides of each partial percentage_rollout, and nobody outside a whole one.
    expect(rollouts).toEqual({
      'rollout-on': { inside: expect.any(Number), outside: expect.any(Number) },
      'rollout-off': { inside: expect.any(Number), outside: expect.any(Number) },
      'rollout-all': { inside: expect.any(Number), outside: 0 },
    });
    for (const [flagKey, tally] of Object.entries(rollouts)) {
      expect({ flagKey, inside: tally.inside >= 20 }).toEqual({ flagKey, inside: true });
      if (flagKey !== 'rollout-all')
        expect({ flagKey, outside: tally.outside >= 20 }).toEqual({ flagKey, outside: true });
    }
  });
});
