import { startService, type PlatformConfig, type RunningService, type ServiceDeps } from '@vexil/platform';
import { createFlagsContext } from './context.js';
import { Migration0001Initial } from './migrations/migration-0001-initial.js';
import { Environment } from './modules/environments/environment.entity.js';
import { Project } from './modules/projects/project.entity.js';
import { ProjectService } from './modules/projects/project.service.js';
import { buildFlagsSchema } from './schema.js';

/** Options of the flags subgraph. */
export interface FlagsOptions extends ServiceDeps {
  config: PlatformConfig;
}

/** Starts the flags subgraph: projects, environments, flags and their configuration. */
export function createServer(options: FlagsOptions): Promise<RunningService> {
  return startService(options, {
    name: 'flags',
    entities: [Project, Environment],
    migrations: [Migration0001Initial],
    schema: buildFlagsSchema,
    context: createFlagsContext,
    reactions: (runtime) => ({
      'organization.created': (em, event) => new ProjectService(em, runtime).provisionWorkspace(em, event),
    }),
  });
}
