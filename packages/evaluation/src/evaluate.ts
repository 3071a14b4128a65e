import { bucket } from './bucketing.js';
import { isRecord } from './is-record.js';
import { listIncludes } from './list-index.js';
import { matchConditions } from './match-conditions.js';
import type { OperatorEnvironment } from './operators/operator.js';
import { resolveAttribute } from './resolve-attribute.js';
import { createSegmentMatcher } from './segments.js';
import type {
  BucketingScheme,
  ErrorCode,
  EvaluateOptions,
  EvaluationContext,
  EvaluationResult,
  Reason,
  Ruleset,
} from './types.js';

/** How long a chain of prerequisites may be before evaluation gives up with an error. */
export const MAX_PREREQUISITE_DEPTH = 32;

/**
 * A result plus whether it must poison every flag that depends on it. Cycles and runaway depth are
 * configuration errors of the whole chain, so they surface as `ERROR` on every flag in it rather than as an
 * ordinary failed prerequisite.
 */
interface Outcome {
  result: EvaluationResult;
  fatal: boolean;
}

/** State shared by one top-level evaluation and the prerequisites it evaluates. */
interface Session {
  ruleset: Record<string, unknown>;
  flags: Record<string, unknown>;
  context: EvaluationContext;
  now: Date;
  memo: Map<string, Outcome>;
}

/**
 * Evaluates one flag for one context, in the order of DESIGN.md: missing flag, off, prerequisites,
 * individual targets, rules by priority, default serve. Pure and synchronous: time comes from
 * `options.now`, and a malformed ruleset yields an `ERROR` result, never an exception.
 */
export function evaluate(
  ruleset: Ruleset,
  flagKey: string,
  context: EvaluationContext,
  options: EvaluateOptions,
): EvaluationResult {
  try {
    if (!isRecord(ruleset) || !isRecord(ruleset.flags)) {
      return failure(String(flagKey), 'PARSE_ERROR', 'The ruleset has no `flags` map.');
    }
    return evaluateFlag(openSession(ruleset, context, options), String(flagKey), []).result;
  } catch (error) {
    // Unreachable for plain JSON rulesets; kept because a caller's exotic context (a throwing getter, a
    // Proxy) must not take down a request that only wanted a flag value.
    return failure(String(flagKey), 'GENERAL', `Evaluation failed: ${describe(error)}`);
  }
}

/**
 * Evaluates every flag of the ruleset for one context, keyed by flag key in the ruleset's order. Each flag
 * gets the same answer `evaluate` would give it.
 */
export function evaluateAll(
  ruleset: Ruleset,
  context: EvaluationContext,
  options: EvaluateOptions,
): Record<string, EvaluationResult> {
  const results: Record<string, EvaluationResult> = {};
  if (!isRecord(ruleset) || !isRecord(ruleset.flags)) return results;
  for (const flagKey of Object.keys(ruleset.flags)) {
    results[flagKey] = evaluate(ruleset, flagKey, context, options);
  }
  return results;
}

function openSession(ruleset: Ruleset, context: unknown, options: unknown): Session {
  const now = isRecord(options) && options['now'] instanceof Date ? options['now'] : new Date(Number.NaN);
  return {
    ruleset: ruleset as unknown as Record<string, unknown>,
    flags: ruleset.flags as Record<string, unknown>,
    context: normalizeContext(context),
    now,
    memo: new Map(),
  };
}

/** A context whose `key` is a string or absent; a numeric key is read as its decimal text. */
function normalizeContext(context: unknown): EvaluationContext {
  if (!isRecord(context)) return {} as EvaluationContext;
  const key = context['key'];
  if (typeof key === 'string') return context as EvaluationContext;
  const { key: _dropped, ...rest } = context;
  return (
    typeof key === 'number' && Number.isFinite(key) ? { ...rest, key: String(key) } : rest
  ) as EvaluationContext;
}

function evaluateFlag(session: Session, flagKey: string, stack: readonly string[]): Outcome {
  const remembered = session.memo.get(flagKey);
  if (remembered !== undefined) return remembered;
  const outcome = decide(session, flagKey, stack);
  session.memo.set(flagKey, outcome);
  return outcome;
}

