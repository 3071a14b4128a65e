import type { BillingSettings, EventReaction, ServiceRuntime } from '@vexil/platform';
import type { Payments } from '../payments/payments.js';
import { SubscriptionService } from './subscription.service.js';

/** A new organization starts on the default plan (`BILLING_DEFAULT_PLAN`). */
export function subscriptionReactions(
  runtime: ServiceRuntime,
  settings: BillingSettings,
  payments: Payments,
): Record<string, EventReaction> {
  return {
    'organization.created': async (em, event) =>
      new SubscriptionService(em, runtime, settings, payments.provider).provision(em, event.organizationId!),
  };
}
