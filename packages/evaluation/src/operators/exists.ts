import type { Operator } from './operator.js';
import { isPresent } from './operands.js';

/**
 * `exists`: the attribute is present (not missing, not null). With the value `false` (or `"false"`) it
 * tests absence instead, as FeatureSignals does (routes.md §1.6).
 */
export const exists: Operator = (actual, values) => {
  const wantAbsent =
    values[0] === false || (typeof values[0] === 'string' && values[0].toLowerCase() === 'false');
  return wantAbsent ? !isPresent(actual) : isPresent(actual);
};
