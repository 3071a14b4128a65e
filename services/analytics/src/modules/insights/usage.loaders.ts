import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Usage } from './usage.type.js';
import { usageOf } from './usage.js';

/** Request-scoped usage of this month, read once however many of its counts a query asks for. */
export function createUsageLoaders(em: EntityManager) {
  return {
    usageThisMonth: new DataLoader<string, Usage>((ids) =>
      Promise.all(ids.map((id) => usageOf(em, id, null))),
    ),
  };
}
