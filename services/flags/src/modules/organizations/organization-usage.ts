import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Environment } from '../environments/environment.entity.js';
import { Flag } from '../flags/flag.entity.js';
import { Project } from '../projects/project.entity.js';

/** The resources of an organization flags owns and plans cap; archived flags still count (they exist). */
const COUNTED = { projects: Project, environments: Environment, flags: Flag } as const;
export type CountedResource = keyof typeof COUNTED;

/** How many `resource` an organization has: what its plan limit is checked against. */
export function countOf(
  em: EntityManager,
  resource: CountedResource,
  organizationId: string,
): Promise<number> {
  return em.count(COUNTED[resource] as typeof Project, { organizationId });
}

/**
 * Request-scoped counts for `Organization.projectCount` and its siblings. A caller only ever sees its own
 * organization, so each batch holds one id.
 */
export function createUsageLoaders(em: EntityManager) {
  const loader = (resource: CountedResource) =>
    new DataLoader<string, number>((ids) => Promise.all(ids.map((id) => countOf(em, resource, id))));
  return {
    projectCount: loader('projects'),
    environmentCount: loader('environments'),
    flagCount: loader('flags'),
  };
}