function decide(session: Session, flagKey: string, stack: readonly string[]): Outcome {
  if (!Object.hasOwn(session.flags, flagKey)) {
    return settled(failure(flagKey, 'FLAG_NOT_FOUND', `Flag "${flagKey}" does not exist in this ruleset.`));
  }
  const flag = session.flags[flagKey];
  if (!isRecord(flag) || !Array.isArray(flag['variations'])) {
    return settled(failure(flagKey, 'PARSE_ERROR', `Flag "${flagKey}" has no list of variations.`));
  }
  const serving = new Server(session, flagKey, flag);

  // Anything but a literal `true` is off: a flag whose state we cannot read must not turn itself on.
  if (flag['enabled'] !== true) return settled(serving.variation(flag['offVariation'], 'DISABLED'));

  const prerequisites = listField(flag, 'prerequisites');
  const targets = listField(flag, 'targets');
  const rules = listField(flag, 'rules');
  if (prerequisites === undefined || targets === undefined || rules === undefined) {
    return settled(
      failure(
        flagKey,
        'PARSE_ERROR',
        `Flag "${flagKey}" has a prerequisites, targets or rules field that is not a list.`,
      ),
    );
  }

  const path = [...stack, flagKey];
  for (const prerequisite of prerequisites) {
    const verdict = checkPrerequisite(session, prerequisite, path);
    if (verdict.fatal !== undefined)
      return { result: failure(flagKey, 'GENERAL', verdict.fatal), fatal: true };
    if (!verdict.met) return settled(serving.variation(flag['offVariation'], 'PREREQUISITE_FAILED'));
  }

  const contextKey = session.context.key;
  if (typeof contextKey === 'string') {
    for (const target of targets) {
      if (isRecord(target) && Array.isArray(target['values']) && listIncludes(target['values'], contextKey)) {
        return settled(serving.variation(target['variation'], 'TARGETING_MATCH'));
      }
    }
  }

  const env = serving.environment();
  for (const rule of rules) {
    if (!isRecord(rule)) continue;
    const conditions = rule['conditions'] ?? [];
    if (!Array.isArray(conditions) || !matchConditions(conditions, rule['match'], env)) continue;
    const ruleId = typeof rule['id'] === 'string' ? rule['id'] : undefined;
    const result = serving.serveRule(rule['serve'], ruleId);
    if (result !== undefined) return settled(result);
  }

  return settled(serving.serve(flag['defaultServe'], 'DEFAULT'));
}

/**
 * A prerequisite is met when its flag is on, reached its answer without a failure of its own, and served
 * the named variation. An off prerequisite fails even if its off variation is the named one, as in
 * FeatureSignals (routes.md §1.6): a switched-off gate must close what depends on it.
 */
function checkPrerequisite(
  session: Session,
  prerequisite: unknown,
  path: readonly string[],
): { met: boolean; fatal?: string } {
  if (!isRecord(prerequisite) || typeof prerequisite['flagKey'] !== 'string') return { met: false };
  const key = prerequisite['flagKey'];
  if (path.includes(key)) {
    return { met: false, fatal: `Prerequisite cycle: ${[...path, key].join(' → ')}.` };
  }
  if (path.length >= MAX_PREREQUISITE_DEPTH) {
    return {
      met: false,
      fatal: `Prerequisites nest deeper than ${MAX_PREREQUISITE_DEPTH} flags at "${key}".`,
    };
  }
  const outcome = evaluateFlag(session, key, path);
  if (outcome.fatal)
    return { met: false, fatal: outcome.result.errorMessage ?? 'Prerequisite chain failed.' };
  const { reason, variation } = outcome.result;
  const failed = reason === 'DISABLED' || reason === 'PREREQUISITE_FAILED' || reason === 'ERROR';
  return { met: !failed && variation === prerequisite['variation'] };
}

/** Turns serves of one flag into results: variation lookup, rollouts, type checks. */
class Server {
  private readonly variations = new Map<string, unknown>();

  constructor(
    private readonly session: Session,
    private readonly flagKey: string,
    private readonly flag: Record<string, unknown>,
  ) {
    for (const variation of flag['variations'] as unknown[]) {
      if (
        isRecord(variation) &&
        typeof variation['key'] === 'string' &&
        !this.variations.has(variation['key'])
      ) {
        this.variations.set(variation['key'], variation['value']);
      }
    }
  }

  environment(): OperatorEnvironment {
    const { context, now } = this.session;
    const inSegment = createSegmentMatcher(this.session.ruleset['segments'], context, now, this.flagKey);
    return { context, now, flagKey: this.flagKey, inSegment };
  }

  /**
   * Serves a matching rule's `serve`, or nothing when the rule is a rollout whose weights stop short of
   * the context's bucket: a rule that reaches only part of the contexts it matches lets the others fall
   * through to the next rule, as FeatureSignals' rule `percentage` (routes.md §1.6 step 6) and Flagify's
   * rule `rolloutPercentage` (§4.3) do.
   */
  serveRule(serve: unknown, ruleId: string | undefined): EvaluationResult | undefined {
    if (isRecord(serve) && Array.isArray(serve['rollout'])) {
      const { hit } = this.locate(serve['rollout'], serve['bucketBy']);
      return hit === undefined ? undefined : this.variation(hit, 'SPLIT', ruleId);
    }
    return this.serve(serve, 'TARGETING_MATCH', ruleId);
  }

