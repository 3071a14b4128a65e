import type { EntityName, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, type ErrorCode, type Principal } from '@vexil/platform';

/** A signed-in user acting in one organization. */
export type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/** The caller if it is a signed-in user: account and membership operations are not for API keys. */
export function requireUser(principal: Principal): UserPrincipal {
  if (principal.kind === 'user') return principal;
  if (principal.kind === 'apiKey') {
    throw new DomainError('INSUFFICIENT_PERMISSIONS', 'API keys cannot manage accounts, members or keys');
  }
  throw new DomainError('UNAUTHENTICATED', 'sign in first');
}

/** Tells whether the caller is the gateway itself (its API-key lookups), never a client. */
export function isGateway(principal: Principal): boolean {
  return principal.kind === 'system' && principal.name === 'gateway';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Loads a row of the caller's organization by id. A malformed id, a missing row and another
 * organization's row are the same `notFound` error, so ids reveal nothing across organizations.
 */
export async function findInOrganization<T extends { organizationId: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  id: string,
  organizationId: string,
  notFound: ErrorCode,
): Promise<T> {
  const row = UUID.test(id) ? await em.findOne(entity, { id } as FilterQuery<T>) : null;
  if (!row || row.organizationId !== organizationId) throw new DomainError(notFound);
  return row as T;
}
