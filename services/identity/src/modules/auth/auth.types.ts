import { Field, Float, InputType, ObjectType } from 'type-graphql';
import { OrganizationType } from '../organizations/organization.type.js';
import { UserType } from '../users/user.type.js';

/** A signed-in session: a short-lived access token and a single-use refresh token. */
@ObjectType({ description: 'Tokens of a session.' })
export class AuthTokens {
  @Field(() => String, { description: 'JWT for the Authorization header.' })
  accessToken!: string;

  @Field(() => String, { description: 'Opaque token to get a new pair; valid once.' })
  refreshToken!: string;

  @Field(() => Float, { description: 'Access token expiry, unix seconds.' })
  expiresAt!: number;
}

/** The result of registering or signing in. */
@ObjectType({ description: 'The user, the organization the session acts in, and the session tokens.' })
export class AuthPayload {
  @Field(() => UserType, { description: 'The signed-in user.' })
  user!: UserType;

  @Field(() => OrganizationType, { description: 'The organization the tokens act in.' })
  organization!: OrganizationType;

  @Field(() => AuthTokens, { description: 'The session tokens.' })
  tokens!: AuthTokens;
}

/** A single-use login to hand to another domain. */
@ObjectType({
  description: 'A single-use login into the caller’s organization, for another domain to exchange.',
})
export class OneTimeLogin {
  @Field(() => String, { description: 'The token, shown once; `exchangeOneTimeLogin` takes it.' })
  token!: string;

  @Field(() => Date, { description: 'When it stops working, unused.' })
  expiresAt!: Date;
}

/** Sign-up of a new user together with a new organization. */
@InputType({ description: 'A new account and organization.' })
export class RegisterInput {
  @Field(() => String, { description: 'Email address, unique.' })
  email!: string;

  @Field(() => String, { description: 'At least 8 characters.' })
  password!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => String, { description: 'Name of the organization to create.' })
  organizationName!: string;
}

/** Email and password sign-in. */
@InputType({ description: 'Credentials.' })
export class LoginInput {
  @Field(() => String, { description: 'Email address.' })
  email!: string;

  @Field(() => String, { description: 'Password.' })
  password!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The current code of the authenticator app; required when the account has MFA.',
  })
  mfaCode?: string | null;
}
