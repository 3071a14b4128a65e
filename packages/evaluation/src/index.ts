/**
 * @vexil/evaluation: the one flag evaluation engine (DESIGN.md, "Flag model and evaluation"). Pure and
 * synchronous: no I/O, no clock, no randomness; malformed rulesets give `ERROR` results, never exceptions.
 */
export type {
  BucketingScheme,
  Condition,
  ErrorCode,
  EvaluateOptions,
  EvaluationContext,
  EvaluationResult,
  FlagConfig,
  FlagType,
  Prerequisite,
  Reason,
  RolloutRemainder,
  RolloutSlice,
  Rule,
  Ruleset,
  Segment,
  Serve,
  Target,
  Variation,
} from './types.js';
export { evaluate, evaluateAll, MAX_PREREQUISITE_DEPTH } from './evaluate.js';
export { bucket, BUCKET_COUNT } from './bucketing.js';
export { murmur3 } from './murmur3.js';
export { normalizeOperator } from './normalize-operator.js';
export { OPERATOR_NAMES, type OperatorName } from './operators/operator-registry.js';
export {
  isUsablePattern,
  MAX_INPUT_LENGTH as MAX_REGEX_INPUT_LENGTH,
  MAX_PATTERN_LENGTH as MAX_REGEX_PATTERN_LENGTH,
} from './operators/matches.js';
export { MAX_SEGMENT_DEPTH, segmentMatch, type SegmentMatch } from './segments.js';
