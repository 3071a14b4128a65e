import { DomainError, organizationOf, type Actor, type Principal } from '@vexil/platform';

/** The caller's organization; every read and write of this subgraph is confined to it. */
export function requireOrganization(principal: Principal): string {
  const organizationId = organizationOf(principal);
  if (!organizationId) throw new DomainError('UNAUTHENTICATED', 'sign in or use an API key');
  return organizationId;
}

/** The caller as it appears in events and the audit log. */
export function actorOf(principal: Principal): Actor {
  switch (principal.kind) {
    case 'user':
      return { type: 'user', id: principal.userId };
    case 'apiKey':
      return { type: 'apiKey', id: principal.keyId };
    default:
      return { type: 'system', id: principal.kind === 'system' ? principal.name : 'anonymous' };
  }
}

/** Users with a role that may change configuration (seed 000: "writers" are owner, admin, developer). */
export function requireWriter(principal: Principal): string {
  const organizationId = requireOrganization(principal);
  if (principal.kind === 'user' && principal.role === 'viewer')
    throw new DomainError('INSUFFICIENT_PERMISSIONS');
  if (principal.kind === 'apiKey' && principal.keyType !== 'server')
    throw new DomainError('INSUFFICIENT_PERMISSIONS');
  return organizationId;
}

/** The caller of a write, checked to be allowed to write: its organization and its actor for events. */
export function writerOf(principal: Principal): { organizationId: string; actor: Actor } {
  return { organizationId: requireWriter(principal), actor: actorOf(principal) };
}

/** Owners and admins only (seed 000's "ownerAdmin"): deleting projects and environments. */
export function requireAdmin(principal: Principal): { organizationId: string; actor: Actor } {
  const writer = writerOf(principal);
  if (principal.kind !== 'user' || (principal.role !== 'owner' && principal.role !== 'admin')) {
    throw new DomainError('INSUFFICIENT_PERMISSIONS');
  }
  return writer;
}
