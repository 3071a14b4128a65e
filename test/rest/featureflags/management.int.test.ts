import { dialects } from '@vexil/gateway';
import { sharedTestPlatform, type HttpAnswer } from '@vexil/testing';
import {
  featureFlagsWorkspace,
  laravelPackage,
  rollout,
  type FeatureFlagsWorkspace,
} from '../../harness/featureflags.js';
import { NO_SUCH_ID } from '../../harness/rows.js';

// Issue 13: FeatureFlags' management API (routes.md §2.2, seed 002), used by its dashboard with a user's
// token, in Laravel's shapes; a flag's environment reads and writes the package's own model.

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const ISO = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/);
const UUID = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

/** The dashboard's calls as a signed-in user (or with any bearer credential), under one mount. */
function dashboard(token: string, base = '/api') {
  const call = (method: string, path: string, body?: unknown) =>
    vexil.http(method, `${base}${path}`, {
      token,
      headers: { accept: 'application/json' },
      ...(body !== undefined ? { body } : {}),
    });
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown) => call('POST', path, body),
    patch: (path: string, body: unknown) => call('PATCH', path, body),
    delete: (path: string) => call('DELETE', path),
  };
}

type Dashboard = ReturnType<typeof dashboard>;

const answered = (answer: HttpAnswer) => ({ status: answer.status, body: answer.body });

/** Laravel's 422: its message and the errors of each field. */
const invalid = (errors: Record<string, string[]>) => ({
  status: 422,
  body: { message: 'The given data was invalid.', errors },
});

/** The package's sync of the workspace's production key (routes.md §2.1). */
const sync = async (ws: FeatureFlagsWorkspace) =>
  (await vexil.http('GET', '/api/flags', { token: ws.key, headers: { accept: 'application/json' } })).body;

const synced = async (ws: FeatureFlagsWorkspace, key: string) =>
  (await sync(ws)).flags.find((flag: { key: string }) => flag.key === key);

/** A flag created through the dashboard; its id. */
async function createFlag(ff: Dashboard, ws: FeatureFlagsWorkspace, body: Record<string, unknown>) {
  const created = await ff.post(`/projects/${ws.projectId}/flags`, body);
  expect(created.status).toBe(201);
  return created.body.data.id as string;
}

/** What a refused write must leave as it was: the project's flags and every configuration version. */
const stored = async (ws: FeatureFlagsWorkspace) => ({
  flags: await vexil.sql(
    'select key, name, variations::text from flags.flags where project_id = ? order by key',
    [ws.projectId],
  ),
  versions: await vexil.sql(
    `select v.flag_id, v.environment_id, v.version from flags.flag_config_versions v
       join flags.flags f on f.id = v.flag_id where f.project_id = ? order by 1, 2, 3`,
    [ws.projectId],
  ),
});

// The seed's own PATCH body (seed 002, "Update Flag Config").
const SEED_PATCH = {
  enabled: true,
  default_value: false,
  rollout_percentage: 50,
  rules: [{ priority: 1, conditions: [{ trait: 'plan', operator: 'equals', value: 'pro' }], value: true }],
};

