import type { EntityManager } from '@mikro-orm/postgresql';
import type { BillingSettings, ServiceRuntime, SubgraphContext } from '@vexil/platform';
import type { Payments } from './modules/payments/payments.js';
import { StripeWebhookReceiver } from './modules/payments/stripe-webhook.js';
import { createSubscriptionLoaders } from './modules/subscriptions/subscription.loaders.js';
import { SubscriptionService } from './modules/subscriptions/subscription.service.js';

/** Per-request context of the billing subgraph. */
export interface BillingContext extends SubgraphContext {
  em: EntityManager;
  loaders: ReturnType<typeof createSubscriptionLoaders>;
  subscriptions: SubscriptionService;
  stripeWebhook: StripeWebhookReceiver;
  settings: BillingSettings;
  /** The clock trials are measured with. */
  now: () => Date;
}

/** Builds the context of one request. */
export function createBillingContext(
  base: SubgraphContext,
  em: EntityManager,
  runtime: ServiceRuntime,
  settings: BillingSettings,
  payments: Payments,
): BillingContext {
  return {
    ...base,
    em,
    loaders: createSubscriptionLoaders(em),
    subscriptions: new SubscriptionService(em, runtime, settings, payments.provider),
    stripeWebhook: new StripeWebhookReceiver(em, runtime, settings, payments),
    settings,
    now: runtime.now,
  };
}
