import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Permission } from './permissions.js';

/**
 * Where a change came from, as the audit log records it: the console (`web`), the API (GraphQL or a
 * REST dialect), an SDK, or Flagify's CLI and MCP server, which say so in `X-Flagify-Source`.
 */
export const AUDIT_SOURCES = ['web', 'api', 'sdk', 'cli', 'mcp'] as const;
export type AuditSource = (typeof AUDIT_SOURCES)[number];

/** The built-in roles of an organization, strongest first. */
export const ROLES = ['owner', 'admin', 'developer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is asking, as established by the gateway: a signed-in user, an API key, the system (internal
 * work such as subscription fan-out), or nobody. Subgraphs decide authorization from this alone.
 */
export type Principal = (
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      organizationId: string;
      role: Role;
      /** Set when the member has a custom role: its permissions replace the built-in role's. */
      permissions?: Permission[];
      /** The refresh-token family of the session, so signing out can end exactly this session. */
      sessionId?: string;
    }
  | {
      kind: 'apiKey';
      keyId: string;
      keyType: 'server' | 'client';
      organizationId: string;
      projectId: string;
      environmentId: string;
      /** The environment's key (`production`), which SDK routes carry in their paths. */
      environmentKey: string;
      /** What a server key may do; empty means the default server permissions. */
      scopes: Permission[];
    }
  | { kind: 'system'; name: string }
) & {
  /**
   * Set only by the gateway's subscription fan-out, which is the one caller allowed to read the
   * `_…Event` re-hydration fields subgraphs expose for subscriptions.
   */
  via?: 'subscription';
  /**
   * The caller's IP address as the gateway saw it. It travels inside the signed principal, so a client
   * cannot choose it (login throttling counts failures per IP).
   */
  clientIp?: string;
  /** Where the request came from (audit). */
  source?: AuditSource;
  /** The gateway's `X-Request-Id` of the request, so an audit entry leads back to its request. */
  requestId?: string;
};

/** The header carrying the signed principal from the gateway to the subgraphs. */
export const PRINCIPAL_HEADER = 'x-vexil-principal';

// A signature is only good for a short while: a captured header cannot be replayed for long.
const VALIDITY_MS = 60_000;

const sign = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest('base64url');

/** Serialises and signs a principal for {@link PRINCIPAL_HEADER}. */
export function signPrincipal(principal: Principal, secret: string, now = Date.now()): string {
  const body = Buffer.from(JSON.stringify({ p: principal, exp: now + VALIDITY_MS })).toString('base64url');
  return `${body}.${sign(body, secret)}`;
}

/** Returns the principal of a header signed with `secret`, or `null` if it is missing, forged or stale. */
export function verifyPrincipal(
  header: string | undefined,
  secret: string,
  now = Date.now(),
): Principal | null {
  if (!header) return null;
  const [body, signature] = header.split('.');
  if (!body || !signature) return null;
  const expected = Buffer.from(sign(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const { p, exp } = JSON.parse(Buffer.from(body, 'base64url').toString()) as { p: Principal; exp: number };
    return exp >= now ? p : null;
  } catch {
    return null;
  }
}

/** The organization a principal acts in, or `null` for the anonymous and the system. */
export function organizationOf(principal: Principal): string | null {
  return principal.kind === 'user' || principal.kind === 'apiKey' ? principal.organizationId : null;
}
