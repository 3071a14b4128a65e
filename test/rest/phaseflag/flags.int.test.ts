import { sharedTestPlatform, type Workspace } from '@vexil/testing';
import { expectPhaseFlagError } from '../../harness/phaseflag.js';

// PhaseFlag flag management (routes.md §3.1): `/api/v1/flags` in its envelopes, flags addressed by id
// and shown in one environment.

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const ISO = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/);

/** PhaseFlag's routes as a workspace's owner, in one of its environments. */
function client(ws: Workspace, environment = ws.env.dev, token = ws.account.accessToken) {
  const at = (path: string) => `/api/v1${path}${path.includes('?') ? '&' : '?'}environment_id=${environment}`;
  return {
    get: (path: string) => vexil.http('GET', at(path), { token }),
    send: (method: 'POST' | 'PUT' | 'DELETE', path: string, body?: Record<string, unknown>) =>
      vexil.http(method, at(path), { token, ...(body ? { body } : {}) }),
  };
}

const BOOLEAN_VARIATIONS = [
  { key: 'on', name: 'On', value: true },
  { key: 'off', name: 'Off', value: false },
];

/** The flags of a project, straight from the database: what a refused request must not change. */
const storedFlags = (ws: Workspace) =>
  vexil.sql(
    'select key, name, description, variations::text, archived_at from flags.flags where project_id = ? order by key',
    [ws.projectId],
  );

