import { DomainError } from '../errors/domain-error.js';
import { organizationOf, type Principal, type Role } from './principal.js';

/**
 * What a caller may do in its organization: the scopes of FeatureSignals (shared/reference/routes.md
 * §1.0), which built-in roles, custom roles and server API keys are made of.
 */
export const PERMISSIONS = [
  'flag:read',
  'flag:write',
  'flag:toggle',
  'apikey:write',
  'team:write',
  'billing:admin',
  'admin',
  'agent:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ['flag:read', 'agent:read'];
// routes.md §1.0: "writers" are owner, admin and developer; "ownerAdmin" are owner and admin.
const WRITERS: Permission[] = [...READ, 'flag:write', 'flag:toggle'];
const OWNER_ADMIN: Permission[] = [...WRITERS, 'apikey:write', 'team:write', 'billing:admin', 'admin'];

/** The permissions of each built-in role. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: OWNER_ADMIN,
  admin: OWNER_ADMIN,
  developer: WRITERS,
  viewer: READ,
};

/** What a server key without explicit scopes may do: manage its project's flags, nothing about people or keys. */
export const DEFAULT_SERVER_KEY_SCOPES: readonly Permission[] = WRITERS;

/** Tells whether a string names a permission. */
export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}

/**
 * The permissions a principal holds in its organization. Client (`pk_`) keys hold none: they may only
 * evaluate, which the gateway allows before any subgraph is asked.
 */
export function permissionsOf(principal: Principal): readonly Permission[] {
  switch (principal.kind) {
    case 'user':
      return principal.permissions ?? ROLE_PERMISSIONS[principal.role];
    case 'apiKey':
      if (principal.keyType !== 'server') return [];
      return principal.scopes.length > 0 ? principal.scopes : DEFAULT_SERVER_KEY_SCOPES;
    default:
      return [];
  }
}

/**
 * The caller's organization if it holds `permission` there. Anonymous callers get `UNAUTHENTICATED`,
 * everyone else without the permission `INSUFFICIENT_PERMISSIONS`.
 */
export function requirePermission(principal: Principal, permission: Permission): string {
  const organizationId = organizationOf(principal);
  if (!organizationId) throw new DomainError('UNAUTHENTICATED', 'sign in or use an API key');
  if (!permissionsOf(principal).includes(permission)) {
    throw new DomainError('INSUFFICIENT_PERMISSIONS', `insufficient permissions: needs ${permission}`);
  }
  return organizationId;
}
