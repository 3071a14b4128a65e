import { startTestPlatform, type TestPlatform } from '@vexil/testing';
import { auditActions, expectError } from '../../harness/featuresignals.js';

let vexil: TestPlatform;
// Its own platform: the links of its mails carry APP_URL, and tests advance the clock.
beforeAll(async () => {
  vexil = await startTestPlatform({ APP_URL: 'https://app.example.com' });
});
afterAll(() => vexil?.dispose());

const login = (email: string, password: string) =>
  vexil.http('POST', '/v1/auth/login', { body: { email, password } });

describe('POST /v1/auth/logout', () => {
  it('revokes the session’s refresh tokens and leaves other sessions alone', async () => {
    const account = await vexil.register();
    const other = await login(account.email, account.password);
    const answer = await vexil.http('POST', '/v1/auth/logout', { token: account.accessToken });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ message: 'logged out' });
    expectError(
      await vexil.http('POST', '/v1/auth/refresh', { body: { refresh_token: account.refreshToken } }),
      401,
      'UNAUTHENTICATED',
    );
    const stillIn = await vexil.http('POST', '/v1/auth/refresh', {
      body: { refresh_token: other.body.tokens.refresh_token },
    });
    expect(stillIn.status).toBe(200);
  });

  it('needs a signed-in user', async () => {
    expectError(await vexil.http('POST', '/v1/auth/logout'), 401, 'UNAUTHENTICATED');
  });
});

describe('password reset', () => {
  it('mails a single-use token that sets a new password and ends every session', async () => {
    const account = await vexil.register();
    const asked = await vexil.http('POST', '/v1/auth/forgot-password', { body: { email: account.email } });
    expect(asked.status).toBe(200);
    const { token, link } = await vexil.lastMail(account.email, 'password_reset');
    expect(link).toBe(`https://app.example.com/reset-password?token=${encodeURIComponent(token!)}`);

    const reset = await vexil.http('POST', '/v1/auth/reset-password', {
      body: { token, password: 'brand-new-password' },
    });
    expect(reset.status).toBe(200);
    expect((await login(account.email, 'brand-new-password')).status).toBe(200);
    expectError(await login(account.email, account.password), 401, 'INVALID_CREDENTIALS');
    expectError(
      await vexil.http('POST', '/v1/auth/refresh', { body: { refresh_token: account.refreshToken } }),
      401,
      'UNAUTHENTICATED',
    );
    const again = await vexil.http('POST', '/v1/auth/reset-password', {
      body: { token, new_password: 'third-password-here' },
    });
    expectError(again, 400, 'INVALID_TOKEN');
  });

  it('answers an unknown email exactly like a known one and mails nothing', async () => {
    const account = await vexil.register();
    const known = await vexil.http('POST', '/v1/auth/forgot-password', { body: { email: account.email } });
    const unknown = await vexil.http('POST', '/v1/auth/forgot-password', {
      body: { email: 'nobody-here@example.com' },
    });
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    await expect(vexil.lastMail('nobody-here@example.com', 'password_reset')).rejects.toThrow(
      /no password_reset/,
    );
  });

  it('refuses an expired token', async () => {
    const account = await vexil.register();
    await vexil.http('POST', '/v1/auth/forgot-password', { body: { email: account.email } });
    const { token } = await vexil.lastMail(account.email, 'password_reset');
    vexil.clock.advance(61 * 60_000);
    const answer = await vexil.http('POST', '/v1/auth/reset-password', {
      body: { token, password: 'brand-new-password' },
    });
    expectError(answer, 400, 'INVALID_TOKEN');
    expect((await login(account.email, account.password)).status).toBe(200);
  });

  it.each([
    [
      'a forged token',
      { token: '00000000-0000-0000-0000-000000000000.forged', password: 'long-enough-1' },
      400,
      'INVALID_TOKEN',
    ],
    ['garbage', { token: 'garbage', password: 'long-enough-1' }, 400, 'INVALID_TOKEN'],
    ['no token', { password: 'long-enough-1' }, 400, 'VALIDATION_FAILED'],
    ['a number for the token', { token: 7, password: 'long-enough-1' }, 400, 'VALIDATION_FAILED'],
  ])('rejects %s', async (_case, body, status, code) => {
    expectError(await vexil.http('POST', '/v1/auth/reset-password', { body }), status, code);
  });

  it('rejects a weak new password without using up the token', async () => {
    const account = await vexil.register();
    await vexil.http('POST', '/v1/auth/forgot-password', { body: { email: account.email } });
    const { token } = await vexil.lastMail(account.email, 'password_reset');
    const weak = await vexil.http('POST', '/v1/auth/reset-password', { body: { token, password: 'short' } });
    expectError(weak, 400, 'VALIDATION_FAILED');
    const strong = await vexil.http('POST', '/v1/auth/reset-password', {
      body: { token, password: 'long-enough-password' },
    });
    expect(strong.status).toBe(200);
  });
});

