import { randomBytes } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '@vexil/testing';
import { expectError } from '../../harness/featuresignals.js';

// Issue 20: FeatureSignals' signup by emailed code, and its one-time token exchange.

let vexil: TestPlatform;
beforeAll(async () => {
  vexil = await startTestPlatform();
});
afterAll(() => vexil?.dispose());

const PASSWORD = 'correct-horse-battery';
const newEmail = () => `signup-${randomBytes(4).toString('hex')}@example.com`;

const initiate = (email: string) =>
  vexil.http('POST', '/v1/auth/initiate-signup', {
    body: { email, password: PASSWORD, name: 'Ada', org_name: 'Acme Signup' },
  });
const complete = (email: string, otp: string) =>
  vexil.http('POST', '/v1/auth/complete-signup', { body: { email, otp } });
const resend = (email: string) => vexil.http('POST', '/v1/auth/resend-signup-otp', { body: { email } });
const codeFor = async (email: string) => (await vexil.lastMail(email, 'signup_code')).code!;
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const login = (email: string) =>
  vexil.http('POST', '/v1/auth/login', { body: { email, password: PASSWORD } });

describe('FeatureSignals signup by emailed code', () => {
  it('creates the account only when the mailed code comes back, once', async () => {
    const email = newEmail();
    const started = await initiate(email);
    expect(started.status).toBe(200);
    expect(started.body).toEqual({ message: expect.any(String), expires_in: 600 });
    expectError(await login(email), 401, 'INVALID_CREDENTIALS');

    const code = await codeFor(email);
    expect(code).toMatch(/^\d{6}$/);
    const [stored] = await vexil.sql<{ code_hash: string }>(
      'select code_hash from identity.pending_signups where email = ?',
      [email],
    );
    expect(stored!.code_hash).not.toContain(code);

    const done = await complete(email, code);
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({
      user: { email, name: 'Ada', email_verified: true },
      organization: { name: 'Acme Signup' },
      tokens: { access_token: expect.any(String), refresh_token: expect.any(String) },
    });
    const projects = await vexil.http('GET', '/v1/projects', { token: done.body.tokens.access_token });
    expect(projects.body.data.map((p: { slug: string }) => p.slug)).toEqual(['default']);
    expect((await login(email)).status).toBe(200);

    expectError(await complete(email, code), 400, 'INVALID_TOKEN');
    expectError(await initiate(email), 409, 'EMAIL_ALREADY_EXISTS');
  });

  it('voids the code after five wrong ones, and a new code works', async () => {
    const email = newEmail();
    await initiate(email);
    const code = await codeFor(email);
    for (let i = 0; i < 5; i++) expectError(await complete(email, wrong(code)), 400, 'INVALID_TOKEN');
    const locked = await complete(email, code);
    expectError(locked, 429, 'RATE_LIMIT_EXCEEDED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);

    vexil.clock.advance(61_000);
    expect((await resend(email)).status).toBe(200);
    const fresh = await codeFor(email);
    if (fresh !== code) expectError(await complete(email, code), 400, 'INVALID_TOKEN');
    expect((await complete(email, fresh)).status).toBe(201);
  });

  it('refuses an expired code, and a new signup of the address starts over', async () => {
    const email = newEmail();
    await initiate(email);
    const code = await codeFor(email);
    vexil.clock.advance(10 * 60_000 + 1_000);
    expectError(await complete(email, code), 400, 'INVALID_TOKEN');
    expectError(await resend(email), 400, 'INVALID_TOKEN');

    expect((await initiate(email)).status).toBe(200);
    expect((await complete(email, await codeFor(email))).status).toBe(201);
  });

  it('throttles resends: a minute apart, five codes per signup', async () => {
    const email = newEmail();
    await initiate(email);
    const first = await codeFor(email);
    const early = await resend(email);
    expectError(early, 429, 'RATE_LIMIT_EXCEEDED');
    expect(Number(early.headers.get('retry-after'))).toBeGreaterThan(0);
    expectError(await initiate(email), 429, 'RATE_LIMIT_EXCEEDED');

    for (let sent = 2; sent <= 5; sent++) {
      vexil.clock.advance(61_000);
      expect((await resend(email)).status).toBe(200);
    }
    vexil.clock.advance(61_000);
    expectError(await resend(email), 429, 'RATE_LIMIT_EXCEEDED');
    const mails = await vexil.sql<{ n: number }>(
      "select count(*)::int as n from identity.mail_outbox where to_address = ? and template = 'signup_code'",
      [email],
    );
    expect(mails[0]!.n).toBe(5);
    const last = await codeFor(email);
    if (last !== first) expectError(await complete(email, first), 400, 'INVALID_TOKEN');
    expect((await complete(email, last)).status).toBe(201);
  });

  it('refuses bad input and writes nothing', async () => {
    const email = newEmail();
    for (const body of [
      { email: 'not-an-email', password: PASSWORD, name: 'A', org_name: 'B' },
      { email, password: 'short', name: 'A', org_name: 'B' },
      { email, password: PASSWORD, name: 'A' },
    ]) {
      const answer = await vexil.http('POST', '/v1/auth/initiate-signup', { body });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.body.code).toBe('VALIDATION_FAILED');
    }
    expectError(await complete(newEmail(), '123456'), 400, 'INVALID_TOKEN');
    const rows = await vexil.sql('select 1 from identity.pending_signups where email = ?', [email]);
    expect(rows).toEqual([]);
  });
});

describe('FeatureSignals /v1/auth/token-exchange', () => {
  const ISSUE = `mutation { issueOneTimeLogin { token expiresAt } }`;

  it('exchanges a one-time login for a session in its organization, once and in time', async () => {
    const account = await vexil.register();
    const { data } = await vexil.graphql(ISSUE, {}, account.accessToken);
    const token = data.issueOneTimeLogin.token as string;
    const exchanged = await vexil.http('POST', '/v1/auth/token-exchange', { body: { token } });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toMatchObject({
      user: { id: account.userId, email: account.email },
      organization: { id: account.organizationId },
      tokens: { access_token: expect.any(String), refresh_token: expect.any(String) },
    });
    const me = await vexil.http('GET', '/v1/users/me', { token: exchanged.body.tokens.access_token });
    expect(me.status).toBe(200);
    expectError(
      await vexil.http('POST', '/v1/auth/token-exchange', { body: { token } }),
      400,
      'INVALID_TOKEN',
    );

    const late = (await vexil.graphql(ISSUE, {}, account.accessToken)).data.issueOneTimeLogin.token;
    vexil.clock.advance(5 * 60_000 + 1_000);
    expectError(
      await vexil.http('POST', '/v1/auth/token-exchange', { body: { token: late } }),
      400,
      'INVALID_TOKEN',
    );
    expectError(
      await vexil.http('POST', '/v1/auth/token-exchange', { body: { token: 'made-up' } }),
      400,
      'INVALID_TOKEN',
    );
  });
});
