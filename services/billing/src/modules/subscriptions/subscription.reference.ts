import { organizationOf } from '@vexil/platform';
import type { BillingContext } from '../../context.js';
import { toBillingSubscriptionType, type BillingSubscriptionType } from './subscription.type.js';

/** Resolves `BillingSubscription` references, only within the caller's organization. */
export async function resolveSubscriptionReference(
  reference: { id: string },
  { principal, loaders, settings, now }: BillingContext,
): Promise<BillingSubscriptionType | null> {
  const subscription = await loaders.subscriptionById.load(reference.id);
  return subscription && subscription.organizationId === organizationOf(principal)
    ? toBillingSubscriptionType(subscription, settings, now())
    : null;
}
