import { buildFederatedSchema, type FederatedSchema, type ReferenceResolvers } from '@vexil/platform';
import { AuthResolver } from './modules/auth/auth.resolver.js';
import { resolveOrganizationReference } from './modules/organizations/organization.reference.js';
import { OrganizationResolver } from './modules/organizations/organization.resolver.js';
import { resolveUserReference } from './modules/users/user.reference.js';
import { UserResolver } from './modules/users/user.resolver.js';

/** The identity subgraph's schema; `npm run compose` prints its SDL to services/identity/schema.graphql. */
export function buildIdentitySchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    resolvers: [AuthResolver, UserResolver, OrganizationResolver],
    references: {
      User: resolveUserReference,
      Organization: resolveOrganizationReference,
    } as ReferenceResolvers,
  });
}
