import type { Operator } from './operator.js';

/**
 * `in_segment`: the context belongs to one of the segments named by the values. The attribute is ignored,
 * since membership is a property of the whole context; unknown segment keys match no one.
 */
export const inSegment: Operator = (_actual, values, env) =>
  values.some((segmentKey) => typeof segmentKey === 'string' && env.inSegment(segmentKey));
