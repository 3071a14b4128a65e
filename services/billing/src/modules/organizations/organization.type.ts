import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * The billing subgraph's share of `Organization` (owned by identity): its subscription and limits. The
 * counts are each owned by the subgraph that owns the resource; billing only receives them (`@requires`)
 * and never reads another schema.
 */
@Directive('@key(fields: "id")')
@ObjectType('Organization', { description: 'A tenant: the owner of projects, members and billing.' })
export class OrganizationRef {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Directive('@external')
  @Field(() => Int, { description: 'Members of the organization (identity).' })
  seatCount?: number;

  @Directive('@external')
  @Field(() => Int, { description: 'Projects of the organization (flags).' })
  projectCount?: number;

  @Directive('@external')
  @Field(() => Int, { description: 'Environments over all projects (flags).' })
  environmentCount?: number;

  @Directive('@external')
  @Field(() => Int, { description: 'Flags over all projects (flags).' })
  flagCount?: number;

  @Directive('@external')
  @Field(() => Int, { description: 'Distinct contexts evaluated for this calendar month (analytics).' })
  monthlyActiveContextCount?: number;

  @Directive('@external')
  @Field(() => Int, { description: 'Evaluations this calendar month (analytics).' })
  evaluationCountThisMonth?: number;
}
