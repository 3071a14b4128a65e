import type { IdentityContext } from '../../context.js';
import { toUserType, type UserType } from './user.type.js';

/** Resolves `User` references from other subgraphs (e.g. an audit event's actor). */
export async function resolveUserReference(
  reference: { id: string },
  { principal, loaders }: IdentityContext,
): Promise<UserType | null> {
  if (principal.kind === 'anonymous') return null;
  const user = await loaders.userById.load(reference.id);
  return user ? toUserType(user) : null;
}
