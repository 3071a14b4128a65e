import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { Webhook } from './webhook.entity.js';

/** Request-scoped batch loaders for webhooks and integrations (every kind) and their deliveries. */
export function createWebhookLoaders(em: EntityManager) {
  return {
    integrationsByOrganization: new DataLoader<string, Webhook[]>(async (ids) => {
      const rows = await em.find(
        Webhook,
        { organizationId: { $in: [...ids] } },
        { orderBy: { createdAt: 'asc' } },
      );
      return ids.map((id) => rows.filter((row) => row.organizationId === id));
    }),
    deliveriesByWebhook: new DataLoader<string, WebhookDelivery[]>(async (ids) => {
      const rows = await em.find(
        WebhookDelivery,
        { webhookId: { $in: [...ids] } },
        { orderBy: { createdAt: 'desc', id: 'desc' } },
      );
      return ids.map((id) => rows.filter((row) => row.webhookId === id));
    }),
  };
}
