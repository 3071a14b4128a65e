import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { IdentityContext } from '../../context.js';
import { MfaEnrollment, MfaStatus } from './mfa.types.js';

const status = (value: { enabled: boolean }) => Object.assign(new MfaStatus(), value);

@Resolver()
export class MfaResolver {
  @Query(() => MfaStatus, { description: 'Whether your sign-in needs an authenticator code.' })
  async mfaStatus(@Ctx() { mfa, principal }: IdentityContext): Promise<MfaStatus> {
    return status(await mfa.status(principal));
  }

  @Mutation(() => MfaEnrollment, { description: 'Starts TOTP enrolment: a secret and its otpauth URI.' })
  async enableMfa(@Ctx() { mfa, principal }: IdentityContext): Promise<MfaEnrollment> {
    return Object.assign(new MfaEnrollment(), await mfa.enable(principal));
  }

  @Mutation(() => MfaStatus, {
    description: 'Confirms enrolment with a code; sign-in needs a code from then on.',
  })
  async verifyMfa(@Arg('code', () => String) code: string, @Ctx() { mfa, principal }: IdentityContext) {
    return status(await mfa.verify(principal, code));
  }

  @Mutation(() => MfaStatus, { description: 'Turns MFA off; needs a current code.' })
  async disableMfa(@Arg('code', () => String) code: string, @Ctx() { mfa, principal }: IdentityContext) {
    return status(await mfa.disable(principal, code));
  }
}
