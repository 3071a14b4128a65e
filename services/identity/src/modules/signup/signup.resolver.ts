import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { IdentityContext } from '../../context.js';
import { AuthPayload, RegisterInput } from '../auth/auth.types.js';
import { SignupCodeSent } from './signup.types.js';

@Resolver()
export class SignupResolver {
  @Mutation(() => SignupCodeSent, {
    description:
      'Starts a signup: mails a six-digit code, valid ten minutes, that `completeSignup` takes; nothing is created yet.',
  })
  initiateSignup(
    @Arg('input', () => RegisterInput, { description: 'The account to create.' }) input: RegisterInput,
    @Ctx() { signup, principal }: IdentityContext,
  ) {
    return signup.initiate(principal, input);
  }

  @Mutation(() => SignupCodeSent, {
    description:
      'Mails a new code for a waiting signup (a minute apart, five per signup); the previous code stops working.',
  })
  resendSignupCode(
    @Arg('email', () => String, { description: 'The address the signup was started with.' }) email: string,
    @Ctx() { signup, principal }: IdentityContext,
  ) {
    return signup.resend(principal, email);
  }

  @Mutation(() => AuthPayload, {
    description:
      'Completes a signup with its mailed code (once; five wrong codes void it): creates the account, its organization and a session, as `register` does.',
  })
  completeSignup(
    @Arg('email', () => String, { description: 'The address the signup was started with.' }) email: string,
    @Arg('code', () => String, { description: 'The six-digit code from the mail.' }) code: string,
    @Ctx() { signup, principal }: IdentityContext,
  ) {
    return signup.complete(principal, email, code);
  }
}
