import { revokes, type AccessRevocation } from './access-revocation.js';

const revocation: AccessRevocation = {
  userId: 'u1',
  organizationId: null,
  sessionId: null,
  exceptSessionId: null,
  issuedUpTo: 1_000,
};
const token = { userId: 'u1', organizationId: 'o1', sessionId: 's1', issuedAt: 1_000 };

describe('an access revocation', () => {
  it.each<[string, Partial<AccessRevocation>, Partial<typeof token>, boolean]>([
    ['ends a token issued at its instant', {}, {}, true],
    ['spares a token issued a millisecond later', {}, { issuedAt: 1_001 }, false],
    ['spares another user', {}, { userId: 'u2' }, false],
    ['ends the named organization only', { organizationId: 'o1' }, {}, true],
    ['spares another organization', { organizationId: 'o2' }, {}, false],
    ['ends the named session', { sessionId: 's1' }, {}, true],
    ['spares another session', { sessionId: 's2' }, {}, false],
    ['spares the excepted session', { exceptSessionId: 's1' }, {}, false],
    ['ends every other session', { exceptSessionId: 's2' }, {}, true],
  ])('%s', (_name, scope, access, expected) => {
    expect(revokes({ ...revocation, ...scope }, { ...token, ...access })).toBe(expected);
  });
});
