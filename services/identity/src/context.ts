import type { EntityManager } from '@mikro-orm/postgresql';
import type { ServiceRuntime, SubgraphContext } from '@vexil/platform';
import { AuthService, type AuthSettings } from './modules/auth/auth.service.js';
import { createOrganizationLoaders } from './modules/organizations/organization.loaders.js';
import { createUserLoaders } from './modules/users/user.loaders.js';

/** Per-request context of the identity subgraph: the caller, a fresh unit of work, loaders, services. */
export interface IdentityContext extends SubgraphContext {
  em: EntityManager;
  loaders: ReturnType<typeof createUserLoaders> & ReturnType<typeof createOrganizationLoaders>;
  auth: AuthService;
}

/** Builds the context of one request; loaders live exactly as long as the request. */
export function createIdentityContext(
  base: SubgraphContext,
  em: EntityManager,
  runtime: ServiceRuntime,
  settings: AuthSettings,
): IdentityContext {
  return {
    ...base,
    em,
    loaders: { ...createUserLoaders(em), ...createOrganizationLoaders(em) },
    auth: new AuthService(em, runtime, settings),
  };
}
