import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { RefreshToken } from './refresh-token.entity.js';

/**
 * Revokes the refresh tokens that match `where` (a family, a user's other sessions, a member's sessions
 * in one organization): those sessions end at their next refresh. Access tokens already issued stay
 * valid until they expire (TOKEN_TTL_MINUTES), the price of stateless verification at the gateway.
 */
export async function revokeSessions(
  em: EntityManager,
  where: FilterQuery<RefreshToken>,
  now: Date,
): Promise<void> {
  await em.nativeUpdate(RefreshToken, { $and: [where, { revokedAt: null }] }, { revokedAt: now });
}
