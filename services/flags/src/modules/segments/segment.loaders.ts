import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Segment } from './segment.entity.js';

/** Request-scoped batch loaders for segments. */
export function createSegmentLoaders(em: EntityManager) {
  return {
    segmentsByProject: new DataLoader<string, Segment[]>(async (projectIds) => {
      const segments = await em.find(
        Segment,
        { projectId: { $in: [...projectIds] } },
        { orderBy: { key: 'asc' } },
      );
      return projectIds.map((id) => segments.filter((segment) => segment.projectId === id));
    }),
  };
}
