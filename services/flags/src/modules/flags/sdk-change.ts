import type { DomainEvent, Principal } from '@vexil/platform';

/** What flag and segment events carry that says where they happened. */
export interface ChangePayload {
  flagId?: string;
  key?: string;
  projectId?: string;
  environmentId?: string;
  version?: number;
}

/**
 * Whether an event changes what an SDK key's environment serves: a flag or segment change of its
 * organization, in its environment, or project-wide (a new flag, a segment) in its project. The
 * `flagUpdates` and `evaluationsChanged` feeds answer the same events.
 */
export function changesKeyEnvironment(
  event: DomainEvent<ChangePayload>,
  principal: Principal,
): principal is Extract<Principal, { kind: 'apiKey' }> {
  if (principal.kind !== 'apiKey' || event.organizationId !== principal.organizationId) return false;
  if (!event.type.startsWith('flag.') && !event.type.startsWith('segment.')) return false;
  const { payload } = event;
  return payload.environmentId
    ? payload.environmentId === principal.environmentId
    : payload.projectId === principal.projectId;
}
