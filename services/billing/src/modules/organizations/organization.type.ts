import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The billing subgraph's share of `Organization` (owned by identity): its subscription. */
@Directive('@key(fields: "id")')
@ObjectType('Organization', { description: 'A tenant: the owner of projects, members and billing.' })
export class OrganizationRef {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;
}
