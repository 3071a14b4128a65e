import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Project } from './project.entity.js';

/** Request-scoped batch loaders for projects. */
export function createProjectLoaders(em: EntityManager) {
  return {
    projectById: new DataLoader<string, Project | null>(async (ids) => {
      const projects = await em.find(Project, { id: { $in: [...ids] } });
      const byId = new Map(projects.map((project) => [project.id, project]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    projectsByOrganization: new DataLoader<string, Project[]>(async (organizationIds) => {
      const projects = await em.find(
        Project,
        { organizationId: { $in: [...organizationIds] } },
        { orderBy: { createdAt: 'asc', id: 'asc' } },
      );
      return organizationIds.map((id) => projects.filter((project) => project.organizationId === id));
    }),
  };
}
