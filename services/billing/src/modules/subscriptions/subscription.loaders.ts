import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Subscription } from './subscription.entity.js';

/** Request-scoped batch loaders for subscriptions. */
export function createSubscriptionLoaders(em: EntityManager) {
  return {
    subscriptionByOrganization: new DataLoader<string, Subscription | null>(async (organizationIds) => {
      const rows = await em.find(Subscription, { organizationId: { $in: [...organizationIds] } });
      const byOrganization = new Map(rows.map((row) => [row.organizationId, row]));
      return organizationIds.map((id) => byOrganization.get(id) ?? null);
    }),
    subscriptionById: new DataLoader<string, Subscription | null>(async (ids) => {
      const rows = await em.find(Subscription, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
