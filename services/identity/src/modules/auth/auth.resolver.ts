import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { IdentityContext } from '../../context.js';
import { AuthPayload, AuthTokens, LoginInput, RegisterInput } from './auth.types.js';

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, {
    description:
      'Creates a user, an organization owned by it, and (through the flags service) project `default` with environments dev, staging and production.',
  })
  register(@Arg('input', () => RegisterInput) input: RegisterInput, @Ctx() { auth }: IdentityContext) {
    return auth.register(input);
  }

  @Mutation(() => AuthPayload, { description: 'Signs in with email and password.' })
  login(@Arg('input', () => LoginInput) input: LoginInput, @Ctx() { auth }: IdentityContext) {
    return auth.login(input);
  }

  @Mutation(() => AuthTokens, { description: 'Exchanges a refresh token (once) for a new token pair.' })
  refreshTokens(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() { auth }: IdentityContext) {
    return auth.refresh(refreshToken);
  }
}
