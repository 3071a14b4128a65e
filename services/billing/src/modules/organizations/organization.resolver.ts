import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { BillingContext } from '../../context.js';
import { BillingSubscriptionType, toBillingSubscriptionType } from '../subscriptions/subscription.type.js';
import { OrganizationRef } from './organization.type.js';

@Resolver(() => OrganizationRef)
export class OrganizationBillingResolver {
  @FieldResolver(() => BillingSubscriptionType, { nullable: true, description: 'The organization’s plan.' })
  async subscription(@Root() organization: OrganizationRef, @Ctx() { loaders }: BillingContext) {
    const subscription = await loaders.subscriptionByOrganization.load(organization.id);
    return subscription ? toBillingSubscriptionType(subscription) : null;
  }
}
