import {
  BUCKET_COUNT,
  normalizeOperator,
  type Condition,
  type FlagConfig,
  type RolloutSlice,
  type Segment,
  type Serve,
} from '@vexil/evaluation';
import type { CachedRuleset } from '../../edge/ruleset-cache.js';
import { packageOperator } from './package-operators.js';
import { toPhpPattern } from './php-pattern.js';

/**
 * The FeatureFlags Laravel package evaluates locally from what it syncs (routes.md §2.1, §2.3), and its
 * dashboard manages the same flag objects (§2.2). This file translates Vexil's configurations (an
 * environment's ruleset for the sync, one flag's for management) into the package's flag and segment
 * objects, exactly where the package's model can say the same thing, and as its nearest reading where it
 * cannot:
 * - Individual targets have no counterpart (the package only has trait conditions); they are left out.
 * - A rollout becomes `rollout_percentage` only when the package computes the same split: the flag uses
 *   the `featureflags` bucketing scheme on the context key (the package's `murmur3(flagKey . id)`), the
 *   first slice is the value served "in", and everything else is `false` (the package's `rollout_miss`
 *   value). Any other rollout (several values, another hash, a custom bucketing attribute) is rendered
 *   as the value of its heaviest slice for everyone, with `rollout_percentage: null`, so the package never
 *   claims a split Vexil does not make.
 * - A rule's rollout likewise serves its heaviest slice's value (the package's rules serve one value).
 * - A failed prerequisite serves the off value in Vexil and `default_value` in the package: the two agree
 *   only where those are equal.
 * - `exists` and any operator the package lacks keep Vexil's name, which the package reads as a
 *   condition that never holds (an unknown operator gives false, §2.3).
 * - Segments' included and excluded keys have no counterpart; only their conditions are rendered.
 */

/** Operators that hold when the attribute satisfies none of the values: one package condition per value. */
const NEGATED = new Set(['not_equals', 'not_contains']);

type PackageCondition =
  { trait: string; operator: string; value: unknown } | { type: 'segment'; segment: string };

/**
 * One Vexil condition as alternatives of package conditions: a package rule ANDs its conditions and
 * takes one value each, so a condition over several values that holds for any of them becomes one
 * alternative per value (the caller spreads them over several rules). Each alternative is a list of
 * conditions that must all hold.
 */
function alternatives({ attribute, operator, values }: Condition): PackageCondition[][] {
  const canonical = normalizeOperator(operator) ?? operator;
  const condition = (name: string, value: unknown): PackageCondition => ({
    trait: attribute,
    operator: name,
    value,
  });
  switch (canonical) {
    case 'in_segment':
      return values.map((segment) => [{ type: 'segment', segment: String(segment) }]);
    // The package's `equals` takes one value; `in` takes a list and holds for any of it, as Vexil's `equals`.
    case 'equals':
      return [[values.length === 1 ? condition('equals', values[0]) : condition('in', values)]];
    case 'in':
      return [[condition('in', values)]];
    case 'not_in':
      return [[condition('not_in', values)]];
    case 'percentage_of':
      return [[condition('percentage_of', values[0])]];
    case 'semver_eq':
      return values.map((value) => [condition('semver_gte', value), condition('semver_lte', value)]);
    default:
      if (NEGATED.has(canonical)) return [values.map((value) => condition(canonical, value))];
      return values.map((value) => [
        condition(packageOperator(canonical), canonical === 'matches' ? toPhpPattern(String(value)) : value),
      ]);
  }
}

/**
 * The package's rules for Vexil conditions joined by `match`: `all` is every combination of the
 * conditions' alternatives (one rule each), `any` one rule per alternative of each condition.
 */
function ruleConditions(match: 'all' | 'any', conditions: Condition[]): PackageCondition[][] {
  if (match === 'any' && conditions.length > 0) return conditions.flatMap(alternatives);
  return conditions.reduce<PackageCondition[][]>(
    (combinations, condition) =>
      combinations.flatMap((chosen) => alternatives(condition).map((more) => [...chosen, ...more])),
    [[]],
  );
}

/** The weighted slices of a rollout, in order. */
const weighted = (rollout: RolloutSlice[]) => rollout.filter((slice) => slice.weight > 0);

const heaviest = (rollout: RolloutSlice[]) =>
  weighted(rollout).reduce((best, slice) => (slice.weight > best.weight ? slice : best));

/** The flag's configuration in one environment, as far as the package's flag object shows it. */
type Configuration = Pick<
  FlagConfig,
  'variations' | 'enabled' | 'offVariation' | 'rules' | 'defaultServe' | 'bucketing'
>;

