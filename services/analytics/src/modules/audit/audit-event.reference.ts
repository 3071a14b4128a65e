import { organizationOf } from '@vexil/platform';
import type { AnalyticsContext } from '../../context.js';
import { toAuditEventType, type AuditEventType } from './audit-event.type.js';

/** Resolves `AuditEvent` references, only within the caller's organization. */
export async function resolveAuditEventReference(
  reference: { id: string },
  { principal, loaders }: AnalyticsContext,
): Promise<AuditEventType | null> {
  const entry = await loaders.auditEventById.load(reference.id);
  return entry && entry.organizationId === organizationOf(principal) ? toAuditEventType(entry) : null;
}
