import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The flags subgraph's share of `Organization` (owned by identity): its projects. */
@Directive('@key(fields: "id")')
@ObjectType('Organization', { description: 'A tenant: the owner of projects, members and billing.' })
export class OrganizationRef {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;
}

/** A reference to an organization, resolved by whichever subgraph serves the requested fields. */
export function organizationRef(id: string): OrganizationRef {
  return Object.assign(new OrganizationRef(), { id });
}
