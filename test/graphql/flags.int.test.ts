import { murmur3 } from '@vexil/evaluation';
import { sharedTestPlatform } from '@vexil/testing';

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const workspace = () => vexil.workspace();

const CREATE_FLAG = `mutation ($projectId: ID!, $input: CreateFlagInput!) {
  createFlag(projectId: $projectId, input: $input) { id key type variations { key value } archived }
}`;
const CONFIGURE = `mutation ($input: UpdateFlagConfigurationInput!) {
  updateFlagConfiguration(input: $input) { enabled version offVariation defaultServe { variation rollout { variation weight } } rules { id } }
}`;
const EVALUATE = `query ($environmentId: ID!, $context: JSON!, $flagKeys: [String!]) {
  evaluate(environmentId: $environmentId, context: $context, flagKeys: $flagKeys) { flagKey value variation reason ruleId errorCode }
}`;

async function createFlag(ws: Awaited<ReturnType<typeof workspace>>, input: Record<string, unknown>) {
  return vexil.graphql(CREATE_FLAG, { projectId: ws.projectId, input }, ws.account.accessToken);
}

describe('flags', () => {
  it('creates a boolean flag with on/off variations, off everywhere at version 0', async () => {
    const ws = await workspace();
    const created = await createFlag(ws, { key: 'new-checkout', type: 'boolean' });
    expect(created.errors).toBeUndefined();
    expect(created.data.createFlag).toMatchObject({
      key: 'new-checkout',
      type: 'boolean',
      variations: [
        { key: 'on', value: true },
        { key: 'off', value: false },
      ],
      archived: false,
    });
    const { data } = await vexil.graphql(
      `query ($id: ID!) { flag(id: $id) { configurations { environment { key } enabled version offVariation } } }`,
      { id: created.data.createFlag.id },
      ws.account.accessToken,
    );
    expect(data.flag.configurations).toEqual(
      ['dev', 'staging', 'production'].map((key) => ({
        environment: { key },
        enabled: false,
        version: 0,
        offVariation: 'off',
      })),
    );
  });

  it('refuses a boolean flag without exactly two boolean variations (VARIATION_COUNT_INVALID)', async () => {
    const ws = await workspace();
    const { errors } = await createFlag(ws, {
      key: 'three',
      type: 'boolean',
      variations: [
        { key: 'a', value: true },
        { key: 'b', value: false },
        { key: 'c', value: true },
      ],
    });
    expect(errors?.[0]?.extensions?.code).toBe('VARIATION_COUNT_INVALID');
  });

  it('refuses a duplicate key (FLAG_KEY_CONFLICT), a bad key and a variation of the wrong type', async () => {
    const ws = await workspace();
    await createFlag(ws, { key: 'dup', type: 'boolean' });
    expect((await createFlag(ws, { key: 'dup', type: 'boolean' })).errors?.[0]?.extensions?.code).toBe(
      'FLAG_KEY_CONFLICT',
    );
    expect((await createFlag(ws, { key: 'has space', type: 'boolean' })).errors?.[0]?.extensions?.code).toBe(
      'VALIDATION_FAILED',
    );
    const wrongType = await createFlag(ws, {
      key: 'num',
      type: 'number',
      variations: [{ key: 'a', value: 'ten' }],
    });
    expect(wrongType.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { 'variations.0.value': ['must be a number'] },
    });
  });

  it('answers another organization’s project as not found', async () => {
    const alice = await workspace();
    const mallory = await workspace();
    const { errors } = await vexil.graphql(
      CREATE_FLAG,
      { projectId: alice.projectId, input: { key: 'x', type: 'boolean' } },
      mallory.account.accessToken,
    );
    expect(errors?.[0]?.extensions?.code).toBe('PROJECT_NOT_FOUND');
  });
});

