import { Type } from '@sinclair/typebox';
import { resource, type RestRequest, type RestRoute } from '../rest-route.js';
import { Nullable, Timestamp } from './schemas.js';

const PROVIDERS = 'webhook, slack, teams, datadog, pagerduty';

const Config = Type.Record(Type.String(), Type.Unknown(), {
  description:
    'the provider’s settings: webhook `url`, `secret`; slack and teams `webhook_url` (slack `channel`); datadog `api_key`, `site`, `tags`; pagerduty `routing_key`',
});

const Integration = Type.Object({
  id: Type.String({ format: 'uuid' }),
  org_id: Type.String({ format: 'uuid' }),
  provider: Type.String({ description: PROVIDERS }),
  name: Type.String(),
  config: Type.Record(Type.String(), Type.Unknown(), {
    description: 'the settings; the credential (secret, API key, routing key, Slack URL) as `********`',
  }),
  enabled_events: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  created_at: Timestamp,
  updated_at: Timestamp,
});

const Delivery = Type.Object({
  id: Type.String({ format: 'uuid' }),
  integration_id: Type.String({ format: 'uuid' }),
  event_type: Type.String(),
  status: Type.String({ description: 'pending, succeeded, failed' }),
  success: Type.Boolean(),
  response_status: Nullable(Type.Integer()),
  delivered_at: Nullable(Timestamp),
  attempts: Type.Array(
    Type.Object({
      at: Timestamp,
      status: Nullable(Type.Integer()),
      duration_ms: Type.Integer(),
      error: Nullable(Type.String()),
    }),
  ),
});

const Events = Type.Array(Type.String(), { description: 'event types; empty or `*` for all' });

const input = ({ body }: RestRequest) => ({
  name: body.name,
  config: body.config,
  events: body.enabled_events,
  enabled: body.enabled,
});

const withIntegration = (delivery: Record<string, unknown>, { params }: RestRequest) => ({
  ...delivery,
  integration_id: params.integrationID,
});

/**
 * FeatureSignals `/v1/integrations`: flag changes sent to Slack, Microsoft Teams, Datadog, PagerDuty or
 * a signed webhook, by the webhooks' delivery (retries, log, SSRF guard). Credentials are never returned;
 * a webhook's generated signing secret comes back once, on creation.
 */
export const featureSignalsIntegrationRoutes: RestRoute[] = resource<RestRoute>('Integrations', [
  {
    method: 'GET',
    path: '/integrations',
    auth: 'user',
    summary: "The organization's integrations",
    operation: 'Integrations',
    list: true,
    variables: ({ page }) => ({ ...page }),
    result: 'organization.integrations',
  },
  {
    method: 'POST',
    path: '/integrations',
    auth: 'user',
    summary: 'Send flag changes to Slack, Teams, Datadog, PagerDuty or a signed webhook',
    operation: 'CreateIntegration',
    request: {
      body: Type.Object({
        provider: Type.String({ minLength: 1, description: PROVIDERS }),
        name: Type.Optional(Type.String({ minLength: 1 })),
        config: Config,
        enabled_events: Type.Optional(Events),
        enabled: Type.Optional(Type.Boolean()),
      }),
    },
    example: {
      provider: 'slack',
      config: { webhook_url: 'https://hooks.slack.com/services/T000/B000/XXXX', channel: '#releases' },
      enabled_events: ['flag.toggled'],
    },
    errors: ['PLAN_LIMIT_EXCEEDED'],
    variables: (request) => ({ provider: request.body.provider, input: input(request) }),
    result: ({ createIntegration: { integration, secret } }) =>
      secret === null ? integration : { ...integration, secret },
    response: Type.Object({
      ...Integration.properties,
      secret: Type.Optional(Type.String({ description: 'a webhook’s signing secret: shown once' })),
    }),
    status: 201,
  },
  {
    method: 'GET',
    path: '/integrations/:integrationID',
    auth: 'user',
    summary: 'An integration (never its credential)',
    operation: 'Integration',
    variables: ({ params }) => ({ id: params.integrationID }),
    result: 'integration',
  },
  {
    method: 'PUT',
    path: '/integrations/:integrationID',
    auth: 'user',
    summary: "Change an integration's settings or events, or turn it off",
    operation: 'UpdateIntegration',
    request: {
      body: Type.Object({
        name: Type.Optional(Type.String({ minLength: 1 })),
        config: Type.Optional(Config),
        enabled_events: Type.Optional(Events),
        enabled: Type.Optional(Type.Boolean()),
      }),
    },
    example: { enabled: false },
    variables: (request) => ({ id: request.params.integrationID, input: input(request) }),
    result: 'updateIntegration',
  },
  {
    method: 'DELETE',
    path: '/integrations/:integrationID',
    auth: 'user',
    summary: 'Delete an integration',
    operation: 'DeleteIntegration',
    variables: ({ params }) => ({ id: params.integrationID }),
  },
  {
    method: 'GET',
    path: '/integrations/:integrationID/deliveries',
    auth: 'user',
    summary: "An integration's deliveries, newest first, with each attempt",
    operation: 'IntegrationDeliveries',
    request: {
      query: Type.Object({
        limit: Type.Optional(
          Type.String({ pattern: '^\\d+$', description: 'how many, default 50, at most 100' }),
        ),
      }),
    },
    // FeatureSignals answers this one as a bare array.
    variables: ({ params, query }) => ({
      id: params.integrationID,
      first: Math.min(Number(query.get('limit') || 50), 100),
    }),
    result: ({ integration }, request) =>
      integration.deliveries.nodes.map((delivery: Record<string, unknown>) =>
        withIntegration(delivery, request),
      ),
    response: Type.Array(Delivery),
  },
  {
    method: 'POST',
    path: '/integrations/:integrationID/test',
    auth: 'user',
    summary: 'Send a test notification now; answers the delivery after its first attempt',
    operation: 'TestIntegration',
    variables: ({ params }) => ({ id: params.integrationID }),
    result: ({ testIntegration }, request) => withIntegration(testIntegration, request),
    response: Delivery,
  },
]);
