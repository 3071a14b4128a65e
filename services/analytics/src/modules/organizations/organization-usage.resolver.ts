import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { AnalyticsContext } from '../../context.js';
import { OrganizationRef } from './organization.type.js';

/** This month's counts plans cap; billing's `limits` reads them through `@requires`. */
@Resolver(() => OrganizationRef)
export class OrganizationUsageResolver {
  @FieldResolver(() => Int, {
    description: 'Distinct contexts evaluated for this calendar month (analytics).',
  })
  async monthlyActiveContextCount(
    @Root() organization: OrganizationRef,
    @Ctx() { loaders }: AnalyticsContext,
  ) {
    return (await loaders.usageThisMonth.load(organization.id)).monthlyActiveContexts;
  }

  @FieldResolver(() => Int, { description: 'Evaluations this calendar month (analytics).' })
  async evaluationCountThisMonth(
    @Root() organization: OrganizationRef,
    @Ctx() { loaders }: AnalyticsContext,
  ) {
    return (await loaders.usageThisMonth.load(organization.id)).evaluations;
  }
}
