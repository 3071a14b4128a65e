import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs, ROLES, connectionType, paginate } from '@vexil/platform';
import type { IdentityContext } from '../../context.js';
import { RoleInput, RoleType, toBuiltInRoleType, toRoleType } from './role.type.js';

/** A page of roles. */
export const RoleConnection = connectionType('Role', RoleType);

@Resolver(() => RoleType)
export class RoleResolver {
  @Query(() => RoleConnection, { description: 'The built-in roles, then your organization’s custom roles.' })
  async roles(@Args(() => PageArgs) page: PageArgs, @Ctx() { roles, principal }: IdentityContext) {
    const custom = await roles.list(principal);
    return paginate([...ROLES.map(toBuiltInRoleType), ...custom.map(toRoleType)], page);
  }

  @Mutation(() => RoleType, { description: 'Creates a custom role (owner or admin).' })
  async createRole(
    @Arg('input', () => RoleInput) input: RoleInput,
    @Ctx() { roles, principal }: IdentityContext,
  ) {
    return toRoleType(await roles.create(principal, input));
  }

  @Mutation(() => RoleType, {
    description: 'Changes a custom role; members get it at their next token refresh.',
  })
  async updateRole(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => RoleInput) input: RoleInput,
    @Ctx() { roles, principal }: IdentityContext,
  ) {
    return toRoleType(await roles.update(principal, id, input));
  }

  @Mutation(() => RoleType, { description: 'Deletes a custom role that no member holds.' })
  async deleteRole(@Arg('id', () => ID) id: string, @Ctx() { roles, principal }: IdentityContext) {
    return toRoleType(await roles.delete(principal, id));
  }
}
