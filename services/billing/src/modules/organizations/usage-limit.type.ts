import { Field, Int, ObjectType } from 'type-graphql';

/** One limit of the plan in force with what the organization uses of it. */
@ObjectType('UsageLimit', { description: 'One limit of the plan in force and the current usage.' })
export class UsageLimitType {
  @Field(() => String, {
    description:
      'seats, projects, environments, flags, monthlyActiveContexts, evaluationsPerMonth or apiRequestsPerMinute.',
  })
  resource!: string;

  @Field(() => Int, { nullable: true, description: 'The cap; null means no limit.' })
  limit!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Current usage; null for a rate (apiRequestsPerMinute), which is counted per minute.',
  })
  used!: number | null;

  @Field(() => Boolean, {
    description: 'Usage reached the cap: creating more is refused (what exists stays readable).',
  })
  reached!: boolean;
}
