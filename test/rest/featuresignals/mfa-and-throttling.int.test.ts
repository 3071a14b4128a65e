import { base32Decode, totpCode, totpStep } from '@vexil/platform';
import { startTestPlatform, type Registered, type TestPlatform } from '@vexil/testing';
import { expectError } from '../../harness/featuresignals.js';

let vexil: TestPlatform;
beforeAll(async () => {
  // Behind a (simulated) proxy, so each test can sign in from its own address.
  vexil = await startTestPlatform({ TRUST_PROXY: 'true', LOGIN_IP_LOCK_AFTER: '6' });
});
afterAll(() => vexil?.dispose());

let addresses = 0;
const newAddress = () => `203.0.113.${++addresses}`;
const login = (body: Record<string, unknown>, ip: string) =>
  vexil.http('POST', '/v1/auth/login', { body, headers: { 'x-forwarded-for': ip } });
const codeAt = (secret: string, offsetSteps = 0) =>
  totpCode(secret, totpStep(vexil.clock.now()) + offsetSteps);

describe('MFA', () => {
  let account: Registered;
  let secret: string;
  beforeAll(async () => {
    account = await vexil.register();
  });

  it('starts disabled, and enabling gives a base32 secret and an otpauth URI', async () => {
    const status = await vexil.http('GET', '/v1/auth/mfa/status', { token: account.accessToken });
    expect(status.body).toEqual({ enabled: false });
    const enabled = await vexil.http('POST', '/v1/auth/mfa/enable', { token: account.accessToken });
    expect(enabled.status).toBe(200);
    secret = enabled.body.secret;
    expect(base32Decode(secret)).toHaveLength(20);
    const [stored] = await vexil.sql('select mfa_secret from identity.users where id = ?', [account.userId]);
    expect(stored!.mfa_secret).toMatch(/^v1\./);
    expect(stored!.mfa_secret).not.toContain(secret);
    expect(enabled.body.otpauth_uri).toBe(
      `otpauth://totp/Vexil:${encodeURIComponent(account.email)}?secret=${secret}&issuer=Vexil&algorithm=SHA1&digits=6&period=30`,
    );
    expect(
      (await vexil.http('GET', '/v1/auth/mfa/status', { token: account.accessToken })).body.enabled,
    ).toBe(false);
  });

  it('is activated only by a correct code', async () => {
    const wrong = await vexil.http('POST', '/v1/auth/mfa/verify', {
      token: account.accessToken,
      body: { code: '000000' },
    });
    expectError(wrong, 401, 'INVALID_MFA_CODE');
    expectError(
      await vexil.http('POST', '/v1/auth/mfa/verify', { token: account.accessToken, body: {} }),
      400,
      'VALIDATION_FAILED',
    );
    const right = await vexil.http('POST', '/v1/auth/mfa/verify', {
      token: account.accessToken,
      body: { code: codeAt(secret) },
    });
    expect(right.body).toEqual({ enabled: true });
  });

  it('makes login require the code: MFA_REQUIRED without it, INVALID_MFA_CODE when wrong', async () => {
    const ip = newAddress();
    const credentials = { email: account.email, password: account.password };
    expectError(await login(credentials, ip), 401, 'MFA_REQUIRED');
    expectError(await login({ ...credentials, mfa_code: '123456' }, ip), 401, 'INVALID_MFA_CODE');
    vexil.clock.advance(30_000);
    const ok = await login({ ...credentials, mfa_code: codeAt(secret) }, ip);
    expect(ok.status).toBe(200);
  });

  it('accepts a code only once', async () => {
    vexil.clock.advance(30_000);
    const code = codeAt(secret);
    const credentials = { email: account.email, password: account.password, mfa_code: code };
    expect((await login(credentials, newAddress())).status).toBe(200);
    expectError(await login(credentials, newAddress()), 401, 'INVALID_MFA_CODE');
  });

  it('does not reveal MFA to a wrong password', async () => {
    expectError(
      await login({ email: account.email, password: 'wrong-password' }, newAddress()),
      401,
      'INVALID_CREDENTIALS',
    );
  });

  it('is disabled only with a current code', async () => {
    const fresh = await login(
      {
        email: account.email,
        password: account.password,
        mfa_code: (vexil.clock.advance(30_000), codeAt(secret)),
      },
      newAddress(),
    );
    const token = fresh.body.tokens.access_token;
    expectError(
      await vexil.http('POST', '/v1/auth/mfa/disable', { token, body: { code: '000000' } }),
      401,
      'INVALID_MFA_CODE',
    );
    vexil.clock.advance(30_000);
    const off = await vexil.http('POST', '/v1/auth/mfa/disable', { token, body: { code: codeAt(secret) } });
    expect(off.body).toEqual({ enabled: false });
    expect((await login({ email: account.email, password: account.password }, newAddress())).status).toBe(
      200,
    );
  });

  it('needs a signed-in user', async () => {
    expectError(await vexil.http('POST', '/v1/auth/mfa/enable'), 401, 'UNAUTHENTICATED');
    expectError(await vexil.http('GET', '/v1/auth/mfa/status'), 401, 'UNAUTHENTICATED');
  });
});