describe('FeatureFlags management: seed 002 replayed', () => {
  it('creates the seed’s flags, PATCHes their production config as the seed does, and reads back what it sent', async () => {
    const ws = await featureFlagsWorkspace(vexil);
    const ff = dashboard(ws.account.accessToken);
    const created = await ff.post(`/projects/${ws.projectId}/flags`, {
      key: 'new-checkout',
      name: 'New Checkout Flow',
      type: 'boolean',
    });
    expect(answered(created)).toEqual({
      status: 201,
      body: {
        data: {
          id: UUID,
          key: 'new-checkout',
          name: 'New Checkout Flow',
          description: '',
          type: 'boolean',
          created_at: ISO,
          updated_at: ISO,
          project_id: ws.projectId,
        },
      },
    });
    const flag = created.body.data;
    const config = `/flags/${flag.id}/environments/${ws.env.production}`;
    const expected = { flag_id: flag.id, environment_id: ws.env.production, ...SEED_PATCH };
    expect(answered(await ff.patch(config, SEED_PATCH))).toEqual({ status: 200, body: { data: expected } });
    expect(answered(await ff.get(config))).toEqual({ status: 200, body: { data: expected } });
    // The package syncs the same flag object (routes.md §2.1).
    const { flag_id: _flag, environment_id: _environment, ...configuration } = expected;
    expect(await synced(ws, 'new-checkout')).toEqual({
      key: 'new-checkout',
      name: 'New Checkout Flow',
      type: 'boolean',
      ...configuration,
      dependencies: [],
      variants: [true, false],
      experiment: null,
    });
    // `GET /api/flags/{id}` with a user's token beside the package's `GET /api/flags` with a key.
    expect(answered(await ff.get(`/flags/${flag.id}`))).toEqual({ status: 200, body: { data: flag } });

    // The seed's second flag, as its sync example shows it.
    const apiVersion = await createFlag(ff, ws, {
      key: 'api-version',
      name: 'API Version',
      type: 'string',
      default_value: 'v1',
    });
    const patched = await ff.patch(`/flags/${apiVersion}/environments/${ws.env.production}`, {
      enabled: true,
      default_value: 'v1',
      rollout_percentage: null,
      rules: [],
    });
    expect(patched.body.data).toEqual({
      flag_id: apiVersion,
      environment_id: ws.env.production,
      enabled: true,
      default_value: 'v1',
      rollout_percentage: null,
      rules: [],
    });
    expect(await synced(ws, 'api-version')).toMatchObject({
      key: 'api-version',
      name: 'API Version',
      type: 'string',
      enabled: true,
      default_value: 'v1',
      rollout_percentage: null,
      rules: [],
    });
  });

  it('answers the seed’s error responses in Laravel’s shapes', async () => {
    const ws = await featureFlagsWorkspace(vexil);
    const ff = dashboard(ws.account.accessToken);
    expect(answered(await vexil.http('GET', '/api/projects'))).toEqual({
      status: 401,
      body: { message: 'Unauthenticated.' },
    });
    const { key: publishable } = await ws.apiKey('client', 'production');
    expect(answered(await dashboard(publishable).get('/projects'))).toEqual({
      status: 403,
      body: { message: 'This action is unauthorized.' },
    });
    expect(answered(await ff.get(`/flags/${NO_SUCH_ID}`))).toEqual({
      status: 404,
      body: { message: 'Resource not found.' },
    });
    expect(answered(await ff.post(`/projects/${ws.projectId}/flags`, { name: 'No key' }))).toEqual(
      invalid({ key: ['The key field is required.'] }),
    );
  });
});

