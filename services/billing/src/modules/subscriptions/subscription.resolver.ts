import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { BillingContext } from '../../context.js';
import { BillingSubscriptionType, toBillingSubscriptionType } from './subscription.type.js';

@Resolver(() => BillingSubscriptionType)
export class SubscriptionResolver {
  @Mutation(() => BillingSubscriptionType, {
    description:
      'Puts your organization on another plan (owner or admin; manual billing). Nothing is deleted.',
  })
  async changePlan(
    @Arg('plan', () => String, { description: 'A plan key of `plans`.' }) plan: string,
    @Ctx() { subscriptions, principal, settings, now }: BillingContext,
  ) {
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
    description: 'Cancels the subscription (owner or admin): back to the default plan, nothing is deleted.',
  })
  async cancelSubscription(@Ctx() { subscriptions, principal, settings, now }: BillingContext) {
    return toBillingSubscriptionType(await subscriptions.cancel(principal), settings, now());
  }
}
