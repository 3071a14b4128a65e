import type { DomainEvent } from '../events/domain-event.js';

/** The event identity records wherever access ends before the tokens already issued expire. */
export const ACCESS_REVOKED = 'access.revoked';

/**
 * Which access tokens stop working (docs/decisions/0007): a user's tokens issued up to an instant,
 * narrowed to one organization, one session, or every session but one.
 */
export interface AccessRevocation {
  userId: string;
  /** Only tokens for this organization; null for every organization. */
  organizationId: string | null;
  /** Only this session (refresh-token family); null for every session. */
  sessionId: string | null;
  /** Every session but this one: the caller's own survives their password change. */
  exceptSessionId: string | null;
  /** Tokens issued at or before this instant (ms since the epoch) are refused. */
  issuedUpTo: number;
}

/** What a revocation is matched against: an access token's subject, scope and issue time. */
export interface IssuedAccess {
  userId: string;
  organizationId: string;
  sessionId?: string;
  /** ms since the epoch. */
  issuedAt: number;
}

/** Whether `revocation` ends `access`. */
export function revokes(revocation: AccessRevocation, access: IssuedAccess): boolean {
  return (
    revocation.userId === access.userId &&
    access.issuedAt <= revocation.issuedUpTo &&
    (revocation.organizationId === null || revocation.organizationId === access.organizationId) &&
    (revocation.sessionId === null || revocation.sessionId === access.sessionId) &&
    (revocation.exceptSessionId === null || revocation.exceptSessionId !== access.sessionId)
  );
}

/** The revocation an `access.revoked` event carries; null for any other event or a malformed one. */
export function accessRevocationOf(event: DomainEvent): AccessRevocation | null {
  if (event.type !== ACCESS_REVOKED) return null;
  const { userId, organizationId, sessionId, exceptSessionId, issuedUpTo } = event.payload;
  const optional = (value: unknown) => value === null || typeof value === 'string';
  if (
    typeof userId !== 'string' ||
    typeof issuedUpTo !== 'number' ||
    !optional(organizationId) ||
    !optional(sessionId) ||
    !optional(exceptSessionId)
  )
    return null;
  return {
    userId,
    organizationId: organizationId as string | null,
    sessionId: sessionId as string | null,
    exceptSessionId: exceptSessionId as string | null,
    issuedUpTo,
  };
}