it('starts every environment with the bucketing the flag was created with, until one is configured otherwise', async () => {
  const ws = await workspace();
  const created = await createFlag(ws, {
    key: 'ported',
    type: 'boolean',
    bucketing: { scheme: 'featureflags' },
  });
  expect(created.errors).toBeUndefined();
  const id = created.data.createFlag.id;
  const environment = await ws.mutate(
    `mutation ($p: ID!) { createEnvironment(projectId: $p, input: { name: "QA", key: "qa" }) { id } }`,
    { p: ws.projectId },
  );
  const bucketings = async () =>
    (
      await vexil.graphql(
        `query ($id: ID!) { flag(id: $id) { configurations { environment { key } bucketing { scheme } } } }`,
        { id },
        ws.account.accessToken,
      )
    ).data.flag.configurations;
  // An environment created after the flag starts with it too.
  expect(await bucketings()).toEqual(
    ['dev', 'staging', 'production', 'qa'].map((key) => ({
      environment: { key },
      bucketing: { scheme: 'featureflags' },
    })),
  );
  await ws.mutate(CONFIGURE, {
    input: { flagId: id, environmentId: environment.createEnvironment.id, bucketing: { scheme: 'vexil' } },
  });
  expect((await bucketings()).map((c: any) => c.bucketing.scheme)).toEqual([
    'featureflags',
    'featureflags',
    'featureflags',
    'vexil',
  ]);
  // A context lands where the FeatureFlags formula puts it: murmur3(flagKey + key) % 10000.
  await ws.mutate(CONFIGURE, {
    input: {
      flagId: id,
      environmentId: ws.env.production,
      enabled: true,
      defaultServe: {
        rollout: [
          { variation: 'on', weight: 5000 },
          { variation: 'off', weight: 5000 },
        ],
      },
    },
  });
  const keys = Array.from({ length: 20 }, (_, index) => `user-${index}`);
  const served = await Promise.all(
    keys.map(async (key) => {
      const { data } = await vexil.graphql(
        EVALUATE,
        { environmentId: ws.env.production, context: { key }, flagKeys: ['ported'] },
        ws.account.accessToken,
      );
      return data.evaluate[0].value;
    }),
  );
  expect(served).toEqual(keys.map((key) => murmur3(`ported${key}`) % 10_000 < 5000));
});

it('refuses a bucketing of no known scheme, creating nothing', async () => {
  const ws = await workspace();
  const { errors } = await createFlag(ws, { key: 'odd', type: 'boolean', bucketing: { scheme: 'md5' } });
  expect(errors?.[0]?.extensions).toMatchObject({
    code: 'VALIDATION_FAILED',
    fields: { 'bucketing.scheme': [expect.stringContaining('featureflags')] },
  });
  expect(await vexil.sql('select 1 from flags.flags where project_id = ?', [ws.projectId])).toEqual([]);
});

