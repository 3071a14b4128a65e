import { createHmac } from 'node:crypto';
import type { WebhookFormat } from './webhook.entity.js';

const hmac = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('hex');

/**
 * The signature headers of a delivery in the scheme its receiver verifies (REST.md): FeatureSignals
 * `sha256=<hex>` over the body; FeatureFlags the bare hex in two headers; Flagify and Vexil
 * `t=<unix>,v1=<hex>` over `"<t>.<body>"`, which also bounds replays.
 */
export function signatureHeaders(
  format: WebhookFormat,
  secret: string,
  body: string,
  now: Date,
): Record<string, string> {
  const t = Math.floor(now.getTime() / 1000);
  switch (format) {
    case 'featuresignals':
      return { 'x-featuresignals-signature': `sha256=${hmac(secret, body)}` };
    case 'featureflags': {
      const signature = hmac(secret, body);
      return { 'x-featureflags-signature': signature, 'x-webhook-signature': signature };
    }
    case 'flagify':
      return { 'x-flagify-signature': `t=${t},v1=${hmac(secret, `${t}.${body}`)}` };
    case 'vexil':
      return { 'x-vexil-signature': `t=${t},v1=${hmac(secret, `${t}.${body}`)}` };
  }
}
