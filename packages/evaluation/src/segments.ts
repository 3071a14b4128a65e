import { isRecord } from './is-record.js';
import { listIncludes } from './list-index.js';
import { matchCondition, matchConditions } from './match-conditions.js';
import type { OperatorEnvironment } from './operators/operator.js';
import type { EvaluationContext } from './types.js';

/** How deeply segments may refer to segments through `in_segment`; deeper references match no one. */
export const MAX_SEGMENT_DEPTH = 16;

/**
 * Builds the `inSegment` test for one context and flag. Excluded keys never match, included keys always
 * match, everyone else matches by the segment's conditions; a segment without conditions matches only its
 * included keys (FeatureFlags: "a segment with no rules never matches", routes.md §2.1). A segment that
 * refers back to itself through `in_segment` gets false for that reference instead of recursing forever.
 * Answers are remembered for the life of the returned function, which covers one evaluation.
 */
export function createSegmentMatcher(
  segments: unknown,
  context: EvaluationContext,
  now: Date,
  flagKey: string,
): (segmentKey: string) => boolean {
  const memo = new Map<string, boolean>();
  const visiting = new Set<string>();

  const inSegment = (segmentKey: string): boolean => {
    const remembered = memo.get(segmentKey);
    if (remembered !== undefined) return remembered;
    if (visiting.has(segmentKey) || visiting.size >= MAX_SEGMENT_DEPTH) return false;
    if (!isRecord(segments) || !Object.hasOwn(segments, segmentKey)) return false;
    const segment = segments[segmentKey];
    if (!isRecord(segment)) return false;
    visiting.add(segmentKey);
    const answer = decide(segment);
    visiting.delete(segmentKey);
    memo.set(segmentKey, answer);
    return answer;
  };

  const env: OperatorEnvironment = { context, now, flagKey, inSegment };

  const decide = (segment: Record<string, unknown>): boolean => {
    const key = context.key;
    if (typeof key === 'string' && listed(segment['excluded'], key)) return false;
    if (typeof key === 'string' && listed(segment['included'], key)) return true;
    const conditions = segment['conditions'];
    if (!Array.isArray(conditions) || conditions.length === 0) return false;
    return matchConditions(conditions, segment['match'], env);
  };

  return inSegment;
}

function listed(keys: unknown, key: string): boolean {
  return Array.isArray(keys) && listIncludes(keys, key);
}

/** Whether a context is in a segment, and how many of the segment's conditions it meets. */
export interface SegmentMatch {
  matched: boolean;
  conditionsMet: number;
  conditions: number;
}

/**
 * The engine's answer for one segment and one context, explained for tools that show a segment's
 * audience (which of a set of contexts it takes, and by how many conditions): the same matcher flag
 * evaluation uses, so the answer never differs from what a rule with `in_segment` decides.
 */
export function segmentMatch(
  segments: unknown,
  segmentKey: string,
  context: EvaluationContext,
  now: Date,
): SegmentMatch {
  const inSegment = createSegmentMatcher(segments, context, now, '');
  const segment = isRecord(segments) && Object.hasOwn(segments, segmentKey) ? segments[segmentKey] : null;
  const conditions = isRecord(segment) && Array.isArray(segment['conditions']) ? segment['conditions'] : [];
  const env: OperatorEnvironment = { context, now, flagKey: '', inSegment };
  return {
    matched: inSegment(segmentKey),
    conditionsMet: conditions.filter((condition) => matchCondition(condition, env)).length,
    conditions: conditions.length,
  };
}
