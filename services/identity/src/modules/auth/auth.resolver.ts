import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { IdentityContext } from '../../context.js';
import { MessagePayload, message } from '../accounts/message.type.js';
import { AuthPayload, AuthTokens, LoginInput, OneTimeLogin, RegisterInput } from './auth.types.js';

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, {
    description:
      'Creates a user, an organization owned by it, and (through the flags service) project `default` with environments dev, staging and production.',
  })
  register(
    @Arg('input', () => RegisterInput) input: RegisterInput,
    @Ctx() { auth, principal }: IdentityContext,
  ) {
    return auth.register(principal, input);
  }

  @Mutation(() => AuthPayload, {
    description:
      'Signs in with email and password, and the authenticator code when MFA is on (`MFA_REQUIRED` without it). Repeated failures slow down, then lock the account or address for a while (`RATE_LIMIT_EXCEEDED`).',
  })
  login(@Arg('input', () => LoginInput) input: LoginInput, @Ctx() { auth, principal }: IdentityContext) {
    return auth.login(principal, input);
  }

  @Mutation(() => OneTimeLogin, {
    description:
      'A single-use login into the current organization, valid five minutes, for another domain to exchange.',
  })
  issueOneTimeLogin(@Ctx() { auth, principal }: IdentityContext) {
    return auth.issueOneTimeLogin(principal);
  }

  @Mutation(() => AuthPayload, {
    description:
      'Exchanges a one-time login (once, before it expires) for a session (`INVALID_TOKEN` otherwise).',
  })
  exchangeOneTimeLogin(
    @Arg('token', () => String, { description: 'What `issueOneTimeLogin` answered.' }) token: string,
    @Ctx() { auth, principal }: IdentityContext,
  ) {
    return auth.exchangeOneTimeLogin(principal, token);
  }

  @Mutation(() => AuthTokens, { description: 'Exchanges a refresh token (once) for a new token pair.' })
  refreshTokens(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() { auth }: IdentityContext) {
    return auth.refresh(refreshToken);
  }

  @Mutation(() => MessagePayload, {
    description:
      'Ends the current session: its refresh tokens stop working. The access token expires on its own.',
  })
  async logout(@Ctx() { auth, principal }: IdentityContext): Promise<MessagePayload> {
    await auth.logout(principal);
    return message('logged out');
  }

  @Mutation(() => AuthTokens, { description: 'A new session acting in another organization you belong to.' })
  switchOrganization(
    @Arg('organizationId', () => ID) organizationId: string,
    @Ctx() { auth, principal }: IdentityContext,
  ) {
    return auth.switchOrganization(principal, organizationId);
  }
}
