/**
 * The canonical flag model (DESIGN.md, "Flag model and evaluation"). Every REST dialect maps its own shapes
 * onto these types and reads them back unchanged, so fields here carry no dialect-specific meaning.
 */

/** The type of every variation value of a flag; a served value of another type is a `TYPE_MISMATCH`. */
export type FlagType = 'boolean' | 'string' | 'number' | 'json';

/**
 * Why a result has its value, in OpenFeature's vocabulary. Each REST dialect renders these in its own words
 * (for example FeatureSignals says `TARGETED` where we say `TARGETING_MATCH`).
 */
export type Reason = 'DISABLED' | 'TARGETING_MATCH' | 'SPLIT' | 'DEFAULT' | 'PREREQUISITE_FAILED' | 'ERROR';

/** OpenFeature error codes; present on a result exactly when its reason is `ERROR`. */
export type ErrorCode = 'FLAG_NOT_FOUND' | 'TYPE_MISMATCH' | 'PARSE_ERROR' | 'GENERAL';

/**
 * How a bucketing value becomes one of 10 000 buckets. Flags imported from another product keep that
 * product's scheme so that users stay in the rollout they were in before the migration.
 * - `vexil`: `murmur3(flagKey + "." + value) % 10000`; a non-empty `seed` replaces the flag key.
 * - `featuresignals`: the same formula, seed ignored.
 * - `featureflags`: `murmur3(flagKey + seed + value) % 10000` (seed defaults to "", no separator).
 * - `flagify`: `(murmur3(flagKey + ":" + value) % 100) * 100`, seed ignored.
 */
export type BucketingScheme = 'vexil' | 'featuresignals' | 'featureflags' | 'flagify';

/** One possible value of a flag, addressed by its `key` from targets, rules and rollouts. */
export interface Variation {
  key: string;
  value: unknown;
  name?: string;
}

/**
 * A share of a rollout, in basis points. The slices of one rollout sum to at most 10 000; when they sum to
 * less, the contexts in the uncovered buckets fall through to the next rule if the rollout is a rule's,
 * and go where the rollout's `remainder` says if it is the default serve's.
 */
export interface RolloutSlice {
  variation: string;
  weight: number;
}

/**
 * Who gets the buckets a default serve's rollout leaves uncovered. `lastSlice` (the default): the last
 * weighted slice, as FeatureSignals' variants (routes.md §1.6 step 8). `offVariation`: the flag's off
 * variation with reason `DEFAULT`, as FeatureSignals' `percentage_rollout` sends everyone outside it to
 * the flag's `default_value` (step 7). A rule's remainder always falls through to the next rule.
 */
export type RolloutRemainder = 'lastSlice' | 'offVariation';

/**
 * What a rule or the default serves: one variation, or a weighted split. `bucketBy` names the context
 * attribute to bucket on for this rollout, overriding the flag's `bucketing.attribute`.
 */
export type Serve =
  { variation: string } | { rollout: RolloutSlice[]; bucketBy?: string; remainder?: RolloutRemainder };

/**
 * One test of a context attribute. `operator` is a canonical operator name or any dialect's name for it
 * (see `normalizeOperator`). The condition holds when the attribute satisfies the operator against any of
 * `values`; the negated operators (`not_equals`, `not_in`, `not_contains`) hold when it satisfies none.
 */
export interface Condition {
  attribute: string;
  operator: string;
  values: unknown[];
}

/**
 * A targeting rule. Conditions are joined by `match`; a rule without conditions matches everyone, because
 * catch-all rules are how Flagify serves a value to every context (routes.md §4.3).
 */
export interface Rule {
  id: string;
  match: 'all' | 'any';
  conditions: Condition[];
  serve: Serve;
  description?: string;
}

/** Context keys that are served `variation` before any rule is looked at. */
export interface Target {
  variation: string;
  values: string[];
}

/** The flag `flagKey` must be on and serve `variation` to the same context. */
export interface Prerequisite {
  flagKey: string;
  variation: string;
}

/** A flag's configuration in one environment: the unit the engine evaluates. */
export interface FlagConfig {
  key: string;
  type: FlagType;
  variations: Variation[];
  enabled: boolean;
  offVariation: string;
  targets: Target[];
  /** In priority order: the first matching rule wins. */
  rules: Rule[];
  defaultServe: Serve;
  prerequisites: Prerequisite[];
  /** `attribute` defaults to the context key; `seed` is read as described on `BucketingScheme`. */
  bucketing: { scheme: BucketingScheme; attribute?: string; seed?: string };
  version?: number;
}

/**
 * A reusable group of contexts. Excluded keys never match and included keys always match; everyone else
 * matches by the conditions joined by `match`. A segment without conditions matches only its included keys,
 * as in FeatureFlags, where "a segment with no rules never matches" (routes.md §2.1).
 */
export interface Segment {
  key: string;
  match: 'all' | 'any';
  conditions: Condition[];
  included: string[];
  excluded: string[];
}

/** A snapshot of one environment: every flag and segment, keyed by their keys. */
export interface Ruleset {
  flags: Record<string, FlagConfig>;
  segments: Record<string, Segment>;
}

/**
 * Who is asking. `key` identifies the context; other attributes sit at the top level and may be nested
 * objects, addressed from conditions by dotted paths such as `geo.country`.
 */
export interface EvaluationContext {
  key: string;
  [attribute: string]: unknown;
}

/**
 * The outcome of evaluating one flag. `variation` and `value` are null on `ERROR`. `ruleId` is set when a
 * rule decided the result. `value` is the ruleset's own object (not a copy) and must be treated as read-only.
 */
export interface EvaluationResult {
  flagKey: string;
  value: unknown;
  variation: string | null;
  reason: Reason;
  ruleId?: string;
  errorCode?: ErrorCode;
  errorMessage?: string;
}

/** Inputs the engine needs from the outside world; the engine never reads a clock itself. */
export interface EvaluateOptions {
  now: Date;
}
