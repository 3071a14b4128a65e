import { startTestPlatform, type Registered, type TestPlatform } from '@vexil/testing';
import { auditActions, environmentsOf, expectError, joinAs } from '../../harness/featuresignals.js';

let vexil: TestPlatform;
let owner: Registered;
let env: Record<string, string>;
// Its own platform: a test advances the clock to end a rotated key's grace period.
beforeAll(async () => {
  vexil = await startTestPlatform();
  owner = await vexil.register();
  env = await environmentsOf(vexil, owner);
});
afterAll(() => vexil?.dispose());

const createKey = (
  token: string,
  environmentId: string,
  body: Record<string, unknown> = { name: 'Backend' },
) => vexil.http('POST', `/v1/environments/${environmentId}/api-keys`, { token, body });

/** A GraphQL read any server key of the organization may make. */
const readWithKey = (headers: Record<string, string>) =>
  vexil.http('POST', '/graphql', { body: { query: '{ organization { id } }' }, headers });

describe('POST /v1/environments/{envID}/api-keys', () => {
  it('creates a server key (201) in the seed 004 format; only its hash is stored', async () => {
    const answer = await createKey(owner.accessToken, env.production!, {
      name: 'Backend',
      expires_in_days: 30,
      scopes: ['flag:read'],
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      id: expect.any(String),
      key: expect.stringMatching(/^sk_production_[A-Za-z0-9]{10}_[A-Za-z0-9]{32}$/),
      key_prefix: answer.body.key.slice(0, 12),
      name: 'Backend',
      type: 'server',
      scopes: ['flag:read'],
      env_id: env.production,
      created_at: expect.any(String),
      expires_at: expect.any(String),
    });
    const rows = await vexil.sql('select secret_hash from identity.api_keys where id = ?', [answer.body.id]);
    expect(rows[0]!.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(answer.body.key.split('_').at(-1));
  });

  it('creates a client key with the pk_ prefix', async () => {
    const answer = await createKey(owner.accessToken, env.dev!, { name: 'Web', type: 'client' });
    expect(answer.body.key).toMatch(/^pk_dev_/);
  });

  it.each([
    ['no name', {}],
    ['a number for the name', { name: 5 }],
    ['an unknown type', { name: 'x', type: 'admin' }],
    ['a negative expiry', { name: 'x', expires_in_days: -1 }],
    ['a fractional expiry', { name: 'x', expires_in_days: 1.5 }],
    ['an unknown scope', { name: 'x', scopes: ['everything'] }],
    ['scopes on a client key', { name: 'x', type: 'client', scopes: ['flag:read'] }],
  ])('rejects %s with 400 and creates nothing', async (_case, body) => {
    const before = await vexil.http('GET', `/v1/environments/${env.staging}/api-keys`, {
      token: owner.accessToken,
    });
    expectError(await createKey(owner.accessToken, env.staging!, body), 400, 'VALIDATION_FAILED');
    const after = await vexil.http('GET', `/v1/environments/${env.staging}/api-keys`, {
      token: owner.accessToken,
    });
    expect(after.body.total).toBe(before.body.total);
  });

  it('answers an unknown or malformed environment with 404', async () => {
    expectError(
      await createKey(owner.accessToken, '00000000-0000-0000-0000-000000000000'),
      404,
      'ENVIRONMENT_NOT_FOUND',
    );
    expectError(await createKey(owner.accessToken, 'production'), 404, 'ENVIRONMENT_NOT_FOUND');
  });
});

describe('GET /v1/environments/{envID}/api-keys', () => {
  it('lists keys with their prefix and last use, never the key', async () => {
    const created = await createKey(owner.accessToken, env.staging!, { name: 'Lister' });
    expect((await readWithKey({ 'x-api-key': created.body.key })).status).toBe(200);
    const list = await vexil.http('GET', `/v1/environments/${env.staging}/api-keys?limit=100`, {
      token: owner.accessToken,
    });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ limit: 100, offset: 0, has_more: false });
    const listed = list.body.data.find((k: { id: string }) => k.id === created.body.id);
    expect(listed).toEqual(
      expect.objectContaining({
        key_prefix: created.body.key.slice(0, 12),
        name: 'Lister',
        type: 'server',
        env_id: env.staging,
        last_used_at: expect.any(String),
        revoked_at: null,
      }),
    );
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
  });
});

