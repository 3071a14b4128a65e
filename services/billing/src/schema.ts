import { buildFederatedSchema, type FederatedSchema, type ReferenceResolvers } from '@vexil/platform';
import { OrganizationBillingResolver } from './modules/organizations/organization.resolver.js';
import { OrganizationRef } from './modules/organizations/organization.type.js';
import { PaymentResolver } from './modules/payments/payment.resolver.js';
import { PlanResolver } from './modules/plans/plan.resolver.js';
import { SubscriptionResolver } from './modules/subscriptions/subscription.resolver.js';
import { BillingSubscriptionType } from './modules/subscriptions/subscription.type.js';
import { resolveOrganizationReference } from './modules/organizations/organization.reference.js';
import { resolveSubscriptionReference } from './modules/subscriptions/subscription.reference.js';

/** The billing subgraph's schema; `npm run compose` prints its SDL to services/billing/schema.graphql. */
export function buildBillingSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    resolvers: [OrganizationBillingResolver, PaymentResolver, PlanResolver, SubscriptionResolver],
    // Reachable only through federation (no root field leads to them), so they must be listed.
    orphanedTypes: [OrganizationRef, BillingSubscriptionType],
    references: {
      Organization: resolveOrganizationReference,
      BillingSubscription: resolveSubscriptionReference,
    } as ReferenceResolvers,
  });
}
