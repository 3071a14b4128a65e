import { startService, type PlatformConfig, type RunningService, type ServiceDeps } from '@vexil/platform';
import { createBillingContext } from './context.js';
import { Migration0001Initial } from './migrations/migration-0001-initial.js';
import { Migration0002EventConsumers } from './migrations/migration-0002-event-consumers.js';
import { Migration0003PlansAndTrials } from './migrations/migration-0003-plans-and-trials.js';
import { Migration0004PaymentProviders } from './migrations/migration-0004-payment-providers.js';
import { createPayments } from './modules/payments/payments.js';
import { ProviderEvent } from './modules/payments/provider-event.entity.js';
import { DowngradeFeedback } from './modules/subscriptions/downgrade-feedback.entity.js';
import { Subscription } from './modules/subscriptions/subscription.entity.js';
import { subscriptionReactions } from './modules/subscriptions/subscription.reactions.js';
import { buildBillingSchema } from './schema.js';

/** Options of the billing subgraph. */
export interface BillingOptions extends ServiceDeps {
  config: PlatformConfig;
}

/** Starts the billing subgraph: plans, subscriptions, usage, limits and the payment provider. */
export function createServer(options: BillingOptions): Promise<RunningService> {
  const { billing } = options.config;
  const payments = createPayments(options.config);
  return startService(options, {
    name: 'billing',
    entities: [Subscription, ProviderEvent, DowngradeFeedback],
    migrations: [
      Migration0001Initial,
      Migration0002EventConsumers,
      Migration0003PlansAndTrials,
      Migration0004PaymentProviders,
    ],
    schema: buildBillingSchema,
    context: (base, em, runtime) => createBillingContext(base, em, runtime, billing, payments),
    reactions: (runtime) => subscriptionReactions(runtime, billing, payments),
  });
}
