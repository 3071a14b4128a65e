import { buildFederatedSchema, type FederatedSchema, type ReferenceResolvers } from '@vexil/platform';
import { resolveOrganizationReference } from './modules/organizations/organization.reference.js';
import { OrganizationProjectsResolver } from './modules/organizations/organization.resolver.js';
import { ProjectEventsResolver } from './modules/projects/project.events.js';
import { resolveProjectReference } from './modules/projects/project.reference.js';
import { ProjectResolver } from './modules/projects/project.resolver.js';

/** The flags subgraph's schema; `npm run compose` prints its SDL to services/flags/schema.graphql. */
export function buildFlagsSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    resolvers: [ProjectResolver, OrganizationProjectsResolver, ProjectEventsResolver],
    references: {
      Organization: resolveOrganizationReference,
      Project: resolveProjectReference,
    } as ReferenceResolvers,
  });
}
