import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** A token handed to a client as `<id>.<secret>`; only the SHA-256 of the secret is stored. */
export interface SecretToken {
  id: string;
  /** What the client gets, once. */
  presented: string;
  /** What the database keeps (hex). */
  hash: string;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/** A new random token (256-bit secret) with its row id. */
export function newSecretToken(): SecretToken {
  const id = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  return { id, presented: `${id}.${secret}`, hash: sha256(secret).toString('hex') };
}

/** Splits a presented token into its row id and secret, or `null` if it cannot be one of ours. */
export function parseSecretToken(presented: unknown): { id: string; secret: string } | null {
  if (typeof presented !== 'string') return null;
  const [id, secret, extra] = presented.split('.');
  if (!id || !secret || extra !== undefined || !/^[0-9a-f-]{36}$/.test(id)) return null;
  return { id, secret };
}

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(storedHash: string, secret: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const given = sha256(secret);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