describe('flag configuration', () => {
  it('versions every change and refuses a stale version with CONFLICT, keeping the newer write', async () => {
    const ws = await workspace();
    const flag = (await createFlag(ws, { key: 'banner', type: 'boolean' })).data.createFlag;
    const base = { flagId: flag.id, environmentId: ws.env.production };
    const first = await vexil.graphql(
      CONFIGURE,
      { input: { ...base, expectedVersion: 0, enabled: true } },
      ws.account.accessToken,
    );
    expect(first.data.updateFlagConfiguration).toMatchObject({ enabled: true, version: 1 });
    const stale = await vexil.graphql(
      CONFIGURE,
      { input: { ...base, expectedVersion: 0, enabled: false } },
      ws.account.accessToken,
    );
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const { data } = await vexil.graphql(
      `query ($id: ID!) { flag(id: $id) { configuration(environmentKey: "production") { enabled version } } }`,
      { id: flag.id },
      ws.account.accessToken,
    );
    expect(data.flag.configuration).toEqual({ enabled: true, version: 1 });
  });

  it('refuses rollouts over 100% (RULE_ROLLOUT_EXCEEDS_100) and unknown variations, writing nothing', async () => {
    const ws = await workspace();
    const flag = (await createFlag(ws, { key: 'split', type: 'boolean' })).data.createFlag;
    const base = { flagId: flag.id, environmentId: ws.env.dev };
    const over = await vexil.graphql(
      CONFIGURE,
      {
        input: {
          ...base,
          defaultServe: {
            rollout: [
              { variation: 'on', weight: 6000 },
              { variation: 'off', weight: 5000 },
            ],
          },
        },
      },
      ws.account.accessToken,
    );
    expect(over.errors?.[0]?.extensions?.code).toBe('RULE_ROLLOUT_EXCEEDS_100');
    const unknown = await vexil.graphql(
      CONFIGURE,
      { input: { ...base, offVariation: 'maybe' } },
      ws.account.accessToken,
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const badOperator = await vexil.graphql(
      CONFIGURE,
      {
        input: {
          ...base,
          rules: [
            {
              id: 'r1',
              match: 'all',
              conditions: [{ attribute: 'plan', operator: 'resembles', values: ['x'] }],
              serve: { variation: 'on' },
            },
          ],
        },
      },
      ws.account.accessToken,
    );
    expect(badOperator.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const { data } = await vexil.graphql(
      `query ($id: ID!) { flag(id: $id) { configuration(environmentKey: "dev") { version offVariation } } }`,
      { id: flag.id },
      ws.account.accessToken,
    );
    expect(data.flag.configuration).toEqual({ version: 0, offVariation: 'off' });
  });

  it('refuses prerequisites that would form a cycle', async () => {
    const ws = await workspace();
    const a = (await createFlag(ws, { key: 'a', type: 'boolean' })).data.createFlag;
    const b = (await createFlag(ws, { key: 'b', type: 'boolean' })).data.createFlag;
    const env = ws.env.dev;
    const ok = await vexil.graphql(
      CONFIGURE,
      { input: { flagId: a.id, environmentId: env, prerequisites: [{ flagKey: 'b', variation: 'on' }] } },
      ws.account.accessToken,
    );
    expect(ok.errors).toBeUndefined();
    const cycle = await vexil.graphql(
      CONFIGURE,
      { input: { flagId: b.id, environmentId: env, prerequisites: [{ flagKey: 'a', variation: 'on' }] } },
      ws.account.accessToken,
    );
    expect(cycle.errors?.[0]?.message).toMatch(/cycle: b → a → b/);
  });

  it('rolls back to an earlier version as a new version', async () => {
    const ws = await workspace();
    const flag = (await createFlag(ws, { key: 'rb', type: 'boolean' })).data.createFlag;
    const base = { flagId: flag.id, environmentId: ws.env.staging };
    await vexil.graphql(CONFIGURE, { input: { ...base, enabled: true } }, ws.account.accessToken);
    await vexil.graphql(
      CONFIGURE,
      { input: { ...base, enabled: false, offVariation: 'on' } },
      ws.account.accessToken,
    );
    const { data } = await vexil.graphql(
      `mutation ($f: ID!, $e: ID!) { rollbackFlagConfiguration(flagId: $f, environmentId: $e, version: 1) { enabled offVariation version } }`,
      { f: flag.id, e: ws.env.staging },
      ws.account.accessToken,
    );
    expect(data.rollbackFlagConfiguration).toEqual({ enabled: true, offVariation: 'off', version: 3 });
  });
});

describe('serving by value', () => {
  const SERVED = `mutation ($input: UpdateFlagConfigurationInput!) {
    updateFlagConfiguration(input: $input) {
      version offVariation offValue
      rules { serve { variation value } }
      defaultServe { variation value rollout { variation value weight } }
      flag { variations { key value } }
    }
  }`;

  it('finds the variation of a named value or adds one, for rules, rollout slices and the off serve', async () => {
    const ws = await workspace();
    const flag = (
      await createFlag(ws, { key: 'cta', type: 'string', variations: [{ key: 'control', value: 'blue' }] })
    ).data.createFlag;
    const written = await vexil.graphql(
      SERVED,
      {
        input: {
          flagId: flag.id,
          environmentId: ws.env.dev,
          enabled: true,
          offValue: 'grey',
          rules: [{ id: 'all', match: 'all', conditions: [], serve: { value: 'blue' } }],
          defaultServe: {
            rollout: [
              { value: 'light green', weight: 6000 },
              { value: 'blue', weight: 4000 },
            ],
          },
        },
      },
      ws.account.accessToken,
    );
    expect(written.errors).toBeUndefined();
    expect(written.data.updateFlagConfiguration).toEqual({
      version: 1,
      offVariation: 'grey',
      offValue: 'grey',
      rules: [{ serve: { variation: 'control', value: 'blue' } }],
      defaultServe: {
        variation: null,
        value: null,
        rollout: [
          { variation: 'light-green', value: 'light green', weight: 6000 },
          { variation: 'control', value: 'blue', weight: 4000 },
        ],
      },
      flag: {
        variations: [
          { key: 'control', value: 'blue' },
          { key: 'grey', value: 'grey' },
          { key: 'light-green', value: 'light green' },
        ],
      },
    });
    const { data } = await vexil.graphql(
      `query ($id: ID!, $e: ID!) { flag(id: $id) { configuration(environmentId: $e) { version offValue } } }`,
      { id: flag.id, e: ws.env.dev },
      ws.account.accessToken,
    );
    expect(data.flag.configuration).toEqual({ version: 1, offValue: 'grey' });
  });

  it('refuses a value of another type than the flag’s, adding no variation and no version', async () => {
    const ws = await workspace();
    const flag = (await createFlag(ws, { key: 'limit', type: 'number', values: [10] })).data.createFlag;
    expect(flag.variations).toEqual([{ key: '10', value: 10 }]);
    const refused = await vexil.graphql(
      SERVED,
      {
        input: {
          flagId: flag.id,
          environmentId: ws.env.dev,
          offValue: 0,
          defaultServe: {
            rollout: [
              { value: 20, weight: 5000 },
              { value: '30', weight: 5000 },
            ],
          },
        },
      },
      ws.account.accessToken,
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { 'defaultServe.rollout.1.value': ['must be a number'] },
    });
    const { data } = await vexil.graphql(
      `query ($id: ID!) { flag(id: $id) { variations { key } configuration(environmentKey: "dev") { version } } }`,
      { id: flag.id },
      ws.account.accessToken,
    );
    expect(data.flag).toEqual({ variations: [{ key: '10' }], configuration: { version: 0 } });
  });
});

describe('evaluate', () => {
  it('serves off, targets, rules with segments, and the default, with OpenFeature reasons', async () => {
    const ws = await workspace();
    const token = ws.account.accessToken;
    const flag = (
      await createFlag(ws, {
        key: 'checkout',
        type: 'string',
        variations: [
          { key: 'old', value: 'v1' },
          { key: 'new', value: 'v2' },
        ],
      })
    ).data.createFlag;
    const env = ws.env.production;
    const context = (key: string, extra: Record<string, unknown> = {}) => ({ key, ...extra });
    const run = async (ctx: Record<string, unknown>) =>
      (await vexil.graphql(EVALUATE, { environmentId: env, context: ctx, flagKeys: ['checkout'] }, token))
        .data.evaluate[0];

    expect(await run(context('u1'))).toMatchObject({ value: 'v1', variation: 'old', reason: 'DISABLED' });

    await vexil.graphql(
      `mutation ($p: ID!) { createSegment(projectId: $p, input: { key: "beta", included: ["u9"], conditions: [{ attribute: "email", operator: "ends_with", values: ["@acme.com"] }] }) { key } }`,
      { p: ws.projectId },
      token,
    );
    const configured = await vexil.graphql(
      CONFIGURE,
      {
        input: {
          flagId: flag.id,
          environmentId: env,
          enabled: true,
          targets: [{ variation: 'new', values: ['vip'] }],
          rules: [
            {
              id: 'us',
              match: 'all',
              conditions: [{ attribute: 'country', operator: 'equals', values: ['US'] }],
              serve: { variation: 'new' },
            },
            {
              id: 'beta',
              match: 'any',
              conditions: [{ attribute: 'segment', operator: 'in_segment', values: ['beta'] }],
              serve: { variation: 'new' },
            },
          ],
          defaultServe: { variation: 'old' },
        },
      },
      token,
    );
    expect(configured.errors).toBeUndefined();
    expect(await run(context('vip'))).toMatchObject({ value: 'v2', reason: 'TARGETING_MATCH' });
    expect(await run(context('u2', { country: 'US' }))).toMatchObject({
      value: 'v2',
      reason: 'TARGETING_MATCH',
      ruleId: 'us',
    });
    expect(await run(context('u3', { email: 'x@acme.com' }))).toMatchObject({ value: 'v2', ruleId: 'beta' });
    expect(await run(context('u9'))).toMatchObject({ value: 'v2', ruleId: 'beta' });
    expect(await run(context('u4', { country: 'FR' }))).toMatchObject({
      value: 'v1',
      variation: 'old',
      reason: 'DEFAULT',
    });

    const missing = await vexil.graphql(
      EVALUATE,
      { environmentId: env, context: context('u1'), flagKeys: ['nope'] },
      token,
    );
    expect(missing.data.evaluate[0]).toMatchObject({
      value: null,
      reason: 'ERROR',
      errorCode: 'FLAG_NOT_FOUND',
    });
  });

  it('refuses a context without a string key, and another organization’s environment', async () => {
    const ws = await workspace();
    const other = await workspace();
    const noKey = await vexil.graphql(
      EVALUATE,
      { environmentId: ws.env.dev, context: { country: 'US' } },
      ws.account.accessToken,
    );
    expect(noKey.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const foreign = await vexil.graphql(
      EVALUATE,
      { environmentId: ws.env.dev, context: { key: 'u' } },
      other.account.accessToken,
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('ENVIRONMENT_NOT_FOUND');
  });
});

describe('segments', () => {
  it('cannot be deleted while a rule of their project uses them; a same-key segment elsewhere is unaffected', async () => {
    const ws = await workspace();
    const gql = (query: string, variables: Record<string, unknown>) =>
      vexil.graphql(query, variables, ws.account.accessToken);
    const other = (await gql(`mutation { createProject(input: { name: "Other" }) { id } }`, {})).data
      .createProject.id;
    for (const p of [ws.projectId, other]) {
      await gql(
        `mutation ($p: ID!) { createSegment(projectId: $p, input: { key: "beta", included: ["u1"] }) { key } }`,
        { p },
      );
    }
    const flag = (await createFlag(ws, { key: 'gated', type: 'boolean' })).data.createFlag;
    const rule = {
      id: 'r',
      match: 'all',
      conditions: [{ attribute: 'key', operator: 'in_segment', values: ['beta'] }],
      serve: { variation: 'on' },
    };
    await gql(CONFIGURE, { input: { flagId: flag.id, environmentId: ws.env.dev, rules: [rule] } });
    const remove = (p: string) =>
      gql(`mutation ($p: ID!) { deleteSegment(projectId: $p, key: "beta") { key } }`, { p });

    expect((await remove(ws.projectId)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await remove(other)).errors).toBeUndefined();
    await gql(CONFIGURE, { input: { flagId: flag.id, environmentId: ws.env.dev, rules: [] } });
    expect((await remove(ws.projectId)).errors).toBeUndefined();
  });
});
