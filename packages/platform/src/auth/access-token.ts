import { SignJWT, errors, jwtVerify } from 'jose';
import { DomainError } from '../errors/domain-error.js';
import { isPermission, type Permission } from './permissions.js';
import { ROLES, type Role } from './principal.js';

/** The claims of a Vexil access token beyond the registered ones. */
export interface AccessClaims {
  userId: string;
  organizationId: string;
  role: Role;
  /** The session (refresh-token family) the token was issued for. */
  sessionId?: string;
  /** A custom role's permissions, replacing the built-in role's. */
  permissions?: Permission[];
}

/** A verified token's claims with the instant it was issued, which revocations are checked against. */
export interface VerifiedAccess extends AccessClaims {
  /** Milliseconds since the epoch. */
  issuedAt: number;
}

const ISSUER = 'vexil';
const AUDIENCE = 'vexil:access';

const key = (secret: string) => new TextEncoder().encode(secret);

/** Issues an HS256 access token; returns it with its expiry in unix seconds (seed 001's `expires_at`). */
export async function issueAccessToken(
  claims: AccessClaims,
  secret: string,
  ttlMinutes: number,
  now = new Date(),
): Promise<{ token: string; expiresAt: number }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + ttlMinutes * 60;
  const token = await new SignJWT({
    // `iat` has whole seconds: a token issued right after a revocation, in the same second, must not
    // count as issued before it (docs/decisions/0007).
    iat_ms: now.getTime(),
    org: claims.organizationId,
    role: claims.role,
    ...(claims.sessionId ? { sid: claims.sessionId } : {}),
    ...(claims.permissions ? { perms: claims.permissions } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key(secret));
  return { token, expiresAt };
}

/**
 * Verifies an access token: HS256 only (so `alg: none` and key confusion fail), our issuer and audience
 * (so no other token of ours passes), not expired. Throws `TOKEN_EXPIRED` or `UNAUTHENTICATED`.
 */
export async function verifyAccessToken(
  token: string,
  secret: string,
  now = new Date(),
): Promise<VerifiedAccess> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: now,
    });
    const { sub, org, role, sid, perms, iat, iat_ms } = payload;
    if (
      typeof sub !== 'string' ||
      typeof iat !== 'number' ||
      (iat_ms !== undefined && typeof iat_ms !== 'number') ||
      typeof org !== 'string' ||
      !ROLES.includes(role as Role) ||
      (sid !== undefined && typeof sid !== 'string') ||
      (perms !== undefined && !(Array.isArray(perms) && perms.every(isPermission)))
    ) {
      throw new DomainError('UNAUTHENTICATED');
    }
    return {
      userId: sub,
      organizationId: org,
      role: role as Role,
      ...(sid ? { sessionId: sid as string } : {}),
      ...(perms ? { permissions: perms as Permission[] } : {}),
      // Tokens issued before `iat_ms` existed count from the start of their second, the safe side.
      issuedAt: typeof iat_ms === 'number' ? iat_ms : iat * 1000,
    };
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new DomainError('TOKEN_EXPIRED');
    if (error instanceof DomainError) throw error;
    throw new DomainError('UNAUTHENTICATED', 'invalid token');
  }
}
