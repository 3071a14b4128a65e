import { Type } from '@sinclair/typebox';
import { resource, type RestRoute } from '../rest-route.js';

/** As many events as one call stores; the SDKs flush at 256. */
const MAX_EVENTS = 1000;

/**
 * An agent behaviour event as the SDKs send it: snake_case from Node, Python and Go, the Java and .NET
 * clients' own field names otherwise; kept as sent.
 */
const BehaviorEvent = Type.Record(Type.String(), Type.Unknown(), {
  description:
    'behavior_key, agent_id, agent_type, variant, action, outcome?, value?, metadata?, user_id?, session_id?, recorded_at?',
});

const example = {
  behavior_key: 'search-ranking',
  agent_id: 'agent-7',
  agent_type: 'support-bot',
  variant: 'semantic',
  action: 'search.ranked',
  recorded_at: '2026-12-01T10:00:00Z',
};

/** A batch route (a bare JSON array) storing agent behaviour events for the key's environment. */
const batch = (path: string, summary: string, checkEnvironment: boolean): Omit<RestRoute, 'tag'> => ({
  method: 'POST',
  path,
  auth: 'apiKey',
  summary,
  operation: 'IngestTelemetry',
  request: {
    body: Type.Object({ events: Type.Array(BehaviorEvent, { minItems: 1, maxItems: MAX_EVENTS }) }),
    arrayBody: 'events',
  },
  example: { events: [example] },
  rateLimit: 'evaluation',
  variables: ({ body, params }) => ({
    kind: 'behavior',
    events: body.events,
    ...(checkEnvironment ? { environmentKey: params.envKey } : {}),
  }),
  // The SDKs retry anything but 202; the batch is stored before it (REST.md).
  status: 202,
});

/**
 * The tracking calls of FeatureSignals' SDKs (routes.md §1.1): their ABM clients buffer agent behaviour
 * events and post them in batches, Node, Python and Go to `/v1/abm/track/batch`, Java and .NET to
 * `/v1/client/{envKey}/abm/track`; single events go to `/v1/abm/track`. Stored by analytics as sent.
 */
export const featureSignalsAbmRoutes = resource<RestRoute>('Tracking', [
  {
    method: 'POST',
    path: '/abm/track',
    auth: 'apiKey',
    summary: 'Record one agent behaviour event',
    operation: 'IngestTelemetry',
    request: {
      body: Type.Object({
        behavior_key: Type.String({ minLength: 1 }),
        agent_id: Type.Optional(Type.String()),
        agent_type: Type.Optional(Type.String()),
        variant: Type.Optional(Type.String()),
        action: Type.Optional(Type.String()),
      }),
      message: 'behavior_key is required',
    },
    example,
    rateLimit: 'evaluation',
    variables: ({ body }) => ({ kind: 'behavior', events: [body] }),
    status: 202,
  },
  batch('/abm/track/batch', 'Record a batch of agent behaviour events (a JSON array)', false),
  batch(
    '/client/:envKey/abm/track',
    "Record a batch of agent behaviour events for the key's environment (a JSON array)",
    true,
  ),
]);
