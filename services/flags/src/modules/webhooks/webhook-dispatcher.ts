import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { LockMode } from '@mikro-orm/core';
import { backgroundEm, type ServiceRuntime } from '@vexil/platform';
import { guardedLookup } from './ssrf-guard.js';
import { WebhookDelivery, type DeliveryAttempt } from './webhook-delivery.entity.js';
import { Webhook } from './webhook.entity.js';
import { deliveryHeaders } from './integration-kinds.js';
import type { WebhookSettings } from './webhook.service.js';

const TIMEOUT_MS = 10_000;
const MAX_ATTEMPTS = 5;

/** What one HTTP attempt came to. */
interface Outcome {
  status: number | null;
  error?: string;
}

function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  allowPrivate: boolean,
): Promise<Outcome> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const request = send(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Vexil-Webhook/1.0',
          ...headers,
        },
        lookup: guardedLookup(allowPrivate),
        timeout: TIMEOUT_MS,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? null }));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`timed out after ${TIMEOUT_MS} ms`)));
    request.on('error', (error) => resolve({ status: null, error: error.message }));
    request.end(body);
  });
}

/**
 * One attempt of a pending delivery, logged on it. An attempt holds no transaction while it waits on
 * the receiver: it leases the delivery (pushing its next attempt past the timeout), posts, then records
 * the outcome: 2xx succeeds; 5xx and network errors are retried with jittered n² backoff up to five
 * attempts; 4xx and 3xx (redirects are not followed) fail at once.
 */
export async function attemptDelivery(
  runtime: ServiceRuntime,
  settings: WebhookSettings,
  id: string,
): Promise<void> {
  const leased = await runtime.relay.transaction(backgroundEm(runtime.orm), async (em) => {
    const [delivery] = await em.find(
      WebhookDelivery,
      { id, status: 'pending' },
      { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
    );
    const webhook = delivery && (await em.findOne(Webhook, { id: delivery.webhookId }));
    if (!delivery || !webhook) return null;
    delivery.nextAttemptAt = new Date(runtime.now().getTime() + 2 * TIMEOUT_MS);
    return { webhook, body: delivery.body, eventType: delivery.eventType };
  });
  if (!leased) return;
  const now = runtime.now();
  const started = Date.now();
  const outcome = await post(
    leased.webhook.url,
    leased.body,
    {
      ...deliveryHeaders(leased.webhook, leased.body, now),
      'x-vexil-delivery': id,
      'x-vexil-event': leased.eventType,
    },
    settings.allowPrivateTargets,
  );
  const attempt: DeliveryAttempt = {
    at: now.toISOString(),
    status: outcome.status,
    durationMs: Date.now() - started,
    ...(outcome.error ? { error: outcome.error } : {}),
  };
  runtime.log.info('webhook attempt', { delivery: id, webhook: leased.webhook.id, ...attempt });
  await runtime.relay.transaction(backgroundEm(runtime.orm), async (em) => {
    const delivery = await em.findOneOrFail(WebhookDelivery, { id });
    delivery.attempts = [...delivery.attempts, attempt];
    const status = outcome.status ?? 0;
    if (status >= 200 && status < 300) {
      delivery.status = 'succeeded';
      delivery.deliveredAt = now;
    } else if ((status >= 500 || outcome.status === null) && delivery.attempts.length < MAX_ATTEMPTS) {
      const n = delivery.attempts.length;
      delivery.nextAttemptAt = new Date(
        Date.now() + n * n * settings.retryBaseMs * (0.8 + Math.random() * 0.4),
      );
    } else {
      delivery.status = 'failed';
    }
  });
}

/**
 * Delivers pending webhook deliveries when they are due, each through {@link attemptDelivery}. Runs in
 * every flags instance; `for update skip locked` gives each due delivery to one of them.
 */
export function startWebhookDispatcher(
  runtime: ServiceRuntime,
  settings: WebhookSettings,
  intervalMs = 1000,
): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = async () => {
    const due = await backgroundEm(runtime.orm).find(
      WebhookDelivery,
      { status: 'pending', nextAttemptAt: { $lte: runtime.now() } },
      { orderBy: { nextAttemptAt: 'asc' }, limit: 20, fields: ['id'] },
    );
    await Promise.all(
      due.map(({ id }) =>
        attemptDelivery(runtime, settings, id).catch((error: unknown) =>
          runtime.log.error('webhook delivery failed', { id, error }),
        ),
      ),
    );
  };
  const kick = () => {
    if (!stopped)
      running = running
        .then(tick)
        .catch((error: unknown) => runtime.log.error('webhook dispatch failed', { error }));
  };
  const timer = setInterval(kick, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
