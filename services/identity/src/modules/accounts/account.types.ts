import { Field, InputType, ObjectType } from 'type-graphql';
import { OrganizationType } from '../organizations/organization.type.js';
import { UserType } from '../users/user.type.js';

/** Changes to the caller's own profile. */
@InputType({ description: 'Changes to your profile; omitted fields stay as they are.' })
export class UpdateProfileInput {
  @Field(() => String, { nullable: true, description: 'Display name.' })
  name?: string | null;
}

/** A password change by the signed-in user. */
@InputType({ description: 'Your current password and the new one.' })
export class ChangePasswordInput {
  @Field(() => String, { description: 'The password you sign in with now.' })
  currentPassword!: string;

  @Field(() => String, { description: 'At least 8 characters.' })
  newPassword!: string;
}

/** The outcome of opening an email-verification link. */
@ObjectType({ description: 'A confirmed email address and where to send the browser next.' })
export class EmailVerification {
  @Field(() => String, { description: 'What happened.' })
  message!: string;

  @Field(() => String, { description: 'The page the REST route redirects the browser to.' })
  redirectUrl!: string;
}

/** One organization in a data export. */
@ObjectType({ description: 'An organization you belong to, and your role there.' })
export class ExportedMembership {
  @Field(() => OrganizationType, { description: 'The organization.' })
  organization!: OrganizationType;

  @Field(() => String, { description: 'Your built-in role there.' })
  role!: string;

  @Field(() => Date, { description: 'When you joined.' })
  joinedAt!: Date;
}

/** Everything identity holds about a person (GDPR art. 15/20). */
@ObjectType({ description: 'Everything Vexil’s identity service holds about you.' })
export class AccountExport {
  @Field(() => UserType, { description: 'Your account.' })
  user!: UserType;

  @Field(() => [ExportedMembership], { description: 'Your organizations and roles.' })
  memberships!: ExportedMembership[];

  @Field(() => Boolean, { description: 'Whether sign-in needs an authenticator code.' })
  mfaEnabled!: boolean;

  @Field(() => Date, { description: 'When this export was made.' })
  exportedAt!: Date;
}
