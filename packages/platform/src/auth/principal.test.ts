import { signPrincipal, verifyPrincipal, type Principal } from './principal.js';

const user: Principal = { kind: 'user', userId: 'u1', organizationId: 'o1', role: 'developer' };

describe('signed principals', () => {
  it('round-trips a principal signed with the shared secret', () => {
    expect(verifyPrincipal(signPrincipal(user, 'secret'), 'secret')).toEqual(user);
  });

  it('rejects a principal signed with another secret', () => {
    expect(verifyPrincipal(signPrincipal(user, 'other'), 'secret')).toBeNull();
  });

  it('rejects a tampered body even with a valid-looking signature', () => {
    const [, signature] = signPrincipal(user, 'secret').split('.');
    const body = Buffer.from(
      JSON.stringify({ p: { ...user, role: 'owner' }, exp: Date.now() + 60_000 }),
    ).toString('base64url');
    expect(verifyPrincipal(`${body}.${signature}`, 'secret')).toBeNull();
  });

  it('rejects a header older than its validity window, so a captured one cannot be replayed for long', () => {
    const header = signPrincipal(user, 'secret', 1_000);
    expect(verifyPrincipal(header, 'secret', 1_000 + 59_000)).toEqual(user);
    expect(verifyPrincipal(header, 'secret', 1_000 + 61_000)).toBeNull();
  });

  it.each([undefined, '', 'garbage', 'a.b.c', '.'])('rejects %p', (header) => {
    expect(verifyPrincipal(header, 'secret')).toBeNull();
  });
});