  /**
   * Serves one variation, or a rollout reported as `SPLIT`. Nothing comes after the default serve, so the
   * buckets its rollout leaves uncovered go where its `remainder` says (see `RolloutRemainder`).
   */
  serve(serve: unknown, reason: Reason, ruleId?: string): EvaluationResult {
    if (isRecord(serve) && typeof serve['variation'] === 'string') {
      return this.variation(serve['variation'], reason, ruleId);
    }
    if (isRecord(serve) && Array.isArray(serve['rollout'])) {
      const { hit, last } = this.locate(serve['rollout'], serve['bucketBy']);
      if (hit === undefined && serve['remainder'] === 'offVariation') {
        return this.variation(this.flag['offVariation'], 'DEFAULT', ruleId);
      }
      const chosen = hit ?? last;
      if (chosen === undefined) {
        return failure(
          this.flagKey,
          'GENERAL',
          `A rollout of flag "${this.flagKey}" has no slice with weight.`,
        );
      }
      return this.variation(chosen, 'SPLIT', ruleId);
    }
    const where = ruleId === undefined ? 'default serve' : `serve of rule "${ruleId}"`;
    return failure(
      this.flagKey,
      'PARSE_ERROR',
      `The ${where} of flag "${this.flagKey}" names neither a variation nor a rollout.`,
    );
  }

  /** Serves a variation by key, checking that it exists and that its value has the flag's type. */
  variation(key: unknown, reason: Reason, ruleId?: string): EvaluationResult {
    if (typeof key !== 'string' || !this.variations.has(key)) {
      return failure(
        this.flagKey,
        'GENERAL',
        `Flag "${this.flagKey}" serves variation "${String(key)}", which is not one of its variations.`,
      );
    }
    const value = this.variations.get(key);
    const type = this.flag['type'];
    if (!hasType(value, type)) {
      return failure(
        this.flagKey,
        'TYPE_MISMATCH',
        `Variation "${key}" of flag "${this.flagKey}" is not a ${String(type)}.`,
      );
    }
    const result: EvaluationResult = { flagKey: this.flagKey, value, variation: key, reason };
    if (ruleId !== undefined) result.ruleId = ruleId;
    return result;
  }

  /**
   * Finds the slice whose cumulative weight range holds the context's bucket (`hit`, absent when the
   * bucket lies past every slice) and the last slice with weight. Slices keep their order, so raising one
   * slice's weight at the expense of a later one, or of the uncovered remainder, only moves users into it.
   */
  private locate(slices: unknown[], bucketBy: unknown): { hit?: string; last?: string } {
    const bucketing = isRecord(this.flag['bucketing']) ? this.flag['bucketing'] : {};
    const scheme = bucketing['scheme'] as BucketingScheme;
    const seed = typeof bucketing['seed'] === 'string' ? bucketing['seed'] : undefined;
    const attribute = typeof bucketBy === 'string' ? bucketBy : bucketing['attribute'];
    const position = bucket(scheme, this.flagKey, this.bucketingValue(attribute), seed);
    let cumulative = 0;
    let last: string | undefined;
    for (const slice of slices) {
      if (!isRecord(slice)) continue;
      const weight = slice['weight'];
      if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) continue;
      const variation = typeof slice['variation'] === 'string' ? slice['variation'] : '';
      cumulative += weight;
      last = variation;
      if (position < cumulative) return { hit: variation, last };
    }
    return last === undefined ? {} : { last };
  }

  /**
   * The value to bucket on: the named attribute when the context has a scalar there, else the context key.
   * Falling back (rather than putting everyone without the attribute in one bucket) follows FeatureFlags'
   * `deviceId ?? id` (routes.md §2.3).
   */
  private bucketingValue(attribute: unknown): string {
    const { context } = this.session;
    if (typeof attribute === 'string' && attribute !== 'key') {
      const value = resolveAttribute(context, attribute);
      if (typeof value === 'string') return value;
      if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean')
        return String(value);
    }
    return typeof context.key === 'string' ? context.key : '';
  }
}

function hasType(value: unknown, type: unknown): boolean {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return true;
  }
}

/** A list field of a flag; absent means empty, anything else that is not a list is undefined. */
function listField(flag: Record<string, unknown>, name: string): unknown[] | undefined {
  const value = flag[name];
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : undefined;
}

function settled(result: EvaluationResult): Outcome {
  return { result, fatal: false };
}

function failure(flagKey: string, errorCode: ErrorCode, errorMessage: string): EvaluationResult {
  return { flagKey, value: null, variation: null, reason: 'ERROR', errorCode, errorMessage };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
