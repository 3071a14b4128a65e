import { bucket } from '../bucketing.js';
import type { Operator } from './operator.js';
import { toNumber, toText } from './operands.js';

/**
 * `percentage_of`: the attribute's value falls in the first `values[0]` percent (0–100) of buckets. The hash
 * input is FeatureFlags' `flagKey + ":" + value` (routes.md §2.3), whatever the flag's own scheme, because
 * only that product has this operator and its rules must keep their users.
 */
export const percentageOf: Operator = (actual, values, env) => {
  const text = toText(actual);
  const percentage = toNumber(values[0]);
  if (text === undefined || percentage === undefined) return false;
  return bucket('featureflags', env.flagKey, text, ':') < percentage * 100;
};