describe('email verification', () => {
  it('mails a link that verifies the address and redirects to the app', async () => {
    const account = await vexil.register();
    const sent = await vexil.http('POST', '/v1/auth/send-verification-email', { token: account.accessToken });
    expect(sent.status).toBe(200);
    expect(sent.body.message).toEqual(expect.any(String));
    const { token } = await vexil.lastMail(account.email, 'email_verification');
    const query = new URLSearchParams({ token: token!, email: account.email });
    const opened = await fetch(`${vexil.url}/v1/auth/verify-email?${query}`, { redirect: 'manual' });
    expect(opened.status).toBe(302);
    expect(opened.headers.get('location')).toBe('https://app.example.com/login?email_verified=true');
    const me = await vexil.http('GET', '/v1/users/me', { token: account.accessToken });
    expect(me.body.email_verified).toBe(true);
  });

  it('refuses a token presented with another address, and a missing token', async () => {
    const account = await vexil.register();
    await vexil.http('POST', '/v1/auth/send-verification-email', { token: account.accessToken });
    const { token } = await vexil.lastMail(account.email, 'email_verification');
    const query = new URLSearchParams({ token: token!, email: 'someone-else@example.com' });
    expectError(await vexil.http('GET', `/v1/auth/verify-email?${query}`), 400, 'INVALID_TOKEN');
    expectError(await vexil.http('GET', `/v1/auth/verify-email?email=a@b.co`), 400, 'VALIDATION_FAILED');
    const me = await vexil.http('GET', '/v1/users/me', { token: account.accessToken });
    expect(me.body.email_verified).toBe(false);
  });
});

