import { randomBytes } from 'node:crypto';

/** Server keys manage and evaluate; client keys only evaluate. */
export type ApiKeyKind = 'server' | 'client';

/**
 * How a key is written. Every product Vexil stands in for hands its users keys that look like its own, and
 * some clients check the look: `vexil` is `{sk|pk}_{env}_{keyId}_{secret}` (seed 004), `featureflags` is
 * `ff_live_{keyId}{secret}` (routes.md §2.3, 32 characters after the prefix as the docs print), `phaseflag`
 * is `sdk-{env}-{keyId}{secret}` (§3.2). Whatever its look, a key works in every dialect.
 */
export type ApiKeyFormat = 'vexil' | 'featureflags' | 'phaseflag';

export const API_KEY_FORMATS: readonly ApiKeyFormat[] = ['vexil', 'featureflags', 'phaseflag'];

/** The two products with one kind of key give their users server keys: the key syncs whole rulesets. */
export const SERVER_ONLY_FORMATS: readonly ApiKeyFormat[] = ['featureflags', 'phaseflag'];

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const KEY_ID_LENGTH = 10;

// The environment key may itself contain `_` or `-`, so the key id and secret are read from the end.
const PATTERNS: Record<ApiKeyFormat, RegExp> = {
  vexil: /^(?:sk|pk)_.+_(?<keyId>[A-Za-z0-9]{10})_[A-Za-z0-9]{32}$/,
  featureflags: /^ff_live_(?<keyId>[A-Za-z0-9]{10})[A-Za-z0-9]{22}$/,
  phaseflag: /^sdk-.+-(?<keyId>[A-Za-z0-9]{10})[A-Za-z0-9]{32}$/,
};

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
export function generateApiKey(
  type: ApiKeyKind,
  environmentKey: string,
  format: ApiKeyFormat = 'vexil',
): { keyId: string; key: string } {
  const keyId = base62(KEY_ID_LENGTH);
  switch (format) {
    case 'featureflags':
      return { keyId, key: `ff_live_${keyId}${base62(22)}` };
    case 'phaseflag':
      return { keyId, key: `sdk-${environmentKey}-${keyId}${base62(32)}` };
    case 'vexil':
      return { keyId, key: `${type === 'server' ? 'sk' : 'pk'}_${environmentKey}_${keyId}_${base62(32)}` };
  }
}

/** The format and key id of a presented key, or `null` if it is written in none of the formats. */
export function parseApiKey(key: string): { format: ApiKeyFormat; keyId: string } | null {
  for (const format of API_KEY_FORMATS) {
    const match = PATTERNS[format].exec(key);
    if (match) return { format, keyId: match.groups!.keyId! };
  }
  return null;
}

/**
 * Tells whether a credential is meant as an API key rather than a JWT: by its prefix alone, so a
 * mistyped key is answered "invalid API key", not "invalid token".
 */
export function looksLikeApiKey(credential: string): boolean {
  return /^(?:sk_|pk_|ff_live_|sdk-)/.test(credential);
}
