import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Environment } from './environment.entity.js';

/** Request-scoped batch loaders for environments. */
export function createEnvironmentLoaders(em: EntityManager) {
  return {
    environmentsByProject: new DataLoader<string, Environment[]>(async (projectIds) => {
      const environments = await em.find(
        Environment,
        { projectId: { $in: [...projectIds] } },
        { orderBy: { position: 'asc', createdAt: 'asc' } },
      );
      return projectIds.map((id) => environments.filter((environment) => environment.projectId === id));
    }),
  };
}
