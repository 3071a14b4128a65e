import { effectivePlanKey, planOf, type BillingSettings } from '@vexil/platform';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { PlanType, toPlanType } from '../plans/plan.type.js';
import type { Subscription } from './subscription.entity.js';

/** An organization's plan and its state. */
@Directive('@key(fields: "id")')
@ObjectType('BillingSubscription', { description: 'The plan an organization is on.' })
export class BillingSubscriptionType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => String, { description: 'Key of the plan in force: the trial’s while a trial runs.' })
  plan!: string;

  @Field(() => PlanType, { description: 'The plan in force, with its limits and features.' })
  planDetails!: PlanType;

  @Field(() => String, { description: 'active, trialing (a trial is in force) or canceled.' })
  status!: string;

  @Field(() => String, { nullable: true, description: 'The plan on trial, while the trial runs.' })
  trialPlan!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the trial ends; the plan then returns to `plan`.' })
  trialEndsAt!: Date | null;

  @Field(() => String, { description: 'Who bills: manual (an owner picks the plan) or stripe.' })
  provider!: string;

  @Field(() => Boolean, { description: 'The provider ends the subscription when the paid period ends.' })
  cancelAtPeriodEnd!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the paid period ends (Stripe).' })
  currentPeriodEnd!: Date | null;

  organizationId!: string;

  @Field(() => Date, { description: 'When the subscription started.' })
  createdAt!: Date;
}

/** The GraphQL view of a subscription entity at `now` (a trial past its end is no longer shown). */
export function toBillingSubscriptionType(
  subscription: Subscription,
  settings: BillingSettings,
  now: Date,
): BillingSubscriptionType {
  const plan = effectivePlanKey(subscription, settings, now);
  const trialing = Boolean(
    subscription.trialPlan && subscription.trialEndsAt && subscription.trialEndsAt > now,
  );
  return Object.assign(new BillingSubscriptionType(), {
    id: subscription.id,
    plan: planOf(settings, plan).key,
    planDetails: toPlanType(planOf(settings, plan)),
    status: trialing && subscription.status === 'active' ? 'trialing' : subscription.status,
    trialPlan: trialing ? subscription.trialPlan : null,
    trialEndsAt: trialing ? subscription.trialEndsAt : null,
    provider: subscription.provider,
    cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
    currentPeriodEnd: subscription.currentPeriodEnd,
    organizationId: subscription.organizationId,
    createdAt: subscription.createdAt,
  });
}
