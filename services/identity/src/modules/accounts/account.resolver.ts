import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { IdentityContext } from '../../context.js';
import { toUserType, UserType } from '../users/user.type.js';
import {
  AccountExport,
  ChangePasswordInput,
  EmailVerification,
  UpdateProfileInput,
} from './account.types.js';
import { MessagePayload } from './message.type.js';

@Resolver()
export class AccountResolver {
  @Mutation(() => UserType, { description: 'Changes your profile.' })
  async updateProfile(
    @Arg('input', () => UpdateProfileInput) input: UpdateProfileInput,
    @Ctx() { accounts, principal }: IdentityContext,
  ): Promise<UserType> {
    return toUserType(await accounts.updateProfile(principal, input));
  }

  @Mutation(() => MessagePayload, {
    description: 'Changes your password; your other sessions are signed out.',
  })
  changePassword(
    @Arg('input', () => ChangePasswordInput) input: ChangePasswordInput,
    @Ctx() { accounts, principal }: IdentityContext,
  ) {
    return accounts.changePassword(principal, input.currentPassword, input.newPassword);
  }

  @Mutation(() => MessagePayload, {
    description:
      'Mails a password-reset link if an account has this address; the answer is the same either way.',
  })
  requestPasswordReset(
    @Arg('email', () => String) email: string,
    @Ctx() { accounts, principal }: IdentityContext,
  ) {
    return accounts.requestPasswordReset(principal, email);
  }

  @Mutation(() => MessagePayload, {
    description:
      'Sets a new password with a mailed reset token (single use, 60 minutes); every session ends.',
  })
  resetPassword(
    @Arg('token', () => String) token: string,
    @Arg('password', () => String) password: string,
    @Ctx() { accounts, principal }: IdentityContext,
  ) {
    return accounts.resetPassword(principal, token, password);
  }

  @Mutation(() => MessagePayload, { description: 'Mails you a link that confirms your email address.' })
  sendVerificationEmail(@Ctx() { accounts, principal }: IdentityContext) {
    return accounts.sendVerificationEmail(principal);
  }

  @Mutation(() => EmailVerification, { description: 'Confirms an email address with the mailed token.' })
  verifyEmail(
    @Arg('token', () => String) token: string,
    @Arg('email', () => String) email: string,
    @Ctx() { accounts, principal }: IdentityContext,
  ) {
    return accounts.verifyEmail(principal, token, email);
  }

  @Mutation(() => MessagePayload, {
    description:
      'Deletes your account, and the organizations where you are the only member. The last owner of an organization with other members must hand over ownership first.',
  })
  deleteAccount(@Ctx() { accounts, principal }: IdentityContext) {
    return accounts.deleteAccount(principal);
  }

  @Query(() => AccountExport, { description: 'Everything Vexil’s identity service holds about you.' })
  exportMyData(@Ctx() { accounts, principal }: IdentityContext) {
    return accounts.exportData(principal);
  }
}
