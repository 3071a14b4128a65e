import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { BillingContext } from '../../context.js';
import { ORGANIZATION_ID_ARG, requireOwnOrganization } from '../organizations/organization-argument.js';
import { DowngradeFeedbackType } from '../payments/payment.types.js';
import { BillingSubscriptionType, toBillingSubscriptionType } from './subscription.type.js';

@Resolver(() => BillingSubscriptionType)
export class SubscriptionResolver {
  @Mutation(() => BillingSubscriptionType, {
    description:
      'Puts your organization on another plan (owner or admin): at once with manual billing, prorated by Stripe when it bills. Nothing is deleted.',
  })
  async changePlan(
    @Arg('plan', () => String, { description: 'A plan key of `plans`.' }) plan: string,
    @Arg('organizationId', () => ID, ORGANIZATION_ID_ARG) organizationId: string | null,
    @Ctx() { subscriptions, principal, settings, now }: BillingContext,
  ) {
    requireOwnOrganization(organizationId, principal);
    return toBillingSubscriptionType(await subscriptions.changePlan(principal, plan), settings, now());
  }

  @Mutation(() => BillingSubscriptionType, {
    description:
      'Starts a trial of a plan (owner or admin, once); when it ends the plan returns to what it was.',
  })
  async startTrial(
    @Arg('plan', () => String, { description: 'A plan key of `plans`.' }) plan: string,
    @Ctx() { subscriptions, principal, settings, now }: BillingContext,
  ) {
    return toBillingSubscriptionType(await subscriptions.startTrial(principal, plan), settings, now());
  }

  @Mutation(() => BillingSubscriptionType, {
    description:
      'Cancels the subscription (owner or admin): back to the default plan (with Stripe, when the paid period ends); nothing is deleted.',
  })
  async cancelSubscription(@Ctx() { subscriptions, principal, settings, now }: BillingContext) {
    return toBillingSubscriptionType(await subscriptions.cancel(principal), settings, now());
  }

  @Mutation(() => BillingSubscriptionType, {
    description: 'Applies the retention offer (a discount) to a subscription about to be left; once.',
  })
  async applyRetentionDiscount(
    @Arg('organizationId', () => ID, ORGANIZATION_ID_ARG) organizationId: string | null,
    @Ctx() { subscriptions, principal, settings, now }: BillingContext,
  ) {
    requireOwnOrganization(organizationId, principal);
    return toBillingSubscriptionType(await subscriptions.applyRetentionDiscount(principal), settings, now());
  }

  @Mutation(() => DowngradeFeedbackType, {
    description:
      'Says why the organization is leaving its plan (owner or admin); stored for who sets the prices.',
  })
  async submitDowngradeFeedback(
    @Arg('reason', () => String, { description: 'The reason, in a few words.' }) reason: string,
    @Arg('comment', () => String, { nullable: true, description: 'Anything else.' }) comment: string | null,
    @Arg('organizationId', () => ID, ORGANIZATION_ID_ARG) organizationId: string | null,
    @Ctx() { subscriptions, principal }: BillingContext,
  ): Promise<DowngradeFeedbackType> {
    requireOwnOrganization(organizationId, principal);
    const feedback = await subscriptions.submitDowngradeFeedback(principal, reason, comment);
    return Object.assign(new DowngradeFeedbackType(), feedback);
  }

  @Mutation(() => BillingSubscriptionType, {
    description: 'Chooses the payment gateway (owner or admin): the install’s provider is the one there is.',
  })
  async setBillingGateway(
    @Arg('gateway', () => String, { description: 'manual or stripe, as BILLING_PROVIDER says.' })
    gateway: string,
    @Ctx() { subscriptions, principal, settings, now }: BillingContext,
  ) {
    return toBillingSubscriptionType(await subscriptions.setGateway(principal, gateway), settings, now());
  }
}
