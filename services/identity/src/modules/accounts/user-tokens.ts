import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@vexil/platform';
import { newSecretToken, parseSecretToken, secretMatches } from '../auth/secret-token.js';
import { UserToken, type UserTokenPurpose } from './user-token.entity.js';

/** Issues a single-use token of `purpose` for a user (in an organization, where it matters); its text, once. */
export function issueUserToken(
  em: EntityManager,
  now: Date,
  grant: { userId: string; purpose: UserTokenPurpose; ttlMs: number; organizationId?: string },
): string {
  const token = newSecretToken();
  em.create(UserToken, {
    id: token.id,
    userId: grant.userId,
    organizationId: grant.organizationId ?? null,
    purpose: grant.purpose,
    secretHash: token.hash,
    expiresAt: new Date(now.getTime() + grant.ttlMs),
  });
  return token.presented;
}

/** Marks a token used if it is genuine, unused and unexpired; `INVALID_TOKEN` otherwise. */
export async function redeemUserToken(
  em: EntityManager,
  now: Date,
  presented: string,
  purpose: UserTokenPurpose,
): Promise<UserToken> {
  const parsed = parseSecretToken(presented);
  const token = parsed ? await em.findOne(UserToken, { id: parsed.id, purpose }) : null;
  if (!parsed || !token || !secretMatches(token.secretHash, parsed.secret))
    throw new DomainError('INVALID_TOKEN');
  if (token.usedAt || token.expiresAt.getTime() <= now.getTime()) throw new DomainError('INVALID_TOKEN');
  // Claiming only an unused row makes two concurrent redemptions of one token succeed once.
  const claimed = await em.nativeUpdate(UserToken, { id: token.id, usedAt: null }, { usedAt: now });
  if (claimed !== 1) throw new DomainError('INVALID_TOKEN');
  return token;
}