describe('FeatureFlags management: projects, environments and flags', () => {
  it('serves projects and their environments under every mount, in Laravel resources', async () => {
    const ws = await featureFlagsWorkspace(vexil);
    const [api, ...others] = ['/api', '/featureflags/v1', '/featureflags/v1/api'].map((base) =>
      dashboard(ws.account.accessToken, base),
    );
    const listed = await api!.get('/projects');
    expect(answered(listed)).toEqual({
      status: 200,
      body: {
        data: [
          { id: ws.projectId, name: expect.any(String), slug: 'default', created_at: ISO, updated_at: ISO },
        ],
        meta: { current_page: 1, per_page: 100, total: 1, last_page: 1 },
      },
    });
    for (const other of others) expect((await other.get('/projects')).body).toEqual(listed.body);

    const created = await api!.post('/projects', { name: 'Storefront', slug: 'storefront' });
    expect(answered(created)).toEqual({
      status: 201,
      body: { data: { id: UUID, name: 'Storefront', slug: 'storefront', created_at: ISO, updated_at: ISO } },
    });
    const project = created.body.data;
    expect((await api!.get(`/projects/${project.id}`)).body).toEqual({ data: project });
    const renamed = await api!.patch(`/projects/${project.id}`, { name: 'Storefront (web)' });
    expect(renamed.body).toEqual({ data: { ...project, name: 'Storefront (web)', updated_at: ISO } });
    expect((await api!.get('/projects?per_page=1&page=2')).body).toEqual({
      data: [renamed.body.data],
      meta: { current_page: 2, per_page: 1, total: 2, last_page: 2 },
    });

    const environments = await api!.get(`/projects/${project.id}/environments`);
    expect(environments.body.data).toEqual(
      ['dev', 'staging', 'production'].map((slug) => ({
        id: UUID,
        name: expect.any(String),
        slug,
        color: expect.any(String),
        created_at: ISO,
        project_id: project.id,
      })),
    );
    const qa = await api!.post(`/projects/${project.id}/environments`, { name: 'QA', slug: 'qa' });
    expect(answered(qa)).toEqual({
      status: 201,
      body: {
        data: { id: UUID, name: 'QA', slug: 'qa', color: '#6B7280', created_at: ISO, project_id: project.id },
      },
    });
    const environment = qa.body.data;
    expect(
      (await api!.patch(`/environments/${environment.id}`, { name: 'QA (EU)', color: '#22C55E' })).body,
    ).toEqual({
      data: { ...environment, name: 'QA (EU)', color: '#22C55E' },
    });
    expect((await api!.delete(`/environments/${environment.id}`)).status).toBe(204);
    expect((await api!.get(`/projects/${project.id}/environments`)).body.meta.total).toBe(3);

    const deleted = await api!.delete(`/projects/${project.id}`);
    expect({ status: deleted.status, text: deleted.text }).toEqual({ status: 204, text: '' });
    expect(answered(await api!.get(`/projects/${project.id}`))).toEqual({
      status: 404,
      body: { message: 'Resource not found.' },
    });
  });

  it('creates flags of every type, bucketed as the package buckets, each off and serving its value', async () => {
    const ws = await featureFlagsWorkspace(vexil);
    const ff = dashboard(ws.account.accessToken);
    const flags = `/projects/${ws.projectId}/flags`;
    expect(answered(await ff.post(flags, { key: 'theme', type: 'string' }))).toEqual(
      invalid({
        default_value: ['The default value field is required for a string flag: the value it starts with.'],
      }),
    );
    expect(answered(await ff.post(flags, { key: 'on', type: 'boolean', default_value: true }))).toEqual(
      invalid({
        default_value: [
          'The default value field must be false: a boolean flag starts off; set what it serves per environment.',
        ],
      }),
    );
    const theme = await createFlag(ff, ws, { key: 'theme', type: 'string', default_value: 'light' });
    const limits = await createFlag(ff, ws, {
      key: 'limits',
      type: 'json',
      description: 'Plan limits',
      default_value: { maxItems: 3, tiers: ['a'] },
    });
    expect(answered(await ff.post(flags, { key: 'theme', type: 'string', default_value: 'dark' }))).toEqual(
      invalid({ key: ['The key has already been taken.'] }),
    );
    expect((await ff.get(`/flags/${theme}/environments/${ws.env.dev}`)).body).toEqual({
      data: {
        flag_id: theme,
        environment_id: ws.env.dev,
        enabled: false,
        default_value: 'light',
        rollout_percentage: null,
        rules: [],
      },
    });
    // JSON values read back with their keys in the order they were written.
    expect((await ff.get(`/flags/${limits}/environments/${ws.env.dev}`)).text).toContain(
      '"default_value":{"maxItems":3,"tiers":["a"]}',
    );
    const { flag } = await ws.gql(
      `query ($id: ID!) { flag(id: $id) { configurations { bucketing { scheme } } } }`,
      { id: theme },
    );
    expect(flag.configurations).toEqual(
      Array.from({ length: 3 }, () => ({ bucketing: { scheme: 'featureflags' } })),
    );

    const listed = await ff.get(flags);
    expect(listed.body.data.map((item: { key: string }) => item.key)).toEqual(['theme', 'limits']);
    const renamed = await ff.patch(`/flags/${theme}`, { name: 'Theme', description: 'Light or dark' });
    expect(renamed.body.data).toEqual({
      ...listed.body.data[0],
      name: 'Theme',
      description: 'Light or dark',
      updated_at: ISO,
    });
    expect((await ff.delete(`/flags/${theme}`)).status).toBe(204);
    expect((await ff.get(`/flags/${theme}`)).status).toBe(404);
    expect((await sync(ws)).flags.map((item: { key: string }) => item.key)).toEqual(['limits']);
  });
});

