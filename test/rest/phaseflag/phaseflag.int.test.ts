import { sharedTestPlatform } from '@vexil/testing';
import { expectPhaseFlagError } from '../../harness/phaseflag.js';

// PhaseFlag (routes.md §3): auth and SDK evaluation in its envelopes, under /api/v1.

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const CONFIGURE = `mutation ($input: UpdateFlagConfigurationInput!) { updateFlagConfiguration(input: $input) { version } }`;

describe('PhaseFlag auth', () => {
  it('registers (201, admin), logs in, reads me, refreshes and logs out in its shapes', async () => {
    const email = `pf-${Date.now()}@example.com`;
    const registered = await vexil.http('POST', '/api/v1/auth/register', {
      body: { email, password: 'long enough pass', full_name: 'Phase Admin' },
    });
    expect(registered.status).toBe(201);
    expect(registered.body).toEqual({
      data: {
        id: expect.any(String),
        email,
        full_name: 'Phase Admin',
        role: 'admin',
        email_verified: false,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      },
    });
    expectPhaseFlagError(
      await vexil.http('POST', '/api/v1/auth/register', { body: { email, password: 'long enough pass' } }),
      409,
      'EMAIL_ALREADY_EXISTS',
    );

    const login = await vexil.http('POST', '/api/v1/auth/login', {
      body: { email, password: 'long enough pass' },
    });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({
      data: {
        access_token: expect.any(String),
        token_type: 'bearer',
        expires_in: expect.any(Number),
        refresh_token: expect.any(String),
      },
    });
    expect(login.body.data.expires_in).toBeGreaterThan(60);
    const token = login.body.data.access_token;

    const me = await vexil.http('GET', '/api/v1/auth/me', { token });
    expect(me.body.data).toMatchObject({ id: registered.body.data.id, email, full_name: 'Phase Admin' });

    const refreshed = await vexil.http('POST', '/api/v1/auth/refresh', {
      body: { refresh_token: login.body.data.refresh_token },
    });
    expect(refreshed.body.data).toMatchObject({ token_type: 'bearer', access_token: expect.any(String) });

    expect(
      (await vexil.http('POST', '/api/v1/auth/logout', { token: refreshed.body.data.access_token })).status,
    ).toBe(204);
    expectPhaseFlagError(
      await vexil.http('GET', '/api/v1/auth/me', { token: refreshed.body.data.access_token }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('answers bad input, wrong credentials and unknown routes in its error shape', async () => {
    const short = await vexil.http('POST', '/api/v1/auth/register', {
      body: { email: 'x@example.com', password: 'short' },
    });
    expectPhaseFlagError(short, 400, 'VALIDATION_FAILED');
    expect(short.body.error.details).toEqual({ password: ['must be at least 8 characters'] });
    expectPhaseFlagError(
      await vexil.http('POST', '/api/v1/auth/login', {
        body: { email: 'nobody@example.com', password: 'whatever' },
      }),
      401,
      'INVALID_CREDENTIALS',
    );
    expectPhaseFlagError(await vexil.http('GET', '/api/v1/no-such-route'), 404, 'ROUTE_NOT_FOUND');
  });
});

describe('PhaseFlag evaluation', () => {
  async function seeded() {
    const ws = await vexil.workspace();
    const { key } = await ws.apiKey('server', 'production');
    const flagId = await ws.createFlag('new-checkout');
    await ws.gql(CONFIGURE, {
      input: {
        flagId,
        environmentId: ws.env.production,
        expectedVersion: 0,
        enabled: true,
        rules: [
          {
            id: 'pro-users',
            match: 'all',
            conditions: [{ attribute: 'plan', operator: 'equals', values: ['pro'] }],
            serve: { variation: 'on' },
          },
        ],
        defaultServe: { variation: 'off' },
      },
    });
    await ws.createFlag('dark-mode');
    return { ws, headers: { 'x-api-key': key } };
  }

  it('evaluates listed flags and `*` with its reasons, rule ids and variation keys', async () => {
    const { headers } = await seeded();
    const answer = await vexil.http('POST', '/api/v1/evaluate', {
      headers,
      body: {
        flags: ['new-checkout', 'missing'],
        context: { user_key: 'user-123', attributes: { plan: 'pro' } },
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      data: {
        evaluations: {
          'new-checkout': {
            value: true,
            reason: 'TARGETING_RULE',
            rule_id: 'pro-users',
            variation_key: 'on',
          },
          missing: { value: null, reason: 'FLAG_NOT_FOUND', rule_id: null, variation_key: null },
        },
        evaluated_at: expect.any(String),
      },
    });
    const all = await vexil.http('POST', '/api/v1/evaluate', {
      headers,
      body: { flags: ['*'], context: { user_key: 'user-9', attributes: { plan: 'free' } } },
    });
    expect(all.body.data.evaluations).toEqual({
      'new-checkout': { value: false, reason: 'DEFAULT', rule_id: null, variation_key: 'off' },
      'dark-mode': { value: false, reason: 'DISABLED', rule_id: null, variation_key: 'off' },
    });
    const one = await vexil.http('POST', '/api/v1/evaluate/new-checkout', {
      headers,
      body: { context: { user_key: 'user-123', attributes: { plan: 'pro' } } },
    });
    expect(one.body).toEqual({
      data: {
        flag_key: 'new-checkout',
        value: true,
        reason: 'TARGETING_RULE',
        rule_id: 'pro-users',
        variation_key: 'on',
      },
    });
  });

  it('refuses a missing user_key with 400 and a missing key with 401', async () => {
    const { headers } = await seeded();
    const missing = await vexil.http('POST', '/api/v1/evaluate', {
      headers,
      body: { flags: ['x'], context: {} },
    });
    expectPhaseFlagError(missing, 400, 'VALIDATION_FAILED');
    expect(missing.body.error.details).toEqual({ 'context.user_key': ['is required'] });
    expectPhaseFlagError(
      await vexil.http('POST', '/api/v1/evaluate', { body: { flags: ['x'], context: { user_key: 'u' } } }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('serves the ruleset with an ETag and 304 until a flag changes', async () => {
    const { ws, headers } = await seeded();
    const first = await vexil.http('GET', '/api/v1/sdk/ruleset', { headers });
    expect(first.status).toBe(200);
    expect(first.body.data.environment_key).toBe('production');
    expect(first.body.data.flags.map((flag: { key: string }) => flag.key).sort()).toEqual([
      'dark-mode',
      'new-checkout',
    ]);
    const etag = first.headers.get('etag')!;
    expect(
      (await vexil.http('GET', '/api/v1/sdk/ruleset', { headers: { ...headers, 'if-none-match': etag } }))
        .status,
    ).toBe(304);
    await ws.createFlag('third');
    let changed = 304;
    for (let attempt = 0; attempt < 100 && changed === 304; attempt++) {
      changed = (
        await vexil.http('GET', '/api/v1/sdk/ruleset', { headers: { ...headers, 'if-none-match': etag } })
      ).status;
      if (changed === 304) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(changed).toBe(200);
  });
});