describe('PhaseFlag /flags', () => {
  it('creates, reads, toggles, updates, archives and lists the history of a flag in its shapes', async () => {
    const ws = await vexil.workspace();
    const pf = client(ws);
    const created = await pf.send('POST', '/flags', {
      key: 'new-checkout',
      name: 'New checkout',
      description: 'The one-page checkout',
      flag_type: 'boolean',
      variations: BOOLEAN_VARIATIONS,
      default_variation: 'off',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      data: {
        id: expect.any(String),
        key: 'new-checkout',
        name: 'New checkout',
        description: 'The one-page checkout',
        flag_type: 'boolean',
        status: 'inactive',
        enabled: false,
        variations: BOOLEAN_VARIATIONS,
        default_variation: 'off',
        targeting_rules_count: 0,
        environment_id: ws.env.dev,
        created_at: ISO,
        updated_at: ISO,
      },
    });
    const flag = created.body.data;
    expect(await pf.get(`/flags/${flag.id}`)).toMatchObject({ status: 200, body: { data: flag } });

    const toggled = await pf.send('POST', `/flags/${flag.id}/toggle`, { enabled: true });
    expect(toggled.status).toBe(200);
    expect(toggled.body).toEqual({ data: { ...flag, status: 'active', enabled: true } });
    // On in dev only: production still shows it inactive.
    expect((await client(ws, ws.env.production).get(`/flags/${flag.id}`)).body.data).toEqual({
      ...flag,
      environment_id: ws.env.production,
    });

    const updated = await pf.send('PUT', `/flags/${flag.id}`, {
      name: 'One-page checkout',
      description: 'For everyone',
      variations: [
        { key: 'on', name: 'Enabled', value: true },
        { key: 'off', value: false },
      ],
    });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toEqual({
      ...flag,
      name: 'One-page checkout',
      description: 'For everyone',
      status: 'active',
      enabled: true,
      variations: [
        { key: 'on', name: 'Enabled', value: true },
        { key: 'off', name: 'off', value: false },
      ],
      updated_at: ISO,
    });

    const history = await pf.get(`/flags/${flag.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body).toEqual({
      data: [
        {
          version: 1,
          changed_by: `user:${ws.account.userId}`,
          created_at: ISO,
          flag: updated.body.data,
        },
      ],
      meta: { page: 1, per_page: 50, total: 1 },
    });

    const archived = await pf.send('DELETE', `/flags/${flag.id}`);
    expect(archived.status).toBe(204);
    expect(archived.text).toBe('');
    expect((await pf.get(`/flags/${flag.id}`)).body.data).toMatchObject({ status: 'archived' });
    expect((await pf.get('/flags')).body).toEqual({ data: [], meta: { page: 1, per_page: 50, total: 0 } });
    expect((await pf.get('/flags?status=archived')).body.data).toEqual([
      expect.objectContaining({ id: flag.id, status: 'archived' }),
    ]);
  });

  it('creates flags of every type, their default variation what an inactive flag serves', async () => {
    const ws = await vexil.workspace();
    const pf = client(ws);
    const theme = await pf.send('POST', '/flags', {
      key: 'theme',
      name: 'Theme',
      flag_type: 'string',
      variations: [
        { key: 'light', name: 'Light', value: 'light' },
        { key: 'dark', name: 'Dark', value: 'dark' },
      ],
      default_variation: 'dark',
    });
    expect(theme.status).toBe(201);
    expect(theme.body.data).toMatchObject({
      flag_type: 'string',
      default_variation: 'dark',
      variations: [
        { key: 'dark', name: 'Dark', value: 'dark' },
        { key: 'light', name: 'Light', value: 'light' },
      ],
    });
    const limits = await pf.send('POST', '/flags', {
      key: 'limits',
      flag_type: 'json',
      variations: [{ key: 'basic', value: { maxItems: 3, tiers: ['a'] } }],
    });
    expect(limits.body.data).toMatchObject({
      name: 'limits',
      description: '',
      default_variation: 'basic',
      variations: [{ key: 'basic', name: 'basic', value: { maxItems: 3, tiers: ['a'] } }],
    });
    // A boolean flag without variations gets on/off, inactive at off.
    expect((await pf.send('POST', '/flags', { key: 'plain', flag_type: 'boolean' })).body.data).toMatchObject(
      {
        default_variation: 'off',
        variations: [
          { key: 'on', name: 'on', value: true },
          { key: 'off', name: 'off', value: false },
        ],
      },
    );
  });

  it('refuses bad flags with 422, 409, 404 and 400 in its error shape, writing nothing', async () => {
    const ws = await vexil.workspace();
    const pf = client(ws);
    const first = await pf.send('POST', '/flags', { key: 'taken', flag_type: 'boolean' });
    expect(first.status).toBe(201);
    const before = await storedFlags(ws);

    expectPhaseFlagError(
      await pf.send('POST', '/flags', {
        key: 'three-way',
        flag_type: 'boolean',
        variations: [...BOOLEAN_VARIATIONS, { key: 'maybe', value: true }],
      }),
      422,
      'VARIATION_COUNT_INVALID',
    );
    expectPhaseFlagError(
      await pf.send('POST', '/flags', {
        key: 'one-way',
        flag_type: 'boolean',
        variations: [BOOLEAN_VARIATIONS[0]!],
      }),
      422,
      'VARIATION_COUNT_INVALID',
    );
    expectPhaseFlagError(
      await pf.send('POST', '/flags', { key: 'taken', flag_type: 'boolean' }),
      409,
      'FLAG_KEY_CONFLICT',
    );
    const badType = await pf.send('POST', '/flags', { key: 'typed', flag_type: 'percent' });
    expectPhaseFlagError(badType, 400, 'VALIDATION_FAILED');
    expect(badType.body.error.details).toEqual({ flag_type: [expect.stringMatching(/must be one of/)] });
    expectPhaseFlagError(
      await pf.send('POST', '/flags', { key: 'off-on', flag_type: 'boolean', default_variation: 'on' }),
      400,
      'VALIDATION_FAILED',
    );
    expectPhaseFlagError(
      await pf.send('PUT', `/flags/${first.body.data.id}`, { variations: [BOOLEAN_VARIATIONS[0]!] }),
      422,
      'VARIATION_COUNT_INVALID',
    );
    expect(await storedFlags(ws)).toEqual(before);

    // Unknown flags, whether UUIDs or not, and environments of no project of the caller's.
    const unknown = '0b6f3c2a-1d4e-4f5a-8b9c-7d6e5f4a3b2c';
    for (const path of [`/flags/${unknown}`, '/flags/flg_01HXNOTAUUID', `/flags/${unknown}/history`])
      expectPhaseFlagError(await pf.get(path), 404, 'FLAG_NOT_FOUND');
    expectPhaseFlagError(
      await pf.send('POST', `/flags/${unknown}/toggle`, { enabled: true }),
      404,
      'FLAG_NOT_FOUND',
    );
    expectPhaseFlagError(await pf.send('DELETE', '/flags/not-a-uuid'), 404, 'FLAG_NOT_FOUND');
    const elsewhere = client(ws, unknown);
    expectPhaseFlagError(await elsewhere.get('/flags'), 404, 'ENVIRONMENT_NOT_FOUND');
    expectPhaseFlagError(await elsewhere.get(`/flags/${first.body.data.id}`), 404, 'ENVIRONMENT_NOT_FOUND');
    expectPhaseFlagError(
      await elsewhere.send('POST', '/flags', { key: 'lost' }),
      404,
      'ENVIRONMENT_NOT_FOUND',
    );
    // Another organization's flag is not found either.
    const other = await vexil.workspace();
    expectPhaseFlagError(await client(other).get(`/flags/${first.body.data.id}`), 404, 'FLAG_NOT_FOUND');
    expectPhaseFlagError(
      await client(other, other.env.dev).send('POST', `/flags/${first.body.data.id}/toggle`, {
        enabled: true,
      }),
      404,
      'FLAG_NOT_FOUND',
    );

    const missing = await vexil.http('GET', '/api/v1/flags', { token: ws.account.accessToken });
    expectPhaseFlagError(missing, 400, 'VALIDATION_FAILED');
    expect(missing.body.error.details).toEqual({ environment_id: ['is required'] });
    expect(await storedFlags(ws)).toEqual(before);
  });

  it('refuses client keys, server keys and no credentials on every management route', async () => {
    const ws = await vexil.workspace();
    const id = await ws.createFlag('guarded');
    const before = await storedFlags(ws);
    const { key: clientKey } = await ws.apiKey('client', 'dev');
    const { key: serverKey } = await ws.apiKey('server', 'dev');
    const q = `environment_id=${ws.env.dev}`;
    const routes: [string, string, Record<string, unknown>?][] = [
      ['GET', `/api/v1/flags?${q}`],
      ['POST', `/api/v1/flags?${q}`, { key: 'sneaky', flag_type: 'boolean' }],
      ['GET', `/api/v1/flags/${id}?${q}`],
      ['PUT', `/api/v1/flags/${id}?${q}`, { name: 'Sneaky' }],
      ['DELETE', `/api/v1/flags/${id}`],
      ['POST', `/api/v1/flags/${id}/toggle?${q}`, { enabled: true }],
      ['GET', `/api/v1/flags/${id}/history?${q}`],
    ];
    for (const [method, path, body] of routes) {
      const options = body ? { body } : {};
      expectPhaseFlagError(await vexil.http(method, path, options), 401, 'UNAUTHENTICATED');
      for (const key of [clientKey, serverKey])
        expectPhaseFlagError(
          await vexil.http(method, path, { ...options, headers: { 'x-api-key': key } }),
          403,
          'INSUFFICIENT_PERMISSIONS',
        );
    }
    expect(await storedFlags(ws)).toEqual(before);
  });

  it('filters, searches, sorts and pages in the environment', async () => {
    const ws = await vexil.workspace();
    const pf = client(ws, ws.env.staging);
    const made: Record<string, any> = {};
    // Names sort differently from keys and from creation order.
    const specs = [
      { key: 'k-05', name: 'Echo', flag_type: 'string', variations: [{ key: 'a', value: 'a' }] },
      { key: 'k-03', name: 'Charlie checkout', flag_type: 'boolean' },
      { key: 'k-01', name: 'Alpha', flag_type: 'number', variations: [{ key: 'one', value: 1 }] },
      { key: 'k-04', name: 'Delta', flag_type: 'boolean', description: 'the CHECKOUT banner' },
      { key: 'k-02', name: 'Bravo', flag_type: 'json', variations: [{ key: 'x', value: { a: 1 } }] },
      { key: 'checkout_50', name: 'Foxtrot 50%', flag_type: 'boolean' },
    ];
    for (const spec of specs) made[spec.key] = (await pf.send('POST', '/flags', spec)).body.data;
    for (const key of ['k-03', 'k-01', 'checkout_50'])
      expect((await pf.send('POST', `/flags/${made[key].id}/toggle`, { enabled: true })).status).toBe(200);
    expect((await pf.send('DELETE', `/flags/${made['k-02'].id}`)).status).toBe(204);

    const keys = async (query: string) => {
      const answer = await pf.get(`/flags?${query}`);
      expect(answer.status).toBe(200);
      return { keys: answer.body.data.map((flag: any) => flag.key), meta: answer.body.meta };
    };
    // Default: live flags, oldest first.
    expect(await keys('')).toEqual({
      keys: ['k-05', 'k-03', 'k-01', 'k-04', 'checkout_50'],
      meta: { page: 1, per_page: 50, total: 5 },
    });
    expect((await keys('status=active')).keys).toEqual(['k-03', 'k-01', 'checkout_50']);
    expect((await keys('status=inactive')).keys).toEqual(['k-05', 'k-04']);
    expect((await keys('status=archived')).keys).toEqual(['k-02']);
    expect((await keys('flag_type=boolean')).keys).toEqual(['k-03', 'k-04', 'checkout_50']);
    expect((await keys('flag_type=boolean&status=inactive')).keys).toEqual(['k-04']);
    // Key, name or description, in any case; `%` and `_` are themselves.
    expect((await keys('search=Checkout')).keys).toEqual(['k-03', 'k-04', 'checkout_50']);
    expect((await keys('search=t%2050%25')).keys).toEqual(['checkout_50']);
    expect((await keys('search=k_0')).keys).toEqual([]);
    expect((await keys('sort=name')).keys).toEqual(['k-01', 'k-03', 'k-04', 'k-05', 'checkout_50']);
    expect((await keys('sort=key&order=desc')).keys).toEqual(['k-05', 'k-04', 'k-03', 'k-01', 'checkout_50']);
    expect((await keys('sort=created_at&order=desc')).keys).toEqual([
      'checkout_50',
      'k-04',
      'k-01',
      'k-03',
      'k-05',
    ]);
    // Renaming moves a flag to the end of `updated_at` order.
    await pf.send('PUT', `/flags/${made['k-05'].id}`, { description: 'touched' });
    expect((await keys('sort=updated_at')).keys.at(-1)).toBe('k-05');

    // Pages of two, across three pages, with the whole total on each.
    const pages = [];
    for (const page of [1, 2, 3, 4]) pages.push(await keys(`sort=name&per_page=2&page=${page}`));
    expect(pages).toEqual([
      { keys: ['k-01', 'k-03'], meta: { page: 1, per_page: 2, total: 5 } },
      { keys: ['k-04', 'k-05'], meta: { page: 2, per_page: 2, total: 5 } },
      { keys: ['checkout_50'], meta: { page: 3, per_page: 2, total: 5 } },
      { keys: [], meta: { page: 4, per_page: 2, total: 5 } },
    ]);
    // At most 200 a page.
    expect((await keys('per_page=500')).meta).toEqual({ page: 1, per_page: 200, total: 5 });

    // GraphQL clients page the same list by cursor.
    const byCursor = async (after: string | null) =>
      (
        await ws.mutate(
          `query ($id: ID!, $after: String) { environment(id: $id) {
            flags(first: 2, after: $after, orderBy: NAME) { totalCount pageInfo { hasNextPage endCursor } nodes { flag { key } } }
          } }`,
          { id: ws.env.staging, after },
        )
      ).environment.flags;
    const firstPage = await byCursor(null);
    const secondPage = await byCursor(firstPage.pageInfo.endCursor);
    expect(secondPage).toMatchObject({
      totalCount: 5,
      pageInfo: { hasNextPage: true },
      nodes: [{ flag: { key: 'k-04' } }, { flag: { key: 'k-05' } }],
    });
    const lastPage = await byCursor(secondPage.pageInfo.endCursor);
    expect(lastPage).toMatchObject({
      pageInfo: { hasNextPage: false },
      nodes: [{ flag: { key: 'checkout_50' } }],
    });
    const foreign = await ws.gql(
      `query ($id: ID!) { environment(id: $id) { flags(after: "bm9wZQ") { totalCount } } }`,
      {
        id: ws.env.staging,
      },
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');

    // The list shows each flag as the single-flag route does.
    const listed = (await pf.get('/flags?search=k-03')).body.data[0];
    expect(listed).toEqual((await pf.get(`/flags/${made['k-03'].id}`)).body.data);
    expect(listed).toMatchObject({ status: 'active', enabled: true, environment_id: ws.env.staging });

    for (const query of ['status=paused', 'flag_type=ab', 'sort=priority', 'order=up', 'page=0'])
      expectPhaseFlagError(await pf.get(`/flags?${query}`), 400, 'VALIDATION_FAILED');
  });

  it('counts targeting rules and pages history', async () => {
    const ws = await vexil.workspace();
    const pf = client(ws);
    const id = await ws.createFlag('ruled');
    await ws.mutate(
      `mutation ($input: UpdateFlagConfigurationInput!) { updateFlagConfiguration(input: $input) { version } }`,
      {
        input: {
          flagId: id,
          environmentId: ws.env.dev,
          rules: ['a', 'b'].map((rule) => ({
            id: rule,
            match: 'all',
            conditions: [{ attribute: 'plan', operator: 'equals', values: [rule] }],
            serve: { variation: 'on' },
          })),
        },
      },
    );
    expect((await pf.get(`/flags/${id}`)).body.data.targeting_rules_count).toBe(2);
    for (const enabled of [true, false, true]) await pf.send('POST', `/flags/${id}/toggle`, { enabled });
    const page = await pf.get(`/flags/${id}/history?per_page=3&page=2`);
    expect(page.body.meta).toEqual({ page: 2, per_page: 3, total: 4 });
    expect(page.body.data).toEqual([
      expect.objectContaining({
        version: 1,
        flag: expect.objectContaining({ targeting_rules_count: 2, enabled: false }),
      }),
    ]);
  });
});
