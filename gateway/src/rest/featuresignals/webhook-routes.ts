import { Type } from '@sinclair/typebox';
import { resource, type RestRequest, type RestRoute } from '../rest-route.js';
import { WebhookBody, WebhookWithSecret } from './schemas.js';

// FeatureSignals reads an empty event list as "all events" (routes.md §1.4); Vexil spells that `*`.
const events = ({ body }: RestRequest) =>
  Array.isArray(body.events) && body.events.length === 0 ? ['*'] : body.events;

const example = {
  name: 'deploy notifier',
  url: 'https://hooks.example.com/flags',
  events: ['flag.updated', 'flag.toggled'],
};

/**
 * FeatureSignals `/v1/webhooks` (routes.md §1.4, §1.8). Webhooks made here sign as FeatureSignals'
 * receivers verify (`X-FeatureSignals-Signature`); the secret comes back once, on creation.
 */
export const featureSignalsWebhookRoutes: RestRoute[] = resource<RestRoute>('Webhooks', [
  {
    method: 'GET',
    path: '/webhooks',
    auth: 'user',
    summary: "The organization's webhooks",
    operation: 'Webhooks',
    list: true,
    variables: ({ page }) => ({ ...page }),
    result: 'organization.webhooks',
  },
  {
    method: 'POST',
    path: '/webhooks',
    auth: 'user',
    summary: 'Create a webhook: flag changes POSTed to a URL, signed',
    operation: 'CreateWebhook',
    request: {
      body: Type.Object({
        ...WebhookBody.properties,
        name: Type.String({ minLength: 1 }),
        url: Type.String({ minLength: 1 }),
      }),
    },
    example,
    variables: (request) => ({
      input: {
        name: request.body.name,
        url: request.body.url,
        secret: request.body.secret,
        events: events(request),
        format: 'featuresignals',
      },
    }),
    result: ({ createWebhook: { webhook, secret } }) => ({ ...webhook, secret }),
    response: WebhookWithSecret,
    status: 201,
  },
  {
    method: 'GET',
    path: '/webhooks/:webhookID',
    auth: 'user',
    summary: 'A webhook (never its secret)',
    operation: 'Webhook',
    variables: ({ params }) => ({ id: params.webhookID }),
    result: 'webhook',
  },
  {
    method: 'PUT',
    path: '/webhooks/:webhookID',
    auth: 'user',
    summary: "Change a webhook's URL, events, secret, or turn it off",
    operation: 'UpdateWebhook',
    request: { body: WebhookBody },
    example: { enabled: false },
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
    result: 'updateWebhook',
  },
  {
    method: 'DELETE',
    path: '/webhooks/:webhookID',
    auth: 'user',
    summary: 'Delete a webhook',
    operation: 'DeleteWebhook',
    variables: ({ params }) => ({ id: params.webhookID }),
  },
  {
    method: 'GET',
    path: '/webhooks/:webhookID/deliveries',
    auth: 'user',
    summary: "A webhook's deliveries, newest first, with each attempt's status",
    operation: 'WebhookDeliveries',
    list: true,
    variables: ({ params, page }) => ({ id: params.webhookID, ...page }),
    result: 'webhook.deliveries',
  },
]);
