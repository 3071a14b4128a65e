import { Ctx, Query, Resolver } from 'type-graphql';
import { DomainError } from '@vexil/platform';
import type { IdentityContext } from '../../context.js';
import { toUserType, UserType } from './user.type.js';

@Resolver(() => UserType)
export class UserResolver {
  @Query(() => UserType, { description: 'The signed-in user.' })
  async me(@Ctx() { principal, loaders }: IdentityContext): Promise<UserType> {
    if (principal.kind !== 'user') throw new DomainError('UNAUTHENTICATED', 'sign in to see your account');
    const user = await loaders.userById.load(principal.userId);
    if (!user) throw new DomainError('UNAUTHENTICATED');
    return toUserType(user);
  }
}
