import { sharedTestPlatform } from '@vexil/testing';

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

/** A seeded generator, so a failing run can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}

const COUNTRIES = ['US', 'FR', 'DE', 'JP'];
const PLANS = ['free', 'pro', 'enterprise'];

/** A workspace with a server key for its production environment. */
async function workspace() {
  const ws = await vexil.workspace();
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const answer = await ws.gql(query, variables);
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    return answer.data;
  };
  const created = await vexil.http('POST', `/v1/environments/${ws.env.production}/api-keys`, {
    token: ws.account.accessToken,
    body: { name: 'sdk', type: 'server' },
  });
  expect(created.status).toBe(201);
  return { gql, projectId: ws.projectId, environmentId: ws.env.production!, key: created.body.key as string };
}

const fsReason: Record<string, string> = {
  TARGETING_MATCH: 'TARGETED',
  SPLIT: 'ROLLOUT',
  DEFAULT: 'FALLTHROUGH',
};

/**
 * FeatureSignals' reason for a GraphQL result: a split of a default serve that keeps every bucket (these
 * tests' rollouts have no `remainder`) is a state's `variants`, `VARIANT` (routes.md §1.6 step 8).
 */
const fsReasonOf = ({ reason, ruleId }: { reason: string; ruleId: string | null }) =>
  reason === 'SPLIT' && !ruleId ? 'VARIANT' : (fsReason[reason] ?? reason);

