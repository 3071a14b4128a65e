import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { ScheduledChange } from '../schedules/scheduled-change.entity.js';
import { ChangeRequest } from './change-request.entity.js';

/** Request-scoped batch loaders for change requests (per environment and organization) and scheduled changes. */
export function createGovernanceLoaders(em: EntityManager) {
  return {
    changeRequestsByEnvironment: new DataLoader<string, ChangeRequest[]>(async (ids) => {
      const rows = await em.find(
        ChangeRequest,
        { environmentId: { $in: [...ids] } },
        { orderBy: { createdAt: 'desc' } },
      );
      return ids.map((id) => rows.filter((row) => row.environmentId === id));
    }),
    changeRequestsByOrganization: new DataLoader<string, ChangeRequest[]>(async (ids) => {
      const rows = await em.find(
        ChangeRequest,
        { organizationId: { $in: [...ids] } },
        { orderBy: { createdAt: 'desc', id: 'desc' } },
      );
      return ids.map((id) => rows.filter((row) => row.organizationId === id));
    }),
    scheduledChangesByEnvironment: new DataLoader<string, ScheduledChange[]>(async (ids) => {
      const rows = await em.find(
        ScheduledChange,
        { environmentId: { $in: [...ids] } },
        { orderBy: { runAt: 'asc' } },
      );
      return ids.map((id) => rows.filter((row) => row.environmentId === id));
    }),
  };
}
