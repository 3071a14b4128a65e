import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiKeyKind } from './api-key.entity.js';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// `{type}_{env}_{keyId}_{secret}` (seed 004). The environment key may itself contain `_`, so the key id
// and secret are read from the end.
const FORMAT = /^(sk|pk)_(.+)_([A-Za-z0-9]{10})_([A-Za-z0-9]{32})$/;

/** Random base62 text; rejection sampling keeps every character equally likely. */
function base62(length: number): string {
  let text = '';
  while (text.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && text.length < length) text += BASE62[byte % 62];
    }
  }
  return text;
}

/** A new key for an environment: its public id (part of the key) and the full key, shown once. */
export function generateApiKey(type: ApiKeyKind, environmentKey: string): { keyId: string; key: string } {
  const keyId = base62(10);
  return { keyId, key: `${type === 'server' ? 'sk' : 'pk'}_${environmentKey}_${keyId}_${base62(32)}` };
}

/** The parts of a presented key, or `null` if it is not in Vexil's format. */
export function parseApiKey(key: string): { type: ApiKeyKind; environmentKey: string; keyId: string } | null {
  const match = FORMAT.exec(key);
  if (!match) return null;
  return { type: match[1] === 'sk' ? 'server' : 'client', environmentKey: match[2]!, keyId: match[3]! };
}

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
