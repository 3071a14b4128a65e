import { connectionType } from '@vexil/platform';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { Membership } from '../organizations/membership.entity.js';
import type { User } from '../users/user.entity.js';
import type { Invitation } from './invitation.entity.js';

/** A person's membership in an organization. */
@ObjectType('Member', { description: 'A person in an organization, with their role.' })
export class MemberType {
  @Field(() => ID, { description: 'Id of the membership (what member routes take).' })
  id!: string;

  @Field(() => ID, { description: 'The member’s user id.' })
  userId!: string;

  @Field(() => ID, { description: 'The organization.' })
  organizationId!: string;

  @Field(() => String, { description: 'The member’s email.' })
  email!: string;

  @Field(() => String, { description: 'The member’s display name.' })
  name!: string;

  @Field(() => String, { description: 'Built-in role: owner, admin, developer or viewer.' })
  role!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'A custom role whose permissions replace the built-in role’s.',
  })
  customRoleId!: string | null;

  @Field(() => Date, { description: 'When they joined.' })
  createdAt!: Date;
}

/** A page of members. */
export const MemberConnection = connectionType('Member', MemberType);

/** The GraphQL view of a membership and its user. */
export function toMemberType(membership: Membership, user: User): MemberType {
  return Object.assign(new MemberType(), {
    id: membership.id,
    userId: user.id,
    organizationId: membership.organizationId,
    email: user.email,
    name: user.name,
    role: membership.role,
    customRoleId: membership.customRoleId,
    createdAt: membership.createdAt,
  });
}

/** A pending invitation. */
@ObjectType('Invitation', { description: 'An invitation to join an organization, mailed to its address.' })
export class InvitationType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => ID, { description: 'The organization.' })
  organizationId!: string;

  @Field(() => String, { description: 'The invited address.' })
  email!: string;

  @Field(() => String, { description: 'The built-in role the invitee gets.' })
  role!: string;

  @Field(() => ID, { nullable: true, description: 'The custom role the invitee gets, if any.' })
  customRoleId!: string | null;

  @Field(() => Date, { description: 'When the invitation stops working.' })
  expiresAt!: Date;

  @Field(() => Date, { description: 'When it was sent.' })
  createdAt!: Date;
}

/** The GraphQL view of an invitation entity (never its token). */
export function toInvitationType(invitation: Invitation): InvitationType {
  return Object.assign(new InvitationType(), {
    id: invitation.id,
    organizationId: invitation.organizationId,
    email: invitation.email,
    role: invitation.role,
    customRoleId: invitation.customRoleId,
    expiresAt: invitation.expiresAt,
    createdAt: invitation.createdAt,
  });
}

/** Who to invite, with which role. */
@InputType({ description: 'An address to invite and the role to give.' })
export class InviteMemberInput {
  @Field(() => String, { description: 'The invitee’s email.' })
  email!: string;

  @Field(() => String, { nullable: true, description: 'owner, admin, developer (default) or viewer.' })
  role?: string | null;

  @Field(() => ID, { nullable: true, description: 'A custom role of the organization.' })
  customRoleId?: string | null;
}

/** A new role for a member. */
@InputType({ description: 'A member and their new role: a built-in role, a custom role, or both.' })
export class ChangeMemberRoleInput {
  @Field(() => ID, { description: 'The membership id.' })
  memberId!: string;

  @Field(() => String, { nullable: true, description: 'owner, admin, developer or viewer.' })
  role?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A custom role of the organization; give a built-in role alone to clear it.',
  })
  customRoleId?: string | null;
}
