import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { MemberPermission } from './member-permission.entity.js';

/** A member's rights in one environment. */
@ObjectType('MemberPermission', { description: 'What a member may change in one environment.' })
export class MemberPermissionType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => ID, { description: 'The membership.' })
  memberId!: string;

  @Field(() => ID, { description: 'The environment.' })
  environmentId!: string;

  @Field(() => Boolean, { description: 'Whether the member may turn flags on and off there.' })
  canToggle!: boolean;

  @Field(() => Boolean, { description: 'Whether the member may edit targeting rules there.' })
  canEditRules!: boolean;
}

/** The GraphQL view of a member permission entity. */
export function toMemberPermissionType(permission: MemberPermission): MemberPermissionType {
  return Object.assign(new MemberPermissionType(), {
    id: permission.id,
    memberId: permission.membershipId,
    environmentId: permission.environmentId,
    canToggle: permission.canToggle,
    canEditRules: permission.canEditRules,
  });
}

/** One environment's rights in a replacement list. */
@InputType({ description: 'A member’s rights in one environment.' })
export class MemberPermissionInput {
  @Field(() => ID, { description: 'An environment of the organization.' })
  environmentId!: string;

  @Field(() => Boolean, { description: 'May turn flags on and off there.' })
  canToggle!: boolean;

  @Field(() => Boolean, { description: 'May edit targeting rules there.' })
  canEditRules!: boolean;
}
