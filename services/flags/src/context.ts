import type { EntityManager } from '@mikro-orm/postgresql';
import type { ServiceRuntime, SubgraphContext } from '@vexil/platform';
import { createEnvironmentLoaders } from './modules/environments/environment.loaders.js';
import { createProjectLoaders } from './modules/projects/project.loaders.js';
import { ProjectService } from './modules/projects/project.service.js';

/** Per-request context of the flags subgraph. */
export interface FlagsContext extends SubgraphContext {
  em: EntityManager;
  loaders: ReturnType<typeof createProjectLoaders> & ReturnType<typeof createEnvironmentLoaders>;
  projects: ProjectService;
}

/** Builds the context of one request; loaders live exactly as long as the request. */
export function createFlagsContext(
  base: SubgraphContext,
  em: EntityManager,
  runtime: ServiceRuntime,
): FlagsContext {
  return {
    ...base,
    em,
    loaders: { ...createProjectLoaders(em), ...createEnvironmentLoaders(em) },
    projects: new ProjectService(em, runtime),
  };
}
