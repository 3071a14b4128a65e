import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ROLE_PERMISSIONS, type Role } from '@vexil/platform';
import type { CustomRole } from './custom-role.entity.js';

/** A built-in or custom role: a name for a set of permissions. */
@ObjectType('Role', { description: 'A set of permissions members can be given.' })
export class RoleType {
  @Field(() => ID, { description: 'The name of a built-in role, or the id of a custom one.' })
  id!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => String, { description: 'What the role is for.' })
  description!: string;

  @Field(() => [String], { description: 'The permissions it grants (`flag:write`, `team:write`, …).' })
  permissions!: string[];

  @Field(() => Boolean, { description: 'Whether it is one of owner, admin, developer, viewer.' })
  builtIn!: boolean;

  @Field(() => Date, { nullable: true, description: 'When a custom role was created.' })
  createdAt!: Date | null;
}

/** A new custom role, or changes to one. */
@InputType({ description: 'A custom role’s name, description and permissions.' })
export class RoleInput {
  @Field(() => String, { nullable: true, description: 'Unique in the organization.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'What the role is for.' })
  description?: string | null;

  @Field(() => [String], { nullable: true, description: 'Permissions from the catalogue (`flag:read`, …).' })
  permissions?: string[] | null;
}

const BUILT_IN_DESCRIPTIONS: Record<Role, string> = {
  owner: 'Everything, including ownership of the organization.',
  admin: 'Everything but transferring ownership: members, keys, billing, configuration.',
  developer: 'Changes flags and configuration.',
  viewer: 'Reads everything, changes nothing.',
};

/** The GraphQL view of a built-in role. */
export function toBuiltInRoleType(role: Role): RoleType {
  return Object.assign(new RoleType(), {
    id: role,
    name: role,
    description: BUILT_IN_DESCRIPTIONS[role],
    permissions: [...ROLE_PERMISSIONS[role]],
    builtIn: true,
    createdAt: null,
  });
}

/** The GraphQL view of a custom role entity. */
export function toRoleType(role: CustomRole): RoleType {
  return Object.assign(new RoleType(), {
    id: role.id,
    name: role.name,
    description: role.description,
    permissions: role.permissions,
    builtIn: false,
    createdAt: role.createdAt,
  });
}
