import { isRecord } from './is-record.js';

/**
 * Reads an attribute from a context: `key` is the context key, any other name is looked up at the top level
 * first (so attributes whose names contain dots still work) and then as a dotted path through nested
 * objects and arrays. Only own properties are read, so names such as `constructor` or `__proto__` never
 * reach `Object.prototype`. Returns `undefined` when the attribute is absent.
 */
export function resolveAttribute(context: Record<string, unknown>, path: unknown): unknown {
  if (typeof path !== 'string' || path === '') return undefined;
  if (Object.hasOwn(context, path)) return context[path];
  if (!path.includes('.')) return undefined;
  let current: unknown = context;
  for (const segment of path.split('.')) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else if (isRecord(current) && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      return undefined;
    }
  }
  return current;
}
