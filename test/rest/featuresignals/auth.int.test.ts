import { sharedTestPlatform } from '@vexil/testing';
import { expectError } from '../../harness/featuresignals.js';

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const unique = () => `user-${Math.random().toString(36).slice(2, 10)}@example.com`;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe('POST /v1/auth/register', () => {
  it('answers 201 with the user, the organization and tokens, in seed 001’s shape', async () => {
    const email = unique();
    const answer = await vexil.http('POST', '/v1/auth/register', {
      body: { email, password: 'securepassword', name: 'Admin User', org_name: 'My Company' },
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      user: {
        id: expect.any(String),
        email,
        name: 'Admin User',
        email_verified: false,
        created_at: expect.stringMatching(ISO),
        updated_at: expect.stringMatching(ISO),
      },
      organization: {
        id: expect.any(String),
        name: 'My Company',
        slug: expect.stringMatching(/^my-company(-\d+)?$/),
        created_at: expect.stringMatching(ISO),
        updated_at: expect.stringMatching(ISO),
      },
      tokens: {
        access_token: expect.stringMatching(/^eyJ/),
        refresh_token: expect.any(String),
        expires_at: expect.any(Number),
      },
    });
    const now = Date.now() / 1000;
    expect(answer.body.tokens.expires_at).toBeGreaterThan(now + 59 * 60);
    expect(answer.body.tokens.expires_at).toBeLessThanOrEqual(now + 60 * 60 + 1);
  });

  it('derives a unique organization slug from the name', async () => {
    // The name is new to the shared platform, whose other organizations may hold any common slug.
    const run = Math.random().toString(36).slice(2, 8);
    const first = await vexil.register({ org_name: `Échelon Labs ${run}!` });
    const second = await vexil.register({ org_name: `Échelon Labs ${run}!` });
    expect(first.organizationSlug).toBe(`echelon-labs-${run}`);
    expect(second.organizationSlug).toBe(`echelon-labs-${run}-2`);
  });

  it('makes the default project and environments readable by the very next request', async () => {
    const account = await vexil.register();
    const { data } = await vexil.graphql(
      `{ organization { projects { nodes { slug environments { nodes { key } } } } } }`,
      {},
      account.accessToken,
    );
    expect(data.organization.projects.nodes).toEqual([
      {
        slug: 'default',
        environments: { nodes: [{ key: 'dev' }, { key: 'staging' }, { key: 'production' }] },
      },
    ]);
  });

  it.each([
    ['a missing field', { email: unique(), password: 'securepassword', name: 'A' }],
    ['a number for the email', { email: 42, password: 'securepassword', name: 'A', org_name: 'B' }],
    ['an invalid email', { email: 'not-an-email', password: 'securepassword', name: 'A', org_name: 'B' }],
    ['a password under 8 characters', { email: unique(), password: 'short', name: 'A', org_name: 'B' }],
    ['an empty name', { email: unique(), password: 'securepassword', name: '  ', org_name: 'B' }],
    ['null fields', { email: null, password: null, name: null, org_name: null }],
  ])('rejects %s with 400 VALIDATION_FAILED and creates nothing', async (_case, body) => {
    const answer = await vexil.http('POST', '/v1/auth/register', { body });
    expectError(answer, 400, 'VALIDATION_FAILED');
    if (typeof body.email === 'string' && body.email.includes('@')) {
      const login = await vexil.http('POST', '/v1/auth/login', {
        body: { email: body.email, password: 'securepassword' },
      });
      expect(login.status).toBe(401);
    }
  });

  it('names the failing field for a short password', async () => {
    const answer = await vexil.http('POST', '/v1/auth/register', {
      body: { email: unique(), password: 'short', name: 'A', org_name: 'B' },
    });
    expect(answer.body.error).toBe('password must be at least 8 characters');
  });

  it('rejects a duplicate email with 409 and leaves the first account working', async () => {
    const account = await vexil.register();
    const answer = await vexil.http('POST', '/v1/auth/register', {
      body: {
        email: account.email.toUpperCase(),
        password: 'another-password',
        name: 'B',
        org_name: 'Other',
      },
    });
    expectError(answer, 409, 'EMAIL_ALREADY_EXISTS');
    expect(answer.body.error).toBe('email already registered');
    const login = await vexil.http('POST', '/v1/auth/login', {
      body: { email: account.email, password: account.password },
    });
    expect(login.status).toBe(200);
  });

  it('rejects malformed JSON, a non-object body and a wrong content type with 4xx, never 500', async () => {
    expectError(
      await vexil.http('POST', '/v1/auth/register', { body: '{"email": ' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await vexil.http('POST', '/v1/auth/register', { body: [1, 2] }), 400, 'VALIDATION_FAILED');
    expectError(await vexil.http('POST', '/v1/auth/register', { body: '"text"' }), 400, 'VALIDATION_FAILED');
    expectError(
      await vexil.http('POST', '/v1/auth/register', {
        body: 'email=a@b.co',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('rejects a body over 1 MiB with 413', async () => {
    const answer = await vexil.http('POST', '/v1/auth/register', {
      body: { name: 'x'.repeat(1024 * 1024 + 10) },
    });
    expectError(answer, 413, 'PAYLOAD_TOO_LARGE');
  });
});

describe('POST /v1/auth/login', () => {
  it('answers the user and tokens', async () => {
    const account = await vexil.register();
    const answer = await vexil.http('POST', '/v1/auth/login', {
      body: { email: account.email, password: account.password },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.user).toEqual(
      expect.objectContaining({
        id: account.userId,
        email: account.email,
        name: 'Test User',
        email_verified: false,
      }),
    );
    expect(answer.body.tokens).toEqual({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      expires_at: expect.any(Number),
    });
  });

  it('answers a wrong password and an unknown email the same way: 401 "invalid credentials"', async () => {
    const account = await vexil.register();
    const wrong = await vexil.http('POST', '/v1/auth/login', {
      body: { email: account.email, password: 'wrong-password' },
    });
    const unknown = await vexil.http('POST', '/v1/auth/login', {
      body: { email: unique(), password: 'wrong-password' },
    });
    for (const answer of [wrong, unknown]) {
      expectError(answer, 401, 'INVALID_CREDENTIALS');
      expect(answer.body.error).toBe('invalid credentials');
    }
  });

  it('rejects a missing password with 400', async () => {
    expectError(
      await vexil.http('POST', '/v1/auth/login', { body: { email: unique() } }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('POST /v1/auth/refresh', () => {
  it('exchanges a refresh token for a new pair, once', async () => {
    const account = await vexil.register();
    const first = await vexil.http('POST', '/v1/auth/refresh', {
      body: { refresh_token: account.refreshToken },
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      expires_at: expect.any(Number),
    });
    expect(first.body.refresh_token).not.toBe(account.refreshToken);
    const { data } = await vexil.graphql(`{ me { id } }`, {}, first.body.access_token);
    expect(data.me.id).toBe(account.userId);
  });

  it('revokes the whole family when a used refresh token comes back', async () => {
    const account = await vexil.register();
    const rotated = await vexil.http('POST', '/v1/auth/refresh', {
      body: { refresh_token: account.refreshToken },
    });
    const replay = await vexil.http('POST', '/v1/auth/refresh', {
      body: { refresh_token: account.refreshToken },
    });
    expectError(replay, 401, 'UNAUTHENTICATED');
    const successor = await vexil.http('POST', '/v1/auth/refresh', {
      body: { refresh_token: rotated.body.refresh_token },
    });
    expectError(successor, 401, 'UNAUTHENTICATED');
  });

  it.each([
    ['garbage', { refresh_token: 'garbage' }],
    ['a forged secret', { refresh_token: '00000000-0000-0000-0000-000000000000.forged' }],
    ['an access token', 'ACCESS'],
  ])('rejects %s with 401', async (_case, body) => {
    const account = await vexil.register();
    const payload = body === 'ACCESS' ? { refresh_token: account.accessToken } : body;
    expectError(await vexil.http('POST', '/v1/auth/refresh', { body: payload }), 401, 'UNAUTHENTICATED');
  });

  it('rejects a missing or non-string refresh_token with 400', async () => {
    expectError(await vexil.http('POST', '/v1/auth/refresh', { body: {} }), 400, 'VALIDATION_FAILED');
    expectError(
      await vexil.http('POST', '/v1/auth/refresh', { body: { refresh_token: 7 } }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('the /v1 dialect', () => {
  it('answers unknown routes with 404 "route not found" and wrong methods with 405', async () => {
    const missing = await vexil.http('GET', '/v1/nothing-here');
    expectError(missing, 404, 'ROUTE_NOT_FOUND');
    expect(missing.body.error).toBe('route not found');
    expectError(await vexil.http('GET', '/v1/auth/login'), 405, 'METHOD_NOT_ALLOWED');
  });

  it('echoes the client’s X-Request-Id, and makes one up otherwise', async () => {
    const echoed = await vexil.http('POST', '/v1/auth/login', {
      body: {},
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(echoed.headers.get('x-request-id')).toBe('trace-123');
    expect(echoed.body.request_id).toBe('trace-123');
    const made = await vexil.http('GET', '/healthz');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows the headers browser SDKs send in CORS preflights', async () => {
    const answer = await vexil.http('OPTIONS', '/v1/evaluate', {
      headers: { origin: 'https://app.example.com' },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-headers')).toEqual(expect.stringContaining('x-api-key'));
  });
});
