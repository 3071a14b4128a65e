import { normalizeOperator, type EvaluationResult } from '@vexil/evaluation';
import type { CachedRuleset, FlagDetails, ServedValues } from '../../edge/ruleset-cache.js';

/**
 * Flagify's reasons (routes.md §4.3): its SDKs know `targeting_rule`, `rollout`, `default` and
 * `disabled`. A failed prerequisite serves the off value, which Flagify's clients call disabled.
 */
export function flagifyReason(result: EvaluationResult): string {
  switch (result.reason) {
    case 'TARGETING_MATCH':
      return 'targeting_rule';
    case 'SPLIT':
      return 'rollout';
    case 'DEFAULT':
      return 'default';
    case 'DISABLED':
    case 'PREREQUISITE_FAILED':
      return 'disabled';
    default:
      return 'error';
  }
}

/** One flag's answer as Flagify's evaluate routes render it. */
export function flagifyEvaluation(result: EvaluationResult) {
  return { key: result.flagKey, value: result.value ?? null, reason: flagifyReason(result) };
}

/**
 * A serve as Flagify describes it: the variation served and its value, and for a two-way rollout the
 * percentage that gets the "on" side (the slice not serving the off variation), since Flagify's rollouts
 * are one value against the default (routes.md §4.3). A wider rollout shows its heaviest slice, as
 * Flagify's SDKs pick variants by weight; the variants carry every weight. Values are the flags
 * subgraph's, read with the ruleset.
 */
function servedBy(
  offVariation: string,
  serve: ServedValues,
): { variation: string; value: unknown; rolloutPercentage?: number } {
  if (!serve.rollout) return { variation: serve.variation ?? '', value: serve.value };
  if (serve.rollout.length === 2) {
    const on = serve.rollout.find((slice) => slice.variation !== offVariation) ?? serve.rollout[0]!;
    return { variation: on.variation, value: on.value, rolloutPercentage: on.weight / 100 };
  }
  const heaviest = serve.rollout.reduce((best, slice) => (slice.weight > best.weight ? slice : best));
  return { variation: heaviest.variation, value: heaviest.value };
}

/** A rule as Flagify's `TargetingRule`; segment references become `type: "segment"` conditions. */
function targetingRule(
  offVariation: string,
  rule: FlagDetails['configuration']['rules'][number],
  index: number,
) {
  const { variation, value, rolloutPercentage } = servedBy(offVariation, rule.serve);
  return {
    id: rule.id,
    priority: index,
    ...(rule.description ? { description: rule.description } : {}),
    matchType: rule.match,
    variantKey: variation,
    valueOverride: value,
    ...(rolloutPercentage !== undefined ? { rolloutPercentage } : {}),
    conditions: rule.conditions.map((condition) => ({
      type: normalizeOperator(condition.operator) === 'in_segment' ? 'segment' : 'attribute',
      attribute: condition.attribute,
      operator: condition.operator,
      values: condition.values,
    })),
  };
}

/** The share of the default serve each variation gets, in percent (Flagify's variant weights). */
function weightOf(serve: ServedValues, variation: string): number {
  if (!serve.rollout) return serve.variation === variation ? 100 : 0;
  return (serve.rollout.find((slice) => slice.variation === variation)?.weight ?? 0) / 100;
}

/**
 * A flag as Flagify's SDKs read it (`FlagifyFlaggy`, routes.md §4.1): `value` is what `result` served
 * (the anonymous context on `/eval/flags`), `defaultValue` what the default serve gives when the flag
 * is on, `offValue` the off variation's value.
 */
export function flagifyFlaggy(environment: CachedRuleset, result: EvaluationResult) {
  const flag = environment.ruleset.flags[result.flagKey]!;
  const details = environment.flags[result.flagKey]!;
  const { configuration } = details;
  const { value, rolloutPercentage } = servedBy(flag.offVariation, configuration.defaultServe);
  return {
    key: flag.key,
    name: details.name,
    type: flag.type,
    value: result.value ?? null,
    defaultValue: value,
    offValue: configuration.offValue,
    enabled: flag.enabled,
    ...(rolloutPercentage !== undefined ? { rolloutPercentage } : {}),
    targetingRules: configuration.rules.map((rule, index) => targetingRule(flag.offVariation, rule, index)),
    variants: flag.variations.map(({ key, value }) => ({
      key,
      value,
      weight: weightOf(configuration.defaultServe, key),
    })),
    ...(details.description ? { description: details.description } : {}),
    createdAt: details.createdAt,
    updatedAt: details.updatedAt,
  };
}
