import { Field, ObjectType } from 'type-graphql';

/** Whether sign-in needs a code. */
@ObjectType({ description: 'Whether your sign-in needs an authenticator code.' })
export class MfaStatus {
  @Field(() => Boolean, { description: 'True once enrolment was confirmed with a code.' })
  enabled!: boolean;
}

/** What an authenticator app needs. */
@ObjectType({ description: 'A new TOTP secret; confirm it with `verifyMfa` to turn MFA on.' })
export class MfaEnrollment {
  @Field(() => String, { description: 'The base32 secret, for typing into an app.' })
  secret!: string;

  @Field(() => String, { description: 'The `otpauth://` URI, for a QR code.' })
  otpauthUri!: string;
}
