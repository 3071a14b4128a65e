import type { EvaluationResult, FlagConfig } from '@vexil/evaluation';

/**
 * FeatureSignals' reason vocabulary (routes.md §1.6) for an OpenFeature-style result: its SDKs show
 * these strings, and `NOT_FOUND` is how they learn a flag does not exist. A split of the default serve
 * over weighted slices that keep every bucket is a state's `variants` (step 8: `VARIANT`); other splits
 * are rule or `percentage_rollout` rollouts (`ROLLOUT`).
 */
export function featureSignalsReason(result: EvaluationResult, flag?: FlagConfig): string {
  switch (result.reason) {
    case 'TARGETING_MATCH':
      return 'TARGETED';
    case 'SPLIT':
      return !result.ruleId &&
        flag &&
        'rollout' in flag.defaultServe &&
        flag.defaultServe.remainder !== 'offVariation'
        ? 'VARIANT'
        : 'ROLLOUT';
    case 'DEFAULT':
      return 'FALLTHROUGH';
    case 'ERROR':
      return result.errorCode === 'FLAG_NOT_FOUND' ? 'NOT_FOUND' : 'ERROR';
    default:
      return result.reason;
  }
}

/** One flag's answer as FeatureSignals' `POST /v1/evaluate` renders it (`variant_key` only when set). */
export function featureSignalsEvaluation(result: EvaluationResult, flag?: FlagConfig) {
  return {
    flag_key: result.flagKey,
    value: result.value ?? null,
    reason: featureSignalsReason(result, flag),
    ...(result.variation ? { variant_key: result.variation } : {}),
  };
}
