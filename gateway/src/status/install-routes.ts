import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayConfig } from '../config.js';
import type { ComponentStatus, PlatformStatus, StatusCheck } from './platform-status.js';

/** The one region a self-hosted install is, in FeatureSignals' terms. */
export const REGION = { region: 'self-hosted', name: 'This installation' };

const asService = ({ name, status, latencyMs, message }: ComponentStatus) => ({
  name,
  status,
  latency_ms: latencyMs,
  ...(message ? { message } : {}),
});

const asRegion = (check: StatusCheck) => ({
  ...REGION,
  status: check.status,
  services: check.components.map(asService),
  checked_at: check.checkedAt.toISOString(),
});

const send = (response: ServerResponse, body: unknown): void => {
  response
    .writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      // A status page polls; half a minute old is fresh enough and spares the subgraphs.
      'cache-control': 'public, max-age=30',
    })
    .end(JSON.stringify(body));
};

/**
 * What FeatureSignals' public routes say of the install itself: `/health`, the live `/v1/status` and
 * `/v1/status/global` (the history and SLA are rows over analytics, which records the checks), its
 * `/v1/regions` and `/v1/capabilities`. Infrastructure like `/readyz`: answered by the gateway from its
 * own checks and configuration, not through the graph, so they answer while a subgraph is down.
 */
export function installRoutes(
  status: PlatformStatus,
  config: Pick<GatewayConfig, 'payments' | 'smtp'>,
): { path: string; handler: (request: IncomingMessage, response: ServerResponse) => Promise<void> }[] {
  return [
    {
      path: '/v1/regions',
      handler: async (_request, response) =>
        send(response, { regions: [{ code: REGION.region, name: REGION.name, flag: '' }] }),
    },
    {
      path: '/v1/capabilities',
      handler: async (_request, response) =>
        send(response, {
          deployment_mode: 'self-hosted',
          // Billing takes payments only with a provider; `manual` changes plans without one.
          billing_enabled: config.payments.provider !== 'manual',
          regions_enabled: false,
          email_provider: config.smtp.url ? 'smtp' : 'outbox',
        }),
    },
    {
      path: '/health',
      handler: async (_request, response) => send(response, { status: 'ok', service: 'vexil' }),
    },
    {
      path: '/v1/status',
      handler: async (_request, response) => send(response, asRegion(await status.check())),
    },
    {
      path: '/v1/status/global',
      handler: async (_request, response) => {
        const check = await status.check();
        send(response, {
          overall_status:
            check.status === 'operational'
              ? 'operational'
              : check.status === 'degraded'
                ? 'degraded'
                : 'partial_outage',
          regions: [asRegion(check)],
          checked_at: check.checkedAt.toISOString(),
        });
      },
    },
  ];
}
