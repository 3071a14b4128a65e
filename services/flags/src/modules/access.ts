import {
  actorOf,
  DomainError,
  organizationOf,
  requirePermission,
  type Actor,
  type Permission,
  type Principal,
} from '@vexil/platform';

export { actorOf } from '@vexil/platform';

/** The caller's organization; every read and write of this subgraph is confined to it. */
export function requireOrganization(principal: Principal): string {
  const organizationId = organizationOf(principal);
  if (!organizationId) throw new DomainError('UNAUTHENTICATED', 'sign in or use an API key');
  return organizationId;
}

/** Callers who may change configuration: "writers" (owner, admin, developer), custom roles and server keys with `flag:write`. */
export function requireWriter(principal: Principal): string {
  return requirePermission(principal, 'flag:write');
}

/**
 * The caller of a write, checked to hold `permission` (default `flag:write`): its organization and
 * how it appears in events.
 */
export function writerOf(
  principal: Principal,
  permission: Permission = 'flag:write',
): { organizationId: string; actor: Actor } {
  return { organizationId: requirePermission(principal, permission), actor: actorOf(principal) };
}

/** Owners and admins (seed 000's "ownerAdmin"): deleting projects and environments, approvals. */
export function requireAdmin(principal: Principal): { organizationId: string; actor: Actor } {
  return writerOf(principal, 'admin');
}
