import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The analytics subgraph’s share of `Organization` (owned by identity): its audit log. */
@Directive('@key(fields: "id")')
@ObjectType('Organization', { description: 'A tenant: the owner of projects, members and billing.' })
export class OrganizationRef {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;
}
