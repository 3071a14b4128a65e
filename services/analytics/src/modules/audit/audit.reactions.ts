import type { EventReaction } from '@vexil/platform';
import { AuditEvent } from './audit-event.entity.js';

/** Every event of every service becomes one audit entry (the consumer's inbox makes it exactly one). */
export function auditReactions(): Record<string, EventReaction> {
  return {
    '*': async (em, event) => {
      em.create(AuditEvent, {
        eventId: event.id,
        organizationId: event.organizationId,
        action: event.type,
        actorType: event.actor?.type ?? 'system',
        actorId: event.actor?.id ?? event.source,
        resourceType: event.type.split('.')[0]!,
        resourceId: event.aggregateId,
        data: event.payload,
        occurredAt: new Date(event.occurredAt),
      });
    },
  };
}
