import { Ctx, Query, Resolver } from 'type-graphql';
import type { BillingContext } from '../../context.js';
import { PlanType, toPlanType } from './plan.type.js';

@Resolver(() => PlanType)
export class PlanResolver {
  @Query(() => [PlanType], {
    description: 'The plans of this install, as the pricing page shows them; public.',
  })
  plans(@Ctx() { settings }: BillingContext): PlanType[] {
    return settings.plans.map(toPlanType);
  }
}
