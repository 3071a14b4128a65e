import { Type, type TObject } from '@sinclair/typebox';
import { resource, type RestRoute } from '../rest-route.js';

// The events the package batches (routes.md §2.1). Only what names an event is required; the package
// sends the rest when it has it, and every field is kept as sent.
const optionalText = Type.Optional(Type.Union([Type.String(), Type.Null()]));
const occurredAt = Type.String({ minLength: 1, description: 'ISO 8601' });

const TelemetryEvent = Type.Object({
  flag_key: Type.String({ minLength: 1 }),
  value: Type.Optional(Type.Unknown()),
  context_id: optionalText,
  device_id: optionalText,
  session_id: optionalText,
  request_id: optionalText,
  timestamp: occurredAt,
  match_reason: optionalText,
  matched_rule_index: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
});

const ConversionEvent = Type.Object({
  event_name: Type.String({ minLength: 1 }),
  context_id: optionalText,
  device_id: optionalText,
  session_id: optionalText,
  request_id: optionalText,
  timestamp: occurredAt,
  properties: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])),
  flag_key: optionalText,
  flag_value: Type.Optional(Type.Unknown()),
  evaluated_flags: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])),
});

const ErrorEvent = Type.Object({
  flag_key: optionalText,
  flag_value: Type.Optional(Type.Unknown()),
  error_type: Type.String({ minLength: 1 }),
  error_message: optionalText,
  stack_trace: optionalText,
  metadata: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])),
  context_id: optionalText,
  session_id: optionalText,
  request_id: optionalText,
  occurred_at: occurredAt,
});

/** As many as `ingestTelemetry` takes in one call; the package sends 100 at most (§2.1). */
const MAX_EVENTS = 1000;

const Received = Type.Object({ received: Type.Literal(true), count: Type.Integer({ minimum: 0 }) });

/** A route storing a batch (`field` of the body) as analytics' `kind` of SDK event. */
const batch = (
  path: string,
  field: 'events' | 'errors',
  kind: 'evaluation' | 'conversion' | 'error',
  event: TObject,
  example: Record<string, unknown>,
  summary: string,
): Omit<RestRoute, 'tag'> => ({
  method: 'POST',
  path,
  auth: 'apiKey',
  summary,
  operation: 'IngestTelemetry',
  errors: ['MAU_LIMIT_EXCEEDED'],
  request: { body: Type.Object({ [field]: Type.Array(event, { maxItems: MAX_EVENTS }) }) },
  example: { [field]: [example] },
  rateLimit: 'evaluation',
  bare: true,
  variables: ({ body }) => ({ kind, events: body[field] }),
  // Stored before this answer: a 2xx means the batch is durable (REST.md).
  result: ({ ingestTelemetry }) => ({ received: true, count: ingestTelemetry }),
  response: Received,
});

const at = '2025-11-29T14:30:00Z';

/** What the package reports (routes.md §2.1), kept by the analytics subgraph. */
export const featureFlagsTelemetryRoutes = resource<RestRoute>('Telemetry', [
  batch(
    '/telemetry',
    'events',
    'evaluation',
    TelemetryEvent,
    { flag_key: 'new-checkout', context_id: 'user_123', value: true, timestamp: at },
    'Batched evaluation events',
  ),
  batch(
    '/conversions',
    'events',
    'conversion',
    ConversionEvent,
    { event_name: 'checkout_completed', context_id: 'user_123', timestamp: at, flag_key: 'new-checkout' },
    'Batched conversion events',
  ),
  batch(
    '/errors',
    'errors',
    'error',
    ErrorEvent,
    { flag_key: 'new-checkout', error_type: 'RuntimeException', error_message: 'boom', occurred_at: at },
    'Errors correlated with the flags evaluated in the same request',
  ),
]);