/**
 * The package's `default_value` and `rollout_percentage` for a serve, as the header comment says: an
 * exact percentage where the package computes Vexil's split, else the heaviest slice's value. A first
 * slice of no weight is the package's 0 %, which serves everyone `false`.
 */
function rolloutOf(flag: Configuration, serve: Serve, valueOf: (variation: string) => unknown) {
  if ('variation' in serve) return { value: valueOf(serve.variation), percentage: null };
  const slices = weighted(serve.rollout);
  const first = serve.rollout[0];
  if (!first || slices.length === 0) return { value: valueOf(flag.offVariation), percentage: null };
  const rest = weighted(serve.rollout.slice(1));
  const covered = slices.reduce((sum, slice) => sum + slice.weight, 0);
  const remainder =
    covered >= BUCKET_COUNT
      ? []
      : [serve.remainder === 'offVariation' ? flag.offVariation : slices.at(-1)!.variation];
  const percentage = Math.min(first.weight, BUCKET_COUNT) / 100;
  const { scheme, attribute, seed } = flag.bucketing;
  const exact =
    scheme === 'featureflags' &&
    !seed &&
    (attribute ?? 'key') === 'key' &&
    (serve.bucketBy ?? 'key') === 'key' &&
    // The package compares a whole bucket with `pct * 100` in floating point: 0.07 * 100 is
    // 7.000000000000001, which would let bucket 7 in; 0.29 * 100 falls short of 29 and is still exact.
    Math.ceil(percentage * 100) === Math.min(first.weight, BUCKET_COUNT) &&
    [...rest.map((slice) => slice.variation), ...remainder].every(
      (variation) => valueOf(variation) === false,
    );
  if (exact) return { value: valueOf(first.variation), percentage };
  return { value: valueOf(heaviest(serve.rollout).variation), percentage: null };
}

/** A served value of a rule: its variation's, or its rollout's heaviest slice's. */
const ruleValue = (serve: Serve, valueOf: (variation: string) => unknown) =>
  valueOf('variation' in serve ? serve.variation : heaviest(serve.rollout).variation);

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A flag's configuration in one environment as the package reads it (§2.1): what the sync sends of each
 * flag and what management shows of one environment. Off, the package serves `default_value`, so that is
 * the off value; the percentage still shows while its value is the off value (the package ignores it
 * then), so that a disabled flag reads back as it was written.
 */
export function packageConfiguration(flag: Configuration) {
  const valueOf = (variation: string) =>
    flag.variations.find((candidate) => candidate.key === variation)?.value ?? null;
  const on = rolloutOf(flag, flag.defaultServe, valueOf);
  const value = flag.enabled ? on.value : valueOf(flag.offVariation);
  return {
    enabled: flag.enabled,
    default_value: value,
    rollout_percentage: flag.enabled || sameValue(on.value, value) ? on.percentage : null,
    rules: flag.rules.flatMap((rule, index) =>
      ruleConditions(rule.match, rule.conditions).map((conditions) => ({
        priority: index + 1,
        conditions,
        value: ruleValue(rule.serve, valueOf),
      })),
    ),
  };
}

/** One flag as the package's flag object (§2.1). */
function packageFlag(environment: CachedRuleset, flag: FlagConfig) {
  const prerequisiteValue = (key: string, variation: string) =>
    environment.ruleset.flags[key]?.variations.find((candidate) => candidate.key === variation)?.value ??
    null;
  return {
    key: flag.key,
    name: environment.flags[flag.key]?.name ?? flag.key,
    type: flag.type,
    ...packageConfiguration(flag),
    dependencies: flag.prerequisites.map(({ flagKey, variation }) => ({
      flag_key: flagKey,
      required_value: prerequisiteValue(flagKey, variation),
    })),
    variants: flag.variations.map((variation) => variation.value),
    // Vexil has no experiments: the package then skips its experiment step (§2.3 step 4).
    experiment: null,
  };
}

/** One segment as the package's (§2.1): a rule per alternative, since its rules are ORed. */
function packageSegment(segment: Segment) {
  return {
    key: segment.key,
    // A segment without conditions matches only its included keys: no rule, which never matches.
    rules:
      segment.conditions.length === 0
        ? []
        : ruleConditions(segment.match, segment.conditions).map((conditions) => ({ conditions })),
  };
}

/** The environment's flags and segments as the package syncs them. */
export function featureFlagsSync(environment: CachedRuleset) {
  return {
    flags: Object.values(environment.ruleset.flags).map((flag) => packageFlag(environment, flag)),
    segments: Object.values(environment.ruleset.segments).map(packageSegment),
  };
}