describe('FeatureFlags management: a flag’s environment', () => {
  it('reads back every operator, sorted by priority, and the sync shows the same rules', async () => {
    const ws = await featureFlagsWorkspace(vexil);
    const ff = dashboard(ws.account.accessToken);
    await ws.gql(
      `mutation ($p: ID!) { createSegment(projectId: $p, input: { key: "beta-users", name: "Beta", match: "all",
         conditions: [{ attribute: "beta", operator: "equals", values: [true] }] }) { key } }`,
      { p: ws.projectId },
    );
    const id = await createFlag(ff, ws, { key: 'new-checkout', type: 'boolean' });
    const condition = (operator: string, value: unknown, trait = 'attribute') => ({ trait, operator, value });
    const rules = [
      {
        priority: 2,
        conditions: [
          condition('equals', 'pro', 'plan'),
          condition('not_equals', 'bot', 'kind'),
          condition('in', ['US', 'CA'], 'country'),
          condition('not_in', ['XX'], 'country'),
          condition('contains', 'ex', 'email'),
          condition('not_contains', 'spam', 'email'),
          condition('starts_with', 'a', 'name'),
          condition('ends_with', '@example.com', 'email'),
        ],
        value: true,
      },
      { priority: 1, conditions: [{ type: 'segment', segment: 'beta-users' }], value: true },
      {
        priority: 3,
        conditions: [
          condition('matches_regex', '/^\\/api\\/v[12]/i', 'path'),
          condition('gt', 1, 'seats'),
          condition('gte', 2, 'seats'),
          condition('lt', 100, 'seats'),
          condition('lte', 99, 'seats'),
          condition('semver_gt', '1.0.0', 'app'),
          condition('semver_gte', '1.2.0', 'app'),
          condition('semver_lt', '3.0.0', 'app'),
          condition('semver_lte', '2.9.9', 'app'),
          condition('before_date', '2030-01-01', 'signed_up'),
          condition('after_date', '2020-01-01', 'signed_up'),
          condition('percentage_of', 50, 'account'),
        ],
        value: false,
      },
    ];
    const body = { enabled: true, default_value: true, rollout_percentage: 12.5, rules };
    const config = `/flags/${id}/environments/${ws.env.production}`;
    const patched = await ff.patch(config, body);
    const expected = {
      flag_id: id,
      environment_id: ws.env.production,
      ...body,
      rules: [rules[1], rules[0], rules[2]],
    };
    expect(answered(patched)).toEqual({ status: 200, body: { data: expected } });
    expect((await ff.get(config)).body).toEqual({ data: expected });
    expect(await synced(ws, 'new-checkout')).toMatchObject({
      enabled: true,
      default_value: true,
      rollout_percentage: 12.5,
      rules: expected.rules,
    });
  });

  it('serves, through another dialect, what the package’s PHP client evaluates from its sync, for 300 contexts', async () => {
    const ws = await featureFlagsWorkspace(vexil);
    const ff = dashboard(ws.account.accessToken);
    await ws.gql(
      `mutation ($p: ID!) { createSegment(projectId: $p, input: { key: "beta-users", name: "Beta", match: "all",
         conditions: [{ attribute: "email", operator: "ends_with", values: ["@beta.example.com"] }] }) { key } }`,
      { p: ws.projectId },
    );
    const id = await createFlag(ff, ws, { key: 'checkout', type: 'boolean' });
    await ff.patch(`/flags/${id}/environments/${ws.env.production}`, {
      enabled: true,
      default_value: true,
      rollout_percentage: 25,
      rules: [
        {
          priority: 3,
          conditions: [{ trait: 'email', operator: 'matches_regex', value: '#^U1\\d#i' }],
          value: true,
        },
        { priority: 1, conditions: [{ trait: 'plan', operator: 'in', value: ['pro', 'team'] }], value: true },
        {
          priority: 2,
          conditions: [
            { type: 'segment', segment: 'beta-users' },
            { trait: 'seats', operator: 'lt', value: 10 },
          ],
          value: false,
        },
      ],
    });
    const contexts = Array.from({ length: 300 }, (_, index) => ({
      id: `user-${index}`,
      traits: {
        plan: index % 5 === 0 ? 'pro' : 'free',
        email: index % 7 === 0 ? `u${index}@beta.example.com` : `u${index}@example.com`,
        seats: index % 20,
      },
    }));
    const php = await laravelPackage(vexil, ws.key).sync(contexts);
    expect(php.status).toBe(200);
    const disagreements: string[] = [];
    const served = new Set<unknown>();
    for (const [index, context] of contexts.entries()) {
      const { body } = await vexil.http('POST', '/v1/evaluate', {
        headers: { 'x-api-key': ws.key },
        body: { flag_key: 'checkout', context: { key: context.id, attributes: context.traits } },
      });
      const expected = php.values.checkout![index];
      served.add(body.value);
      if (body.value !== expected)
        disagreements.push(`${context.id}: vexil ${body.value}, package ${expected}`);
    }
    expect(disagreements).toEqual([]);
    expect([...served].sort()).toEqual([false, true]);
  }, 60_000);

  it('writes only what a PATCH names; the rollout sets the package’s bucketing, a toggle keeps the one it had', async () => {
    const ws = await featureFlagsWorkspace(vexil);
    const ff = dashboard(ws.account.accessToken);
    // Rolled out through GraphQL on Vexil's own hash.
    const id = await ws.flag({ key: 'dark-mode', type: 'boolean' });
    await ws.configure(id, { defaultServe: rollout(3000) });
    const bucketing = async () =>
      (
        await ws.gql(
          `query ($id: ID!, $e: ID!) { flag(id: $id) { configuration(environmentId: $e) { bucketing { scheme } defaultServe { rollout { variation weight } } } } }`,
          { id, e: ws.env.production },
        )
      ).flag.configuration;
    const config = `/flags/${id}/environments/${ws.env.production}`;
    // The package cannot split users on Vexil's hash: it is shown the heaviest side for everyone.
    expect((await ff.get(config)).body.data).toMatchObject({
      default_value: false,
      rollout_percentage: null,
    });
    await ff.patch(config, { enabled: false });
    expect(await bucketing()).toEqual({ bucketing: { scheme: 'vexil' }, defaultServe: rollout(3000) });
    const read = async (body: Record<string, unknown>) => (await ff.patch(config, body)).body.data;
    expect(await read({ default_value: true, rollout_percentage: 30 })).toMatchObject({
      enabled: false,
      default_value: true,
      rollout_percentage: 30,
    });
    expect((await bucketing()).bucketing).toEqual({ scheme: 'featureflags' });
    expect(await read({ enabled: true })).toMatchObject({
      enabled: true,
      default_value: true,
      rollout_percentage: 30,
    });
    for (const rollout_percentage of [0, 0.29, 12.5, 99.99, 100, null])
      expect(await read({ default_value: true, rollout_percentage })).toMatchObject({
        default_value: true,
        rollout_percentage,
      });
    // The package lets in every bucket below pct × 100 as PHP computes it: 0.07 × 100 is 7.000000000000001,
    // so eight buckets, which reads back as 0.08 (the same users).
    expect(await read({ default_value: true, rollout_percentage: 0.07 })).toMatchObject({
      rollout_percentage: 0.08,
    });
  });

  it('refuses what the package’s model cannot say, or a flag cannot serve, naming the field and writing nothing', async () => {
    const ws = await featureFlagsWorkspace(vexil);
    const ff = dashboard(ws.account.accessToken);
    const toggle = await createFlag(ff, ws, { key: 'toggle', type: 'boolean' });
    const theme = await createFlag(ff, ws, { key: 'theme', type: 'string', default_value: 'light' });
    const at = (flag: string) => `/flags/${flag}/environments/${ws.env.production}`;
    const rule = (conditions: unknown[], value: unknown = true, priority = 1) => ({
      priority,
      conditions,
      value,
    });
    const before = await stored(ws);
    const cases: [string, unknown, Record<string, string[]>][] = [
      [
        theme,
        { default_value: 'dark', rollout_percentage: 50 },
        {
          rollout_percentage: [
            'The rollout percentage field must be null or 100 for a flag that cannot serve false, which the package serves outside a rollout.',
          ],
        },
      ],
      [theme, { default_value: 'dark', rollout_percentage: 0 }, { rollout_percentage: [expect.any(String)] }],
      [
        toggle,
        { default_value: 'yes', rollout_percentage: null },
        { default_value: ['The default value field must be a boolean.'] },
      ],
      [
        toggle,
        { default_value: true },
        { rollout_percentage: ['The rollout percentage field is required when default value is present.'] },
      ],
      [
        toggle,
        { rollout_percentage: 20 },
        { default_value: ['The default value field is required when rollout percentage is present.'] },
      ],
      [
        toggle,
        { default_value: true, rollout_percentage: 150 },
        { rollout_percentage: ['The rollout percentage field must be a number from 0 to 100, or null.'] },
      ],
      [
        toggle,
        {
          rules: [
            rule([
              { trait: 'a', operator: 'equals', value: 1 },
              { trait: 'b', operator: 'regex', value: 'x' },
            ]),
          ],
        },
        {
          'rules.0.conditions.1.operator': [
            expect.stringMatching(/^The rules\.0\.conditions\.1\.operator field must be one of "equals", /),
          ],
        },
      ],
      [
        toggle,
        { rules: [rule([{ trait: 'country', operator: 'in', value: 'US' }])] },
        { 'rules.0.conditions.0.value': ['The rules.0.conditions.0.value field must be a list for in.'] },
      ],
      [
        toggle,
        { rules: [rule([{ trait: 'path', operator: 'matches_regex', value: '^/api' }])] },
        { 'rules.0.conditions.0.value': [expect.stringContaining('between delimiters')] },
      ],
      [
        toggle,
        { rules: [rule([{ trait: 'path', operator: 'matches_regex', value: '/(a)\\1/' }])] },
        { 'rules.0.conditions.0.value': [expect.stringContaining('RE2')] },
      ],
      [
        toggle,
        { rules: [rule([{ operator: 'equals', value: 'pro' }])] },
        { 'rules.0.conditions.0.trait': ['The rules.0.conditions.0.trait field is required.'] },
      ],
      [
        toggle,
        { rules: [rule([{ type: 'segment', segment: 'nobody' }])] },
        { 'rules.0.conditions.0.segment': ['segment "nobody" does not exist'] },
      ],
      // Named where the request has it: the rule sent first is the second by priority.
      [
        toggle,
        { rules: [rule([], 'nope', 2), rule([], true, 1)] },
        { 'rules.0.value': ['The rules.0.value field must be a boolean.'] },
      ],
    ];
    for (const [flag, body, errors] of cases)
      expect([body, answered(await ff.patch(at(flag), body))]).toEqual([body, invalid(errors)]);
    const malformed = await vexil.http('PATCH', `/api${at(toggle)}`, {
      token: ws.account.accessToken,
      headers: { 'content-type': 'application/json' },
      body: '{"enabled": tru',
    });
    expect(answered(malformed)).toEqual(invalid({}));
    expect(await stored(ws)).toEqual(before);
  });

  it('refuses API keys (pk_, sk_, ff_live_) on every management route, and another organization’s ids as not found', async () => {
    const ws = await featureFlagsWorkspace(vexil);
    const other = await featureFlagsWorkspace(vexil);
    const ff = dashboard(ws.account.accessToken);
    const theirs = await createFlag(dashboard(other.account.accessToken), other, {
      key: 'theirs',
      type: 'boolean',
    });
    const mine = await createFlag(ff, ws, { key: 'mine', type: 'boolean' });
    const { key: publishable } = await ws.apiKey('client', 'production');
    const live = (await ff.post(`/environments/${ws.env.production}/regenerate-key`, {})).body.data.api_key;
    expect(live).toMatch(/^ff_live_/);
    const rows = dialects
      .find((dialect) => dialect.name === 'featureflags')!
      .routes.filter((row) => row.auth === 'user');
    expect(rows.length).toBeGreaterThanOrEqual(16);
    const before = await stored(ws);
    for (const key of [publishable, ws.key, live]) {
      for (const row of rows) {
        const path = row.path
          .replace(':projectID', ws.projectId)
          .replace(':envID', ws.env.production)
          .replace(':flagID', mine);
        const answer = await vexil.http(row.method, `/api${path}`, {
          token: key,
          ...(row.example ? { body: row.example } : {}),
        });
        expect([key.slice(0, 8), row.method, row.path, answered(answer)]).toEqual([
          key.slice(0, 8),
          row.method,
          row.path,
          { status: 403, body: { message: 'This action is unauthorized.' } },
        ]);
      }
    }
    expect(await stored(ws)).toEqual(before);

    const notFound = { status: 404, body: { message: 'Resource not found.' } };
    for (const answer of [
      await ff.get(`/flags/${theirs}`),
      await ff.patch(`/flags/${theirs}`, { name: 'Mine now' }),
      await ff.delete(`/flags/${theirs}`),
      await ff.get(`/flags/${theirs}/environments/${other.env.production}`),
      await ff.patch(`/flags/${theirs}/environments/${other.env.production}`, { enabled: true }),
      await ff.get(`/flags/${mine}/environments/${other.env.production}`),
      await ff.patch(`/flags/${mine}/environments/${other.env.production}`, { enabled: true }),
      await ff.get(`/projects/${other.projectId}`),
      await ff.delete(`/projects/${other.projectId}`),
      await ff.get(`/projects/${other.projectId}/flags`),
      await ff.post(`/projects/${other.projectId}/flags`, { key: 'planted', type: 'boolean' }),
      await ff.patch(`/environments/${other.env.production}`, { name: 'Mine' }),
      await ff.delete(`/environments/${other.env.production}`),
      await ff.get('/flags/not-a-uuid'),
    ])
      expect(answered(answer)).toEqual(notFound);
    expect(await stored(other)).toEqual(
      expect.objectContaining({ flags: [{ key: 'theirs', name: 'theirs', variations: expect.any(String) }] }),
    );
    expect(
      (await dashboard(other.account.accessToken).get(`/projects/${other.projectId}/environments`)).body.meta
        .total,
    ).toBe(3);
  });
});
