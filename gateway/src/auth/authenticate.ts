import { DomainError, looksLikeApiKey, verifyAccessToken, type Principal } from '@vexil/platform';
import type { AccessRevocations } from './access-revocations.js';
import type { ApiKeyAuthenticator } from './api-key-authenticator.js';
import type { IpAllowlists } from './ip-allowlists.js';

/** The credentials a request or a graphql-ws `connection_init` carries. */
export interface Credentials {
  authorization?: string | undefined;
  /** `X-API-Key` (FeatureSignals, PhaseFlag, Flagify). */
  apiKey?: string | undefined;
  /** `x-secret-key` (Flagify). */
  secretKey?: string | undefined;
  /** The caller's address as the gateway established it; never taken from the client's word alone. */
  clientIp?: string | undefined;
}

/** What the gateway checks credentials with. */
export interface Verifiers {
  jwtSecret: string;
  apiKeys: ApiKeyAuthenticator;
  revocations: AccessRevocations;
  ipAllowlists: IpAllowlists;
  now: () => Date;
}

/** Who is calling; for an access token also when it was issued, which later revocations compare with. */
export interface Caller {
  principal: Principal;
  /** ms since the epoch; access tokens only. */
  issuedAt?: number;
}

/**
 * Establishes who is calling from the credentials presented: an API key (in `X-API-Key`,
 * `x-secret-key` or `Authorization: Bearer` and a key's prefix, REST.md) is that key; a valid bearer access
 * token not revoked since it was issued is a user; no credentials is anonymous; bad credentials are an error (never silently
 * anonymous). The client's address travels with the principal, and must be on its organization's IP
 * allowlist where it has one.
 */
export async function authenticate(credentials: Credentials, verifiers: Verifiers): Promise<Caller> {
  const caller = await identify(credentials, verifiers);
  const principal = credentials.clientIp
    ? { ...caller.principal, clientIp: credentials.clientIp }
    : caller.principal;
  verifiers.ipAllowlists.check(principal);
  return { ...caller, principal };
}

async function identify(credentials: Credentials, verifiers: Verifiers): Promise<Caller> {
  const key = credentials.apiKey?.trim() || credentials.secretKey?.trim();
  if (key) return { principal: await verifiers.apiKeys.authenticate(key) };
  const header = credentials.authorization?.trim();
  if (!header) return { principal: { kind: 'anonymous' } };
  const [scheme, token] = header.split(/\s+/, 2);
  if (scheme?.toLowerCase() !== 'bearer' || !token) {
    throw new DomainError('UNAUTHENTICATED', 'Authorization header must be "Bearer <token>"');
  }
  if (looksLikeApiKey(token)) return { principal: await verifiers.apiKeys.authenticate(token) };
  const claims = await verifyAccessToken(token, verifiers.jwtSecret, verifiers.now());
  if (verifiers.revocations.refuses(claims))
    throw new DomainError('UNAUTHENTICATED', 'session ended; sign in again');
  return {
    principal: {
      kind: 'user',
      userId: claims.userId,
      organizationId: claims.organizationId,
      role: claims.role,
      ...(claims.sessionId ? { sessionId: claims.sessionId } : {}),
      ...(claims.permissions ? { permissions: claims.permissions } : {}),
    },
    issuedAt: claims.issuedAt,
  };
}