describe('login throttling', () => {
  it('slows an account down, then locks it with 429 and Retry-After, and lifts the lock later', async () => {
    const account = await vexil.register();
    const wrong = { email: account.email, password: 'wrong-password' };
    for (let attempt = 1; attempt <= 3; attempt++)
      expectError(await login(wrong, newAddress()), 401, 'INVALID_CREDENTIALS');
    const slowed = await login({ email: account.email, password: account.password }, newAddress());
    expectError(slowed, 429, 'RATE_LIMIT_EXCEEDED');
    expect(Number(slowed.headers.get('retry-after'))).toBe(1);
    // Failures keep doubling the wait until the tenth locks the account for 15 minutes.
    for (let failure = 4; failure <= 10; failure++) {
      vexil.clock.advance(2 ** (failure - 3) * 1000);
      expectError(await login(wrong, newAddress()), 401, 'INVALID_CREDENTIALS');
    }
    const locked = await login({ email: account.email, password: account.password }, newAddress());
    expectError(locked, 429, 'RATE_LIMIT_EXCEEDED');
    expect(Number(locked.headers.get('retry-after'))).toBe(15 * 60);
    vexil.clock.advance(15 * 60_000);
    expect((await login({ email: account.email, password: account.password }, newAddress())).status).toBe(
      200,
    );
  });

  it('counts concurrent wrong passwords one after the other: no more guesses than allowed', async () => {
    const account = await vexil.register();
    const wrong = { email: account.email, password: 'wrong-password' };
    const answers = await Promise.all(Array.from({ length: 8 }, () => login(wrong, newAddress())));
    const statuses = answers.map((answer) => answer.status).sort();
    // Three failures are allowed before the account must wait; the other guesses never reach the password.
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);
  });

  it('throttles unknown accounts exactly like real ones', async () => {
    const ip = newAddress();
    const ghost = { email: 'ghost@example.com', password: 'wrong-password' };
    for (let attempt = 1; attempt <= 3; attempt++)
      expectError(await login(ghost, newAddress()), 401, 'INVALID_CREDENTIALS');
    expectError(await login(ghost, ip), 429, 'RATE_LIMIT_EXCEEDED');
  });

  it('locks an address that fails on many accounts, without locking those accounts elsewhere', async () => {
    const ip = newAddress();
    const victims = await Promise.all([1, 2, 3].map(() => vexil.register()));
    for (const victim of victims) {
      for (let attempt = 0; attempt < 2; attempt++) {
        expectError(
          await login({ email: victim.email, password: 'wrong-password' }, ip),
          401,
          'INVALID_CREDENTIALS',
        );
      }
    }
    const blocked = await login({ email: victims[0]!.email, password: victims[0]!.password }, ip);
    expectError(blocked, 429, 'RATE_LIMIT_EXCEEDED');
    expect(blocked.headers.get('retry-after')).toBeTruthy();
    expect(
      (await login({ email: victims[0]!.email, password: victims[0]!.password }, newAddress())).status,
    ).toBe(200);
  });

  it('takes the address from the signed principal: without a trusted proxy, X-Forwarded-For is ignored', async () => {
    const direct = await startTestPlatform({ LOGIN_IP_LOCK_AFTER: '2' });
    try {
      const account = await direct.register();
      const wrong = { email: 'someone@example.com', password: 'wrong-password' };
      for (const spoofed of ['198.51.100.1', '198.51.100.2']) {
        await direct.http('POST', '/v1/auth/login', { body: wrong, headers: { 'x-forwarded-for': spoofed } });
      }
      const answer = await direct.http('POST', '/v1/auth/login', {
        body: { email: account.email, password: account.password },
        headers: { 'x-forwarded-for': '198.51.100.3' },
      });
      expectError(answer, 429, 'RATE_LIMIT_EXCEEDED');
    } finally {
      await direct.dispose();
    }
  });

  it('answers GraphQL with the same code and the wait in extensions', async () => {
    const email = 'graphql-victim@example.com';
    const LOGIN = `mutation ($email: String!) { login(input: { email: $email, password: "nope-nope" }) { tokens { accessToken } } }`;
    let last;
    for (let attempt = 0; attempt < 4; attempt++) last = await vexil.graphql(LOGIN, { email });
    expect(last!.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', retryAfter: 1 });
  });
});
