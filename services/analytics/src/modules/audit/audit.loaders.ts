import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { AuditEvent } from './audit-event.entity.js';

/** Request-scoped batch loaders for the audit log. */
export function createAuditLoaders(em: EntityManager) {
  return {
    auditEventById: new DataLoader<string, AuditEvent | null>(async (ids) => {
      const rows = await em.find(AuditEvent, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
