import { createHmac } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '@vexil/testing';

let vexil: TestPlatform;
// Its own platform: a signing secret the tests know, and a clock they advance.
beforeAll(async () => {
  vexil = await startTestPlatform({ JWT_SECRET: 'the-real-secret' });
});
afterAll(() => vexil?.dispose());

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT built by hand, as an attacker would: any header, any claims, any key. */
function forge(header: Record<string, unknown>, claims: Record<string, unknown>, secret?: string): string {
  const body = `${base64url(header)}.${base64url(claims)}`;
  const signature = secret ? createHmac('sha256', secret).update(body).digest('base64url') : '';
  return `${body}.${signature}`;
}

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());

/** Asks for the caller's own user with `token`; returns the HTTP status and error code. */
async function me(token: string) {
  const answer = await vexil.http('POST', '/graphql', { body: { query: '{ me { id } }' }, token });
  return { status: answer.status, code: answer.body?.errors?.[0]?.extensions?.code, data: answer.body?.data };
}

describe('access tokens the gateway refuses', () => {
  it('accepts a genuine token (the baseline)', async () => {
    const account = await vexil.register();
    expect((await me(account.accessToken)).data).toEqual({ me: { id: account.userId } });
  });

  it('refuses alg: none, even with genuine claims', async () => {
    const account = await vexil.register();
    const token = forge({ alg: 'none', typ: 'JWT' }, { ...claimsOf(account.accessToken), role: 'owner' });
    expect(await me(token)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('refuses a token signed with another secret (the dev default included)', async () => {
    const account = await vexil.register();
    for (const secret of ['guessed-secret', 'dev-secret-change-in-production']) {
      const token = forge({ alg: 'HS256', typ: 'JWT' }, claimsOf(account.accessToken), secret);
      expect(await me(token)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    }
  });

  it('refuses a token with an elevated role and the original signature', async () => {
    const account = await vexil.register();
    const [header, , signature] = account.accessToken.split('.');
    const tampered = `${header}.${base64url({ ...claimsOf(account.accessToken), org: 'another-org' })}.${signature}`;
    expect(await me(tampered)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('refuses an expired token with TOKEN_EXPIRED', async () => {
    const account = await vexil.register();
    vexil.clock.advance(61 * 60_000);
    expect(await me(account.accessToken)).toMatchObject({ status: 401, code: 'TOKEN_EXPIRED' });
  });

  it('refuses a refresh token used as an access token', async () => {
    const account = await vexil.register();
    expect(await me(account.refreshToken)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('refuses a reused refresh token and kills its family', async () => {
    const account = await vexil.register();
    const refresh = (token: string) =>
      vexil.graphql(`mutation ($t: String!) { refreshTokens(refreshToken: $t) { refreshToken } }`, {
        t: token,
      });
    const first = await refresh(account.refreshToken);
    const next = first.data.refreshTokens.refreshToken;
    expect((await refresh(account.refreshToken)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await refresh(next)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a garbage or API-key-shaped bearer', async () => {
    expect(await me('not-a-jwt')).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await me('sk_production_AAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB')).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
  });
});
