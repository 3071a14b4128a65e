import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs, paginate } from '@vexil/platform';
import type { IdentityContext } from '../../context.js';
import {
  MemberPermissionInput,
  MemberPermissionType,
  toMemberPermissionType,
} from './member-permission.type.js';
import {
  ChangeMemberRoleInput,
  InvitationType,
  InviteMemberInput,
  MemberConnection,
  MemberType,
  toInvitationType,
} from './member.type.js';

@Resolver(() => MemberType)
export class MemberResolver {
  @Query(() => MemberConnection, { description: 'The members of your organization, oldest first.' })
  async members(@Args(() => PageArgs) page: PageArgs, @Ctx() { members, principal }: IdentityContext) {
    return paginate(await members.list(principal), page);
  }

  @Mutation(() => InvitationType, {
    description:
      'Invites an address with a role (owner or admin; only owners invite owners). The link is mailed.',
  })
  async inviteMember(
    @Arg('input', () => InviteMemberInput) input: InviteMemberInput,
    @Ctx() { members, principal }: IdentityContext,
  ): Promise<InvitationType> {
    return toInvitationType(await members.invite(principal, input));
  }

  @Mutation(() => MemberType, {
    description:
      'Joins an organization with a mailed invitation token; sign in as the invited address first.',
  })
  acceptInvitation(
    @Arg('token', () => String) token: string,
    @Ctx() { members, principal }: IdentityContext,
  ) {
    return members.accept(principal, token);
  }

  @Mutation(() => MemberType, { description: 'Gives a member another role (owner or admin).' })
  changeMemberRole(
    @Arg('input', () => ChangeMemberRoleInput) input: ChangeMemberRoleInput,
    @Ctx() { members, principal }: IdentityContext,
  ) {
    return members.changeRole(principal, input);
  }

  @Mutation(() => MemberType, {
    description: 'Removes a member and ends their sessions (owner or admin); nobody can remove themselves.',
  })
  removeMember(@Arg('memberId', () => ID) memberId: string, @Ctx() { members, principal }: IdentityContext) {
    return members.remove(principal, memberId);
  }

  @Query(() => [MemberPermissionType], { description: 'A member’s rights per environment.' })
  async memberPermissions(
    @Arg('memberId', () => ID, { description: 'The membership id.' }) memberId: string,
    @Ctx() { members, principal }: IdentityContext,
  ): Promise<MemberPermissionType[]> {
    return (await members.permissions(principal, memberId)).map(toMemberPermissionType);
  }

  @Mutation(() => [MemberPermissionType], {
    description: 'Replaces a member’s rights per environment (owner or admin); returns the full list.',
  })
  async setMemberPermissions(
    @Arg('memberId', () => ID, { description: 'The membership id.' }) memberId: string,
    @Arg('permissions', () => [MemberPermissionInput], { description: 'The complete new list.' })
    permissions: MemberPermissionInput[],
    @Ctx() { members, principal }: IdentityContext,
  ): Promise<MemberPermissionType[]> {
    return (await members.setPermissions(principal, memberId, permissions)).map(toMemberPermissionType);
  }
}
