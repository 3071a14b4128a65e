import type { ListResult, RestRoute, RestRequest } from '../rest-route.js';

// FeatureSignals reads an empty event list as "all events" (routes.md §1.4); Vexil spells that `*`.
const events = ({ body }: RestRequest) =>
  Array.isArray(body.events) && body.events.length === 0 ? ['*'] : body.events;

/**
 * FeatureSignals `/v1/webhooks` (routes.md §1.4, §1.8). Webhooks made here sign as FeatureSignals'
 * receivers verify (`X-FeatureSignals-Signature`); the secret comes back once, on creation.
 */
export const featureSignalsWebhookRoutes: RestRoute[] = [
  {
    method: 'GET',
    path: '/webhooks',
    auth: 'user',
    operation: 'Webhooks',
    list: true,
    variables: ({ page }) => ({ ...page }),
    result: (data) => (data.organization as { webhooks: ListResult }).webhooks,
  },
  {
    method: 'POST',
    path: '/webhooks',
    auth: 'user',
    operation: 'CreateWebhook',
    variables: (request) => ({
      input: {
        name: request.body.name,
        url: request.body.url,
        secret: request.body.secret,
        events: events(request),
        format: 'featuresignals',
      },
    }),
    result: (data) => {
      const { webhook, secret } = data.createWebhook as { webhook: object; secret: string };
      return { ...webhook, secret };
    },
    status: 201,
  },
  {
    method: 'GET',
    path: '/webhooks/:webhookID',
    auth: 'user',
    operation: 'Webhook',
    variables: ({ params }) => ({ id: params.webhookID }),
    result: (data) => data.webhook,
  },
  {
    method: 'PUT',
    path: '/webhooks/:webhookID',
    auth: 'user',
    operation: 'UpdateWebhook',
    variables: (request) => ({
      id: request.params.webhookID,
      input: {
        name: request.body.name,
        url: request.body.url,
        secret: request.body.secret,
        events: events(request),
        enabled: request.body.enabled,
      },
    }),
    result: (data) => data.updateWebhook,
  },
  {
    method: 'DELETE',
    path: '/webhooks/:webhookID',
    auth: 'user',
    operation: 'DeleteWebhook',
    variables: ({ params }) => ({ id: params.webhookID }),
    result: () => undefined,
    status: 204,
  },
  {
    method: 'GET',
    path: '/webhooks/:webhookID/deliveries',
    auth: 'user',
    operation: 'WebhookDeliveries',
    list: true,
    variables: ({ params, page }) => ({ id: params.webhookID, ...page }),
    result: (data) => (data.webhook as { deliveries: ListResult }).deliveries,
  },
];
