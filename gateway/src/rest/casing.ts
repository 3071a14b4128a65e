import type { Dialect } from './rest-route.js';
import type { ScalarValues } from './scalar-values.js';

const snake = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

const NONE: ScalarValues = new WeakSet<object>();

/** A GraphQL field name as a dialect spells it (`createdAt` → `created_at` in snake_case). */
export function casedName(casing: Dialect['casing'], name: string): string {
  return casing === 'snake_case' ? snake(name) : name;
}

/**
 * Renames object keys from GraphQL's camelCase to snake_case (`createdAt` → `created_at`), except
 * inside `scalars`: a JSON flag value `{"maxItems":3}` is the user's and keeps its keys.
 */
export function snakeKeys(value: unknown, scalars: ScalarValues = NONE): unknown {
  if (value === null || typeof value !== 'object' || scalars.has(value)) return value;
  if (Array.isArray(value)) return value.map((item) => snakeKeys(item, scalars));
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [snake(key), snakeKeys(inner, scalars)]),
  );
}

/** A route's result in the dialect's casing; values of scalar fields keep theirs. */
export function applyCasing(casing: Dialect['casing'], value: unknown, scalars: ScalarValues): unknown {
  return casing === 'snake_case' ? snakeKeys(value, scalars) : value;
}
