import { DomainError, verifyAccessToken, type Principal } from '@vexil/platform';

/** The credentials a request or a graphql-ws `connection_init` carries. */
export interface Credentials {
  authorization?: string | undefined;
}

/**
 * Establishes who is calling from the credentials presented: a valid bearer access token is a user;
 * no credentials is anonymous; bad credentials are an error (never silently anonymous).
 */
export async function authenticate(credentials: Credentials, jwtSecret: string): Promise<Principal> {
  const header = credentials.authorization?.trim();
  if (!header) return { kind: 'anonymous' };
  const [scheme, token] = header.split(/\s+/, 2);
  if (scheme?.toLowerCase() !== 'bearer' || !token) {
    throw new DomainError('UNAUTHENTICATED', 'Authorization header must be "Bearer <token>"');
  }
  const claims = await verifyAccessToken(token, jwtSecret);
  return { kind: 'user', userId: claims.userId, organizationId: claims.organizationId, role: claims.role };
}
