import { connectionType } from '@vexil/platform';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { Organization } from './organization.entity.js';

/** A tenant of Vexil; other subgraphs add its projects, subscription and audit log. */
@Directive('@key(fields: "id")')
@ObjectType('Organization', { description: 'A tenant: the owner of projects, members and billing.' })
export class OrganizationType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => String, { description: 'URL-safe unique name derived from the display name.' })
  slug!: string;

  @Field(() => Date, { description: 'When the organization was created.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the organization last changed.' })
  updatedAt!: Date;
}

/** The GraphQL view of an organization entity. */
export function toOrganizationType(organization: Organization): OrganizationType {
  return Object.assign(new OrganizationType(), {
    id: organization.id,
    name: organization.name,
    slug: organization.slug,
    createdAt: organization.createdAt,
    updatedAt: organization.updatedAt,
  });
}

/** A page of organizations. */
export const OrganizationConnection = connectionType('Organization', OrganizationType);
