import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { ACCESS_REVOKED, type AccessRevocation, type Actor, type ServiceRuntime } from '@vexil/platform';
import { RefreshToken } from './refresh-token.entity.js';

/**
 * Revokes the refresh tokens that match `where` (a family, a user's other sessions, a member's sessions
 * in one organization): those sessions end at their next refresh. The access tokens already issued end
 * with {@link revokeAccessTokens}.
 */
export async function revokeSessions(
  em: EntityManager,
  where: FilterQuery<RefreshToken>,
  now: Date,
): Promise<void> {
  await em.nativeUpdate(RefreshToken, { $and: [where, { revokedAt: null }] }, { revokedAt: now });
}

/**
 * Ends a user's access tokens issued until now, in the scope given, as part of the transaction: the
 * gateways refuse them once the `access.revoked` event commits (docs/decisions/0007). Record it after
 * the transaction's last flush, like any event.
 */
export function revokeAccessTokens(
  runtime: ServiceRuntime,
  em: EntityManager,
  scope: Partial<Omit<AccessRevocation, 'issuedUpTo' | 'userId'>> & { userId: string },
  by: { actor: Actor; organizationId: string | null; reason: string },
): void {
  const revocation: AccessRevocation = {
    userId: scope.userId,
    organizationId: scope.organizationId ?? null,
    sessionId: scope.sessionId ?? null,
    exceptSessionId: scope.exceptSessionId ?? null,
    issuedUpTo: runtime.now().getTime(),
  };
  runtime.relay.record(em, {
    type: ACCESS_REVOKED,
    organizationId: revocation.organizationId ?? by.organizationId,
    aggregateId: revocation.userId,
    actor: by.actor,
    payload: { ...revocation, reason: by.reason },
  });
}
