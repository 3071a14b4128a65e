import { DomainError, organizationOf, requirePermission, type Principal } from '@vexil/platform';

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
