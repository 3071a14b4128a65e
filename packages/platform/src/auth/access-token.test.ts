import { SignJWT, UnsecuredJWT } from 'jose';
import { issueAccessToken, verifyAccessToken } from './access-token.js';

const claims = { userId: 'u1', organizationId: 'o1', role: 'admin' as const };
const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (error: { code?: string }) => error.code,
  );

describe('access tokens', () => {
  it('verifies a token it issued and returns its claims', async () => {
    const { token, expiresAt } = await issueAccessToken(
      claims,
      'secret',
      60,
      new Date('2026-01-01T00:00:00Z'),
    );
    expect(expiresAt).toBe(Date.parse('2026-01-01T01:00:00Z') / 1000);
    await expect(verifyAccessToken(token, 'secret', new Date('2026-01-01T00:30:00Z'))).resolves.toEqual({
      ...claims,
      issuedAt: Date.parse('2026-01-01T00:00:00Z'),
    });
  });

  it('keeps the issue time to the millisecond, and falls back to `iat` for tokens without it', async () => {
    const issued = new Date('2026-01-01T00:00:00.750Z');
    const { token } = await issueAccessToken(claims, 'secret', 60, issued);
    expect((await verifyAccessToken(token, 'secret', issued)).issuedAt).toBe(issued.getTime());
    const older = await new SignJWT({ org: 'o1', role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuer('vexil')
      .setAudience('vexil:access')
      .setIssuedAt(Math.floor(issued.getTime() / 1000))
      .setExpirationTime(Math.floor(issued.getTime() / 1000) + 3600)
      .sign(new TextEncoder().encode('secret'));
    expect((await verifyAccessToken(older, 'secret', issued)).issuedAt).toBe(
      Date.parse('2026-01-01T00:00:00Z'),
    );
  });

  it('rejects an expired token with TOKEN_EXPIRED', async () => {
    const { token } = await issueAccessToken(claims, 'secret', 60, new Date('2026-01-01T00:00:00Z'));
    expect(await codeOf(verifyAccessToken(token, 'secret', new Date('2026-01-01T01:00:01Z')))).toBe(
      'TOKEN_EXPIRED',
    );
  });

  it('rejects a token signed with another secret', async () => {
    const { token } = await issueAccessToken(claims, 'other-secret', 60);
    expect(await codeOf(verifyAccessToken(token, 'secret'))).toBe('UNAUTHENTICATED');
  });

  it('rejects an unsigned token (alg: none)', async () => {
    const token = new UnsecuredJWT({ org: 'o1', role: 'owner' })
      .setSubject('u1')
      .setIssuer('vexil')
      .setAudience('vexil:access')
      .setExpirationTime('1h')
      .encode();
    expect(await codeOf(verifyAccessToken(token, 'secret'))).toBe('UNAUTHENTICATED');
  });

  it('rejects a token of the right key but another audience', async () => {
    const token = await new SignJWT({ org: 'o1', role: 'owner' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuer('vexil')
      .setAudience('something-else')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('secret'));
    expect(await codeOf(verifyAccessToken(token, 'secret'))).toBe('UNAUTHENTICATED');
  });
});
