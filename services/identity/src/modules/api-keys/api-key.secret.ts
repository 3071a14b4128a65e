import { createHmac, timingSafeEqual } from 'node:crypto';

/** What is stored of a key: HMAC-SHA256 under the deployment's pepper, hex. */
export function hashApiKey(key: string, pepper: string): string {
  return createHmac('sha256', pepper).update(key).digest('hex');
}

/** Compares a presented key with a stored hash in constant time. */
export function apiKeyMatches(key: string, storedHash: string, pepper: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const given = Buffer.from(hashApiKey(key, pepper), 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
