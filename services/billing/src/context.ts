import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphContext } from '@vexil/platform';
import { createSubscriptionLoaders } from './modules/subscriptions/subscription.loaders.js';

/** Per-request context of the billing subgraph. */
export interface BillingContext extends SubgraphContext {
  em: EntityManager;
  loaders: ReturnType<typeof createSubscriptionLoaders>;
}

/** Builds the context of one request. */
export function createBillingContext(base: SubgraphContext, em: EntityManager): BillingContext {
  return { ...base, em, loaders: createSubscriptionLoaders(em) };
}
