import { sharedTestPlatform, type Workspace } from '@vexil/testing';
import { expectPhaseFlagError } from '../../harness/phaseflag.js';

// PhaseFlag's SDK keys (routes.md §3.2): issued as `sdk-<env>-…`, working in every dialect.

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const keysOf = (ws: Workspace, environment: string, token = ws.account.accessToken) => ({
  list: () => vexil.http('GET', `/api/v1/api-keys?environment_id=${environment}`, { token }),
  create: (body: unknown) =>
    vexil.http('POST', `/api/v1/api-keys?environment_id=${environment}`, { token, body }),
});

const storedKeys = (ws: Workspace) =>
  vexil.sql(
    'select name, format, revoked_at from identity.api_keys where organization_id = ? order by name',
    [ws.account.organizationId],
  );

const evaluate = (headers: Record<string, string>) =>
  vexil.http('POST', '/api/v1/evaluate', {
    headers,
    body: { flags: ['*'], context: { user_key: 'user-1' } },
  });

describe('PhaseFlag /api-keys', () => {
  it('issues sdk-<env>- keys that evaluate in PhaseFlag and every other dialect, lists and revokes them', async () => {
    const ws = await vexil.workspace();
    await ws.createFlag('new-checkout');
    const created = await keysOf(ws, ws.env.production).create({ name: 'checkout service' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      data: {
        id: expect.any(String),
        name: 'checkout service',
        key: expect.stringMatching(/^sdk-production-[A-Za-z0-9]{42}$/),
        key_prefix: 'sdk-producti',
        type: 'server',
        scopes: [],
        environment_id: ws.env.production,
        created_at: expect.any(String),
        expires_at: null,
      },
    });
    const { id, key } = created.body.data;

    const phaseflag = await evaluate({ 'x-api-key': key });
    expect(phaseflag.status).toBe(200);
    expect(Object.keys(phaseflag.body.data.evaluations)).toEqual(['new-checkout']);
    const featuresignals = await vexil.http('POST', '/v1/evaluate', {
      headers: { authorization: `Bearer ${key}` },
      body: { flag_key: 'new-checkout', context: { key: 'user-1' } },
    });
    expect(featuresignals.status).toBe(200);
    const featureflags = await vexil.http('GET', '/api/flags', {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(featureflags.body.flags.map((flag: { key: string }) => flag.key)).toEqual(['new-checkout']);

    const listed = await keysOf(ws, ws.env.production).list();
    expect(listed.body).toEqual({
      data: [
        expect.objectContaining({
          id,
          name: 'checkout service',
          revoked_at: null,
          last_used_at: expect.any(String),
        }),
      ],
      meta: { page: 1, per_page: 50, total: 1 },
    });
    expect(JSON.stringify(listed.body)).not.toContain(key);

    const revoked = await vexil.http('DELETE', `/api/v1/api-keys/${id}`, { token: ws.account.accessToken });
    expect(revoked.status).toBe(204);
    expectPhaseFlagError(await evaluate({ 'x-api-key': key }), 401, 'UNAUTHENTICATED');
  });

  it('refuses bad input, strangers and SDK keys, and writes nothing', async () => {
    const ws = await vexil.workspace();
    const stranger = await vexil.workspace();
    const keys = keysOf(ws, ws.env.dev);
    const before = await storedKeys(ws);

    expectPhaseFlagError(await keys.create({}), 400, 'VALIDATION_FAILED');
    expectPhaseFlagError(await keys.create({ name: 'x'.repeat(101) }), 400, 'VALIDATION_FAILED');
    expectPhaseFlagError(await keys.create({ name: 'ok', expires_in_days: 0 }), 400, 'VALIDATION_FAILED');
    expectPhaseFlagError(
      await vexil.http('POST', '/api/v1/api-keys', { token: ws.account.accessToken, body: { name: 'ok' } }),
      400,
      'VALIDATION_FAILED',
    );
    expectPhaseFlagError(
      await keysOf(stranger, ws.env.dev).create({ name: 'theirs' }),
      404,
      'ENVIRONMENT_NOT_FOUND',
    );
    const sdkKey = (await ws.apiKey('client', 'dev')).key;
    const withSdkKey = await vexil.http('POST', `/api/v1/api-keys?environment_id=${ws.env.dev}`, {
      headers: { 'x-api-key': sdkKey },
      body: { name: 'escalate' },
    });
    expectPhaseFlagError(withSdkKey, 403, 'INSUFFICIENT_PERMISSIONS');
    const unknown = await vexil.http('DELETE', '/api/v1/api-keys/00000000-0000-4000-8000-000000000000', {
      token: ws.account.accessToken,
    });
    expectPhaseFlagError(unknown, 404, 'API_KEY_NOT_FOUND');

    const after = await storedKeys(ws);
    expect(after).toEqual([...before, { name: 'client key', format: 'vexil', revoked_at: null }]);
  });
});