describe('authenticating with a key', () => {
  it('accepts X-API-Key, x-secret-key and Authorization: Bearer', async () => {
    const { body } = await createKey(owner.accessToken, env.production!);
    const ways: Record<string, string>[] = [
      { 'x-api-key': body.key },
      { 'x-secret-key': body.key },
      { authorization: `Bearer ${body.key}` },
    ];
    for (const headers of ways) {
      const answer = await readWithKey(headers);
      expect(answer.body).toEqual({ data: { organization: { id: owner.organizationId } } });
    }
  });

  it('refuses an unknown or forged key with 401', async () => {
    const { body } = await createKey(owner.accessToken, env.production!);
    const forged = body.key.slice(0, -4) + 'AAAA';
    for (const key of [forged, 'sk_production_AAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB', 'sk_nonsense']) {
      const answer = await readWithKey({ 'x-api-key': key });
      expect(answer.status).toBe(401);
      expect(answer.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a pk_ key on everything but evaluation with 403', async () => {
    const { body } = await createKey(owner.accessToken, env.dev!, { name: 'Browser', type: 'client' });
    const headers = { 'x-api-key': body.key };
    const graphql = await readWithKey(headers);
    expect(graphql.status).toBe(403);
    expect(graphql.body.errors[0].extensions.code).toBe('INSUFFICIENT_PERMISSIONS');
    const mutation = await vexil.http('POST', '/graphql', {
      body: { query: 'mutation { createProject(input: { name: "x" }) { id } }' },
      headers,
    });
    expect(mutation.status).toBe(403);
    expectError(await vexil.http('GET', '/v1/members', { headers }), 403, 'INSUFFICIENT_PERMISSIONS');
    expectError(
      await vexil.http('GET', `/v1/environments/${env.dev}/api-keys`, { headers }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
    expectError(
      await vexil.http('POST', '/v1/auth/login', { headers, body: { email: owner.email, password: 'x' } }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
  });

  it('lets a server key do what its scopes allow and nothing about people or keys', async () => {
    const readOnly = await createKey(owner.accessToken, env.production!, {
      name: 'Reader',
      scopes: ['flag:read'],
    });
    const writer = await createKey(owner.accessToken, env.production!, { name: 'Writer' });
    const create = (key: string) =>
      vexil.http('POST', '/graphql', {
        body: { query: 'mutation { createProject(input: { name: "By key" }) { slug } }' },
        headers: { 'x-api-key': key },
      });
    expect((await create(readOnly.body.key)).body.errors[0].extensions.code).toBe('INSUFFICIENT_PERMISSIONS');
    expect((await create(writer.body.key)).body.data.createProject.slug).toBe('by-key');
    expectError(
      await vexil.http('POST', `/v1/environments/${env.production}/api-keys`, {
        headers: { 'x-api-key': writer.body.key },
        body: { name: 'Escalate' },
      }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
  });
});

describe('revoking', () => {
  it('is immediate: the next request with the key fails', async () => {
    const { body } = await createKey(owner.accessToken, env.production!);
    expect((await readWithKey({ 'x-api-key': body.key })).status).toBe(200);
    const revoked = await vexil.http('DELETE', `/v1/api-keys/${body.id}`, { token: owner.accessToken });
    expect(revoked.status).toBe(204);
    expect((await readWithKey({ 'x-api-key': body.key })).status).toBe(401);
  });

  it('answers an unknown key with 404 "API key not found"', async () => {
    const answer = await vexil.http('DELETE', '/v1/api-keys/00000000-0000-0000-0000-000000000000', {
      token: owner.accessToken,
    });
    expectError(answer, 404, 'API_KEY_NOT_FOUND');
    expect(answer.body.error).toBe('API key not found');
    expectError(
      await vexil.http('DELETE', '/v1/api-keys/nope', { token: owner.accessToken }),
      404,
      'API_KEY_NOT_FOUND',
    );
  });
});

describe('rotating', () => {
  it('accepts grace_minutes and answers the union of both documented shapes (201)', async () => {
    const old = await createKey(owner.accessToken, env.production!, { name: 'Rotor' });
    const answer = await vexil.http('POST', `/v1/api-keys/${old.body.id}/rotate`, {
      token: owner.accessToken,
      body: { grace_minutes: 30 },
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      key: expect.objectContaining({ id: expect.any(String), name: 'Rotor', rotated_from_id: old.body.id }),
      raw_key: expect.stringMatching(/^sk_production_/),
      message: 'Old key will remain valid for 30 minutes',
      new_key: answer.body.raw_key,
      new_key_id: answer.body.key.id,
      old_key_id: old.body.id,
      grace_expires_at: expect.any(String),
    });
  });

  it('keeps the old key working until the grace period ends (grace_period_hours), the new one after', async () => {
    const old = await createKey(owner.accessToken, env.production!, { name: 'Graceful' });
    expect((await readWithKey({ 'x-api-key': old.body.key })).status).toBe(200);
    const rotated = await vexil.http('POST', `/v1/api-keys/${old.body.id}/rotate`, {
      token: owner.accessToken,
      body: { grace_period_hours: 2 },
    });
    expect(Date.parse(rotated.body.grace_expires_at) - vexil.clock.now().getTime()).toBeGreaterThan(
      119 * 60_000,
    );
    expect((await readWithKey({ 'x-api-key': old.body.key })).status).toBe(200);
    vexil.clock.advance(119 * 60_000);
    expect((await readWithKey({ 'x-api-key': old.body.key })).status).toBe(200);
    vexil.clock.advance(2 * 60_000);
    expect((await readWithKey({ 'x-api-key': old.body.key })).status).toBe(401);
    expect((await readWithKey({ 'x-api-key': rotated.body.raw_key })).status).toBe(200);
    owner = await vexil.register();
    env = await environmentsOf(vexil, owner);
  });

  it('defaults to a 24-hour grace', async () => {
    const old = await createKey(owner.accessToken, env.production!);
    const rotated = await vexil.http('POST', `/v1/api-keys/${old.body.id}/rotate`, {
      token: owner.accessToken,
      body: {},
    });
    expect(rotated.body.message).toBe('Old key will remain valid for 1440 minutes');
  });

  it.each([
    ['a negative grace', { grace_minutes: -5 }],
    ['a grace over 30 days', { grace_period_hours: 24 * 31 }],
    ['a string grace', { grace_minutes: 'soon' }],
  ])('rejects %s with 400 and leaves the key as it was', async (_case, body) => {
    const old = await createKey(owner.accessToken, env.production!);
    expectError(
      await vexil.http('POST', `/v1/api-keys/${old.body.id}/rotate`, { token: owner.accessToken, body }),
      400,
      'VALIDATION_FAILED',
    );
    const list = await vexil.http('GET', `/v1/environments/${env.production}/api-keys?limit=100`, {
      token: owner.accessToken,
    });
    expect(list.body.data.find((k: { id: string }) => k.id === old.body.id).grace_expires_at).toBeNull();
  });

  it('refuses rotating a revoked key with 409', async () => {
    const old = await createKey(owner.accessToken, env.production!);
    await vexil.http('DELETE', `/v1/api-keys/${old.body.id}`, { token: owner.accessToken });
    expectError(
      await vexil.http('POST', `/v1/api-keys/${old.body.id}/rotate`, { token: owner.accessToken, body: {} }),
      409,
      'CONFLICT',
    );
  });
});

describe('who may manage keys', () => {
  it('refuses developers and viewers with 403, lets them list', async () => {
    const developer = await joinAs(vexil, owner, await vexil.register(), 'developer');
    const viewer = await joinAs(vexil, owner, await vexil.register(), 'viewer');
    const existing = await createKey(owner.accessToken, env.production!);
    for (const member of [developer, viewer]) {
      expectError(await createKey(member.accessToken, env.production!), 403, 'INSUFFICIENT_PERMISSIONS');
      expectError(
        await vexil.http('DELETE', `/v1/api-keys/${existing.body.id}`, { token: member.accessToken }),
        403,
        'INSUFFICIENT_PERMISSIONS',
      );
      expectError(
        await vexil.http('POST', `/v1/api-keys/${existing.body.id}/rotate`, {
          token: member.accessToken,
          body: {},
        }),
        403,
        'INSUFFICIENT_PERMISSIONS',
      );
      const list = await vexil.http('GET', `/v1/environments/${env.production}/api-keys`, {
        token: member.accessToken,
      });
      expect(list.status).toBe(200);
    }
    expect((await readWithKey({ 'x-api-key': existing.body.key })).status).toBe(200);
  });

  it('refuses anonymous callers with 401', async () => {
    expectError(
      await vexil.http('GET', `/v1/environments/${env.production}/api-keys`),
      401,
      'UNAUTHENTICATED',
    );
    expectError(await createKey('', env.production!), 401, 'UNAUTHENTICATED');
  });
});

describe('nothing crosses organizations', () => {
  it('answers another organization’s environments and keys with 404, and keys act only in their own', async () => {
    const mallory = await vexil.register();
    const mine = await createKey(owner.accessToken, env.production!);
    expectError(
      await vexil.http('GET', `/v1/environments/${env.production}/api-keys`, { token: mallory.accessToken }),
      404,
      'ENVIRONMENT_NOT_FOUND',
    );
    expectError(await createKey(mallory.accessToken, env.production!), 404, 'ENVIRONMENT_NOT_FOUND');
    expectError(
      await vexil.http('DELETE', `/v1/api-keys/${mine.body.id}`, { token: mallory.accessToken }),
      404,
      'API_KEY_NOT_FOUND',
    );
    expectError(
      await vexil.http('POST', `/v1/api-keys/${mine.body.id}/rotate`, {
        token: mallory.accessToken,
        body: {},
      }),
      404,
      'API_KEY_NOT_FOUND',
    );
    const malloryKey = await createKey(
      mallory.accessToken,
      (await environmentsOf(vexil, mallory)).production!,
    );
    const project = await vexil.graphql(
      `{ organization { projects { nodes { id } } } }`,
      {},
      owner.accessToken,
    );
    const peek = await vexil.http('POST', '/graphql', {
      body: {
        query: 'query ($id: ID!) { project(id: $id) { name } }',
        variables: { id: project.data.organization.projects.nodes[0].id },
      },
      headers: { 'x-api-key': malloryKey.body.key },
    });
    expect(peek.body.errors[0].extensions.code).toBe('PROJECT_NOT_FOUND');
    const orgPeek = await vexil.http('POST', '/graphql', {
      body: {
        query: 'query ($id: ID!) { organization(id: $id) { name } }',
        variables: { id: owner.organizationId },
      },
      headers: { 'x-api-key': malloryKey.body.key },
    });
    expect(orgPeek.body.errors[0].extensions.code).toBe('ORGANIZATION_NOT_FOUND');
    expect((await readWithKey({ 'x-api-key': mine.body.key })).status).toBe(200);
  });

  it('keeps the gateway-only key lookup away from clients', async () => {
    const { body } = await createKey(owner.accessToken, env.production!);
    const answer = await vexil.graphql(
      `query ($key: String!) { _apiKeyPrincipal(key: $key) { id } }`,
      { key: body.key },
      owner.accessToken,
    );
    expect(answer.errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_PERMISSIONS');
  });
});

describe('key events', () => {
  it('records key.generated, key.rotated and key.revoked', async () => {
    const account = await vexil.register();
    const envs = await environmentsOf(vexil, account);
    const key = await createKey(account.accessToken, envs.dev!);
    const rotated = await vexil.http('POST', `/v1/api-keys/${key.body.id}/rotate`, {
      token: account.accessToken,
      body: {},
    });
    await vexil.http('DELETE', `/v1/api-keys/${rotated.body.new_key_id}`, { token: account.accessToken });
    const expected = ['key.generated', 'key.rotated', 'key.revoked'];
    const actions = await auditActions(vexil, account.organizationId, expected);
    expect(actions).toEqual(expect.arrayContaining(expected));
  });
});

describe('keys on graphql-ws', () => {
  const subscribe = (apiKey: string) =>
    new Promise<{ data?: unknown; error?: unknown }>((resolve) => {
      const client = vexil.ws({ apiKey });
      client.subscribe(
        { query: 'subscription { projectCreated { project { slug } } }' },
        {
          next: (result) => resolve({ data: result }),
          error: (error) => resolve({ error }),
          complete: () => {},
        },
      );
      setTimeout(() => resolve({}), 1500);
    });

  it('refuses a pk_ key’s subscription to anything but evaluation', async () => {
    const { body } = await createKey(owner.accessToken, env.dev!, { name: 'Socket', type: 'client' });
    const answer = await subscribe(body.key);
    expect(JSON.stringify(answer.error ?? answer.data)).toContain(
      'publishable (pk_) keys may only evaluate flags',
    );
  });

  it('closes the connection for a revoked key', async () => {
    const { body } = await createKey(owner.accessToken, env.dev!, { name: 'Gone' });
    await vexil.http('DELETE', `/v1/api-keys/${body.id}`, { token: owner.accessToken });
    const answer = await subscribe(body.key);
    expect(answer.error).toBeDefined();
  });
});
