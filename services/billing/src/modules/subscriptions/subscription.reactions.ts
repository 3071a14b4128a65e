import type { BillingSettings, EventReaction, ServiceRuntime } from '@vexil/platform';
import { SubscriptionService } from './subscription.service.js';

/** A new organization starts on the default plan (`BILLING_DEFAULT_PLAN`). */
export function subscriptionReactions(
  runtime: ServiceRuntime,
  settings: BillingSettings,
): Record<string, EventReaction> {
  return {
    'organization.created': async (em, event) =>
      new SubscriptionService(em, runtime, settings).provision(em, event.organizationId!),
  };
}
