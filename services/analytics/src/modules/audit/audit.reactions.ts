import { isUuid, type DomainEvent, type EventReaction } from '@vexil/platform';
import { AuditEvent } from './audit-event.entity.js';

/**
 * The project or environment an event touched: named in its payload, or the event's own resource
 * (`project.created` is about the project it names by its aggregate).
 */
function touched(event: DomainEvent, kind: 'project' | 'environment'): string | null {
  const named = event.payload[`${kind}Id`];
  if (typeof named === 'string' && isUuid(named)) return named;
  return event.type.startsWith(`${kind}.`) && event.aggregateId && isUuid(event.aggregateId)
    ? event.aggregateId
    : null;
}

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
        projectId: touched(event, 'project'),
        environmentId: touched(event, 'environment'),
        source: event.actor?.source ?? null,
        requestId: event.actor?.requestId ?? null,
        data: event.payload,
        occurredAt: new Date(event.occurredAt),
      });
    },
  };
}
