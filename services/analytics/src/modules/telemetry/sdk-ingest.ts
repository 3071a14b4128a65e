import type { Principal } from '@vexil/platform';
import type { SdkEventKind } from './sdk-event.entity.js';
import type { Activity, Ingest, SeenContext } from './telemetry-writer.js';

type Event = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/** When an event says it happened, if it says so readably and not in the future; else when it came. */
function occurredAt(value: unknown, receivedAt: Date): Date {
  const at = typeof value === 'string' ? new Date(value) : null;
  return at && !Number.isNaN(at.getTime()) && at <= receivedAt ? at : receivedAt;
}

/**
 * What the activity rollups and MAU learn from an event an SDK sent: an evaluation (FeatureFlags'
 * telemetry: the value served, the reason it gives, the context) or an A/B impression (FeatureSignals'
 * `/v1/track`: the variant a user saw). Conversions and errors are kept as they are, and count nothing.
 */
function learned(kind: SdkEventKind, event: Event, receivedAt: Date) {
  const flagKey = text(event.flag_key);
  if (!flagKey) return null;
  switch (kind) {
    case 'evaluation':
      return {
        flagKey,
        kind: 'evaluation' as const,
        // The package reports values, not variation keys: the value's JSON text stands for its variation.
        variation: JSON.stringify(event.value ?? null),
        reason: text(event.match_reason) ?? 'unknown',
        at: occurredAt(event.timestamp, receivedAt),
        contextKey: text(event.context_id) ?? text(event.device_id),
      };
    case 'impression':
      return {
        flagKey,
        kind: 'impression' as const,
        variation: text(event.variant_key) ?? '',
        reason: 'impression',
        at: receivedAt,
        contextKey: text(event.user_key),
      };
    default:
      return null;
  }
}

/** The ingest of a batch an SDK key sent: the events as sent, and what they count. */
export function sdkIngest(
  principal: Extract<Principal, { kind: 'apiKey' }>,
  kind: SdkEventKind,
  events: Event[],
): Ingest {
  const receivedAt = new Date();
  const { organizationId, environmentId } = principal;
  const activity: Activity[] = [];
  const contexts: SeenContext[] = [];
  for (const event of events) {
    const found = learned(kind, event, receivedAt);
    if (!found) continue;
    const { flagKey, variation, reason, at, contextKey } = found;
    activity.push({
      organizationId,
      environmentId,
      flagKey,
      kind: found.kind,
      variation,
      reason,
      at,
      count: 1,
    });
    if (contextKey) contexts.push({ organizationId, environmentId, contextKey, at });
  }
  return {
    events: { organizationId, environmentId, keyId: principal.keyId, kind, data: events },
    activity,
    contexts,
  };
}
