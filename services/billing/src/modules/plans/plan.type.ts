import type { PlanDefinition } from '@vexil/platform';
import { Field, Int, ObjectType } from 'type-graphql';

/** A plan's caps; null means no limit. */
@ObjectType('PlanLimits', { description: 'What a plan caps; null means no limit.' })
export class PlanLimitsType {
  @Field(() => Int, { nullable: true, description: 'Members of the organization.' })
  seats!: number | null;

  @Field(() => Int, { nullable: true, description: 'Projects.' })
  projects!: number | null;

  @Field(() => Int, { nullable: true, description: 'Environments, over all projects.' })
  environments!: number | null;

  @Field(() => Int, { nullable: true, description: 'Flags, over all projects.' })
  flags!: number | null;

  @Field(() => Int, { nullable: true, description: 'Distinct contexts evaluated for in a calendar month.' })
  monthlyActiveContexts!: number | null;

  @Field(() => Int, { nullable: true, description: 'Evaluations in a calendar month.' })
  evaluationsPerMonth!: number | null;

  @Field(() => Int, { nullable: true, description: 'REST requests per minute per caller.' })
  apiRequestsPerMinute!: number | null;
}

/** A plan of the plans file (`BILLING_PLANS_FILE`). */
@ObjectType('Plan', { description: 'A plan: its price, limits and features.' })
export class PlanType {
  @Field(() => String, { description: 'Stable key (`free`, `pro`, …), as `changePlan` takes it.' })
  key!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => String, { description: 'One sentence on who the plan is for.' })
  description!: string;

  @Field(() => Int, { nullable: true, description: 'Monthly price in cents; null when priced on request.' })
  priceMonthlyCents!: number | null;

  @Field(() => PlanLimitsType, { description: 'What the plan caps.' })
  limits!: PlanLimitsType;

  @Field(() => [String], {
    description:
      'Features the plan includes: webhooks, approvals, auditExport, dataExport, customRoles, sso, scim, mfa, ipAllowlist.',
  })
  features!: string[];
}

/** The GraphQL view of a plan definition. */
export function toPlanType(plan: PlanDefinition): PlanType {
  return Object.assign(new PlanType(), {
    key: plan.key,
    name: plan.name,
    description: plan.description,
    priceMonthlyCents: plan.priceMonthlyCents,
    limits: Object.assign(new PlanLimitsType(), plan.limits),
    features: plan.features,
  });
}
