import { PLAN_LIMITS, effectivePlanKey, planOf, type PlanLimit } from '@vexil/platform';
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { BillingContext } from '../../context.js';
import { BillingSubscriptionType, toBillingSubscriptionType } from '../subscriptions/subscription.type.js';
import { OrganizationRef } from './organization.type.js';
import { UsageLimitType } from './usage-limit.type.js';

/** Which `@requires` count measures each limit. */
const USAGE_OF: Record<PlanLimit, keyof OrganizationRef | null> = {
  seats: 'seatCount',
  projects: 'projectCount',
  environments: 'environmentCount',
  flags: 'flagCount',
  monthlyActiveContexts: 'monthlyActiveContextCount',
  evaluationsPerMonth: 'evaluationCountThisMonth',
  apiRequestsPerMinute: null,
};

@Resolver(() => OrganizationRef)
export class OrganizationBillingResolver {
  @FieldResolver(() => BillingSubscriptionType, { nullable: true, description: 'The organization’s plan.' })
  async subscription(
    @Root() organization: OrganizationRef,
    @Ctx() { loaders, settings, now }: BillingContext,
  ) {
    const subscription = await loaders.subscriptionByOrganization.load(organization.id);
    return subscription ? toBillingSubscriptionType(subscription, settings, now()) : null;
  }

  @Directive(
    '@requires(fields: "seatCount projectCount environmentCount flagCount monthlyActiveContextCount evaluationCountThisMonth")',
  )
  @FieldResolver(() => [UsageLimitType], {
    description: 'Each limit of the plan in force with the current usage.',
  })
  async limits(
    @Root() organization: OrganizationRef,
    @Ctx() { loaders, settings, now }: BillingContext,
  ): Promise<UsageLimitType[]> {
    const subscription = await loaders.subscriptionByOrganization.load(organization.id);
    const plan = planOf(settings, effectivePlanKey(subscription, settings, now()));
    return PLAN_LIMITS.map((resource) => {
      const counted = USAGE_OF[resource];
      const used = counted ? ((organization[counted] as number | undefined) ?? 0) : null;
      const limit = plan.limits[resource];
      return Object.assign(new UsageLimitType(), {
        resource,
        limit,
        used,
        reached: limit !== null && used !== null && used >= limit,
      });
    });
  }
}
