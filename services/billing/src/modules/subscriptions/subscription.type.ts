import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { Subscription } from './subscription.entity.js';

/** An organization's plan and its state. */
@Directive('@key(fields: "id")')
@ObjectType('BillingSubscription', { description: 'The plan an organization is on.' })
export class BillingSubscriptionType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => String, { description: 'Plan: free, pro or enterprise.' })
  plan!: string;

  @Field(() => String, { description: 'active or canceled.' })
  status!: string;

  organizationId!: string;

  @Field(() => Date, { description: 'When the subscription started.' })
  createdAt!: Date;
}

/** The GraphQL view of a subscription entity. */
export function toBillingSubscriptionType(subscription: Subscription): BillingSubscriptionType {
  return Object.assign(new BillingSubscriptionType(), {
    id: subscription.id,
    plan: subscription.plan,
    status: subscription.status,
    organizationId: subscription.organizationId,
    createdAt: subscription.createdAt,
  });
}