describe('SDK evaluation at the gateway', () => {
  it('answers exactly like GraphQL evaluate for random rulesets and contexts', async () => {
    const { gql, projectId, environmentId, key } = await workspace();
    const rng = random(20261125);
    await gql(
      `mutation ($p: ID!) { createSegment(projectId: $p, input: { key: "vip", included: ["user-1", "user-2"], conditions: [{ attribute: "plan", operator: "equals", values: ["enterprise"] }] }) { key } }`,
      {
        p: projectId,
      },
    );
    const keys: string[] = [];
    const booleans: string[] = [];
    for (let i = 0; i < 12; i++) {
      const type = rng.pick(['boolean', 'string', 'number'] as const);
      const variations =
        type === 'boolean'
          ? undefined
          : type === 'string'
            ? [
                { key: 'a', value: 'alpha' },
                { key: 'b', value: 'beta' },
                { key: 'c', value: 'gamma' },
              ]
            : [
                { key: 'a', value: 1 },
                { key: 'b', value: 2 },
                { key: 'c', value: 3 },
              ];
      const flagKey = `flag-${i}`;
      const { createFlag } = await gql(
        `mutation ($p: ID!, $input: CreateFlagInput!) { createFlag(projectId: $p, input: $input) { id variations { key } } }`,
        {
          p: projectId,
          input: { key: flagKey, type, ...(variations ? { variations } : {}) },
        },
      );
      const variationKeys = createFlag.variations.map((v: { key: string }) => v.key) as string[];
      const serve = () =>
        rng.next() < 0.5
          ? { variation: rng.pick(variationKeys) }
          : {
              rollout: [
                { variation: variationKeys[0], weight: 3000 + rng.int(4000) },
                { variation: variationKeys[1], weight: 3000 },
              ],
            };
      const condition = () =>
        rng.pick([
          { attribute: 'country', operator: 'in', values: [rng.pick(COUNTRIES), rng.pick(COUNTRIES)] },
          { attribute: 'plan', operator: 'equals', values: [rng.pick(PLANS)] },
          { attribute: 'age', operator: 'gte', values: [18 + rng.int(40)] },
          { attribute: 'version', operator: 'semver_gte', values: [`1.${rng.int(5)}.0`] },
          { attribute: 'email', operator: 'ends_with', values: ['@acme.com'] },
          { attribute: 'segment', operator: 'in_segment', values: ['vip'] },
        ]);
      await gql(
        `mutation ($input: UpdateFlagConfigurationInput!) { updateFlagConfiguration(input: $input) { version } }`,
        {
          input: {
            flagId: createFlag.id,
            environmentId,
            enabled: rng.next() < 0.85,
            targets:
              rng.next() < 0.3 ? [{ variation: rng.pick(variationKeys), values: ['user-3', 'user-4'] }] : [],
            rules: Array.from({ length: rng.int(3) }, (_, r) => ({
              id: `r${r}`,
              match: rng.pick(['all', 'any']),
              conditions: Array.from({ length: 1 + rng.int(2) }, condition),
              serve: serve(),
            })),
            defaultServe: serve(),
            // Prerequisites only on earlier boolean flags, so the graph stays acyclic.
            prerequisites:
              booleans.length > 0 && rng.next() < 0.3
                ? [{ flagKey: rng.pick(booleans), variation: 'on' }]
                : [],
          },
        },
      );
      keys.push(flagKey);
      if (type === 'boolean') booleans.push(flagKey);
    }

    const contexts = Array.from({ length: 40 }, (_, i) => ({
      key: `user-${i}`,
      attributes: {
        country: rng.pick(COUNTRIES),
        plan: rng.pick(PLANS),
        age: 10 + rng.int(60),
        version: `1.${rng.int(6)}.${rng.int(3)}`,
        ...(rng.next() < 0.3 ? { email: `u${i}@acme.com` } : {}),
      },
    }));
    for (const context of contexts) {
      const { evaluate } = await gql(
        `query ($e: ID!, $c: JSON!, $k: [String!]) { evaluate(environmentId: $e, context: $c, flagKeys: $k) { flagKey value variation reason ruleId } }`,
        {
          e: environmentId,
          c: { key: context.key, ...context.attributes },
          k: keys,
        },
      );
      const bulk = await vexil.http('POST', '/v1/evaluate/bulk', {
        headers: { 'x-api-key': key },
        body: { flag_keys: keys, context },
      });
      expect(bulk.status).toBe(200);
      for (const expected of evaluate) {
        expect(bulk.body[expected.flagKey]).toEqual({
          flag_key: expected.flagKey,
          value: expected.value,
          reason: fsReasonOf(expected),
          ...(expected.variation ? { variant_key: expected.variation } : {}),
        });
      }
    }
  });

  it('sees a change on the next evaluation within 100 ms', async () => {
    const { gql, projectId, environmentId, key } = await workspace();
    const { createFlag } = await gql(
      `mutation ($p: ID!) { createFlag(projectId: $p, input: { key: "switch", type: "boolean" }) { id } }`,
      { p: projectId },
    );
    const ask = async () =>
      (
        await vexil.http('POST', '/v1/evaluate', {
          headers: { 'x-api-key': key },
          body: { flag_key: 'switch', context: { key: 'u' } },
        })
      ).body;
    expect(await ask()).toEqual({ flag_key: 'switch', value: false, reason: 'DISABLED', variant_key: 'off' });
    await gql(
      `mutation ($f: ID!, $e: ID!) { setFlagEnabled(flagId: $f, environmentId: $e, enabled: true) { version } }`,
      { f: createFlag.id, e: environmentId },
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await ask()).toEqual({
      flag_key: 'switch',
      value: true,
      reason: 'FALLTHROUGH',
      variant_key: 'on',
    });
  });

  it('answers the client route as a flat map, and refuses another environment’s key', async () => {
    const { key } = await workspace();
    const flags = await vexil.http('GET', '/v1/client/production/flags?key=user-1', {
      headers: { 'x-api-key': key },
    });
    expect(flags.status).toBe(200);
    expect(flags.body).toEqual({});
    const other = await vexil.http('GET', '/v1/client/dev/flags', { headers: { 'x-api-key': key } });
    expect(other.status).toBe(403);
    expect(other.body.error).toBe('API key does not belong to environment dev');
  });

  it('rejects bad input with 400 and missing or unknown keys with 401', async () => {
    const { key } = await workspace();
    const headers = { 'x-api-key': key };
    const missing = await vexil.http('POST', '/v1/evaluate', { headers, body: { context: { key: 'u' } } });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('flag_key and context.key are required');
    expect(
      (
        await vexil.http('POST', '/v1/evaluate/bulk', {
          headers,
          body: { flag_keys: Array(101).fill('x'), context: { key: 'u' } },
        })
      ).status,
    ).toBe(400);
    expect(
      (await vexil.http('POST', '/v1/evaluate', { body: { flag_key: 'x', context: { key: 'u' } } })).status,
    ).toBe(401);
    expect(
      (
        await vexil.http('POST', '/v1/evaluate', {
          headers: { 'x-api-key': 'sk_nope' },
          body: { flag_key: 'x', context: { key: 'u' } },
        })
      ).status,
    ).toBe(401);
  });
});

describe('API keys for environments created later', () => {
  it('can be issued for an environment added after the project, and evaluate there', async () => {
    const ws = await vexil.workspace();
    const { data } = await ws.gql(
      `mutation ($p: ID!) { createEnvironment(projectId: $p, input: { name: "QA" }) { id key } }`,
      { p: ws.projectId },
    );
    const created = await vexil.http('POST', `/v1/environments/${data.createEnvironment.id}/api-keys`, {
      token: ws.account.accessToken,
      body: { name: 'qa', type: 'client' },
    });
    expect(created.status).toBe(201);
    const flags = await vexil.http('GET', '/v1/client/qa/flags?key=u1', {
      headers: { 'x-api-key': created.body.key },
    });
    expect(flags.status).toBe(200);
  });
});
