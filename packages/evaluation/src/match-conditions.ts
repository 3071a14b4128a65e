import { isRecord } from './is-record.js';
import { normalizeOperator } from './normalize-operator.js';
import type { OperatorEnvironment } from './operators/operator.js';
import { operatorRegistry } from './operators/operator-registry.js';
import { resolveAttribute } from './resolve-attribute.js';

/**
 * Whether one condition holds. Malformed conditions and unknown operators never hold. A scalar `values`
 * is read as a one-element list and nested lists are flattened one level, because FeatureFlags stores a
 * single `value` that is itself the list for `in` (routes.md §2.3).
 */
export function matchCondition(condition: unknown, env: OperatorEnvironment): boolean {
  if (!isRecord(condition)) return false;
  const operatorName = normalizeOperator(condition['operator']);
  if (operatorName === undefined) return false;
  const raw = condition['values'];
  const values = Array.isArray(raw) ? flattened(raw) : raw === undefined ? [] : [raw];
  const actual =
    operatorName === 'in_segment' ? undefined : resolveAttribute(env.context, condition['attribute']);
  return operatorRegistry[operatorName](actual, values, env);
}

// A condition's values are flattened once per list, not once per evaluation: the same list then reaches
// the operators every time, so their per-list indexes (list-index.ts) are built once too.
const flattenedLists = new WeakMap<readonly unknown[], readonly unknown[]>();

function flattened(list: readonly unknown[]): readonly unknown[] {
  let flat = flattenedLists.get(list);
  if (!flat) {
    flat = list.some(Array.isArray) ? list.flat(1) : list;
    flattenedLists.set(list, flat);
  }
  return flat;
}

/**
 * Whether a list of conditions holds under `match` (`any`, or else `all`). An empty list holds: a rule
 * without conditions is a catch-all (routes.md §4.3); segments handle their own empty case.
 */
export function matchConditions(
  conditions: readonly unknown[],
  match: unknown,
  env: OperatorEnvironment,
): boolean {
  if (conditions.length === 0) return true;
  return match === 'any'
    ? conditions.some((condition) => matchCondition(condition, env))
    : conditions.every((condition) => matchCondition(condition, env));
}