describe('/v1/users/me', () => {
  it('reads and updates the profile', async () => {
    const account = await vexil.register();
    const read = await vexil.http('GET', '/v1/users/me', { token: account.accessToken });
    expect(read.body).toMatchObject({ id: account.userId, email: account.email, name: 'Test User' });
    const updated = await vexil.http('PUT', '/v1/users/me', {
      token: account.accessToken,
      body: { name: 'Ada' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.name).toBe('Ada');
    expectError(
      await vexil.http('PATCH', '/v1/users/me', { token: account.accessToken, body: { name: '   ' } }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await vexil.http('PATCH', '/v1/users/me', { token: account.accessToken, body: { name: 42 } }),
      400,
      'VALIDATION_FAILED',
    );
    expect((await vexil.http('GET', '/v1/users/me', { token: account.accessToken })).body.name).toBe('Ada');
  });

  it('exports the account’s data', async () => {
    const account = await vexil.register({ org_name: 'Export Org' });
    const answer = await vexil.http('GET', '/v1/users/me/data', { token: account.accessToken });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      user: { id: account.userId, email: account.email },
      memberships: [{ organization: { id: account.organizationId, name: 'Export Org' }, role: 'owner' }],
      mfa_enabled: false,
    });
  });

  it('deletes the account and its lone organization; the credentials stop working', async () => {
    const account = await vexil.register();
    const answer = await vexil.http('DELETE', '/v1/users/me', { token: account.accessToken });
    expect(answer.status).toBe(204);
    expectError(await login(account.email, account.password), 401, 'INVALID_CREDENTIALS');
    expectError(
      await vexil.http('POST', '/v1/auth/refresh', { body: { refresh_token: account.refreshToken } }),
      401,
      'UNAUTHENTICATED',
    );
    const [row] = await vexil.sql('select count(*)::int as n from identity.organizations where id = ?', [
      account.organizationId,
    ]);
    expect(row!.n).toBe(0);
  });

  it('needs a user', async () => {
    expectError(await vexil.http('GET', '/v1/users/me'), 401, 'UNAUTHENTICATED');
    expectError(await vexil.http('GET', '/v1/users/me/data'), 401, 'UNAUTHENTICATED');
    expectError(await vexil.http('DELETE', '/v1/users/me'), 401, 'UNAUTHENTICATED');
  });
});

describe('changing the password (GraphQL)', () => {
  const CHANGE = `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { message } }`;

  it('needs the current password and signs out the other sessions only', async () => {
    const account = await vexil.register();
    const other = await login(account.email, account.password);
    const wrong = await vexil.graphql(
      CHANGE,
      { input: { currentPassword: 'not-it-at-all', newPassword: 'new-password-1' } },
      account.accessToken,
    );
    expect(wrong.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
    const changed = await vexil.graphql(
      CHANGE,
      { input: { currentPassword: account.password, newPassword: 'new-password-1' } },
      account.accessToken,
    );
    expect(changed.errors).toBeUndefined();
    const otherRefresh = await vexil.http('POST', '/v1/auth/refresh', {
      body: { refresh_token: other.body.tokens.refresh_token },
    });
    expectError(otherRefresh, 401, 'UNAUTHENTICATED');
    const ownRefresh = await vexil.http('POST', '/v1/auth/refresh', {
      body: { refresh_token: account.refreshToken },
    });
    expect(ownRefresh.status).toBe(200);
    expect((await login(account.email, 'new-password-1')).status).toBe(200);
  });
});

describe('every account write is an audited event', () => {
  it('records logout, profile and verification events', async () => {
    const account = await vexil.register();
    await vexil.http('PUT', '/v1/users/me', { token: account.accessToken, body: { name: 'Grace' } });
    await vexil.http('POST', '/v1/auth/send-verification-email', { token: account.accessToken });
    await vexil.http('POST', '/v1/auth/logout', { token: account.accessToken });
    const expected = ['user.profile_updated', 'user.email_verification_sent', 'user.logged_out'];
    const actions = await auditActions(vexil, account.organizationId, expected);
    expect(actions).toEqual(expect.arrayContaining(expected));
  });
});

describe('bad input on the auth routes', () => {
  it.each([
    ['POST', '/v1/auth/forgot-password', {}],
    ['POST', '/v1/auth/forgot-password', { email: 5 }],
    ['POST', '/v1/auth/login', { email: 'a@b.co', password: 5 }],
    ['POST', '/v1/auth/login', { email: 'a@b.co', password: 'long-enough', mfa_code: 123456 }],
    ['POST', '/v1/auth/reset-password', { token: 'x', password: ['a'] }],
  ])('%s %s with %j is 400 VALIDATION_FAILED and mails nothing', async (method, path, body) => {
    const [before] = await vexil.sql('select count(*)::int as n from identity.mail_outbox');
    expectError(await vexil.http(method, path, { body }), 400, 'VALIDATION_FAILED');
    const [after] = await vexil.sql('select count(*)::int as n from identity.mail_outbox');
    expect(after!.n).toBe(before!.n);
  });

  it.each([
    ['/v1/auth/mfa/verify', { code: 123456 }],
    ['/v1/auth/mfa/disable', {}],
  ])('%s with %j is 400 VALIDATION_FAILED', async (path, body) => {
    const account = await vexil.register();
    expectError(
      await vexil.http('POST', path, { token: account.accessToken, body }),
      400,
      'VALIDATION_FAILED',
    );
    expect(
      (await vexil.http('GET', '/v1/auth/mfa/status', { token: account.accessToken })).body.enabled,
    ).toBe(false);
  });

  it('refuses a non-JSON body on a user route with 415', async () => {
    const account = await vexil.register();
    const answer = await vexil.http('PUT', '/v1/users/me', {
      token: account.accessToken,
      body: 'name=Eve',
      headers: { 'content-type': 'text/plain' },
    });
    expectError(answer, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });
});
