import { DomainError, organizationOf } from '@vexil/platform';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
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
    @Arg('organizationId', () => ID, {
      nullable: true,
      description: 'Defaults to the caller’s organization; another one is not found.',
    })
    organizationId: string | null,
    @Ctx() { subscriptions, principal, settings, now }: BillingContext,
  ) {
    if (organizationId && organizationId !== organizationOf(principal)) {
      throw new DomainError('ORGANIZATION_NOT_FOUND');
    }
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
