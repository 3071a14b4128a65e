import type { EvaluationResult } from '@vexil/evaluation';

/**
 * FeatureSignals' reason vocabulary (routes.md §1.6) for an OpenFeature-style result: its SDKs show
 * these strings, and `NOT_FOUND` is how they learn a flag does not exist.
 */
export function featureSignalsReason(result: EvaluationResult): string {
  switch (result.reason) {
    case 'TARGETING_MATCH':
      return 'TARGETED';
    case 'SPLIT':
      return 'ROLLOUT';
    case 'DEFAULT':
      return 'FALLTHROUGH';
    case 'ERROR':
      return result.errorCode === 'FLAG_NOT_FOUND' ? 'NOT_FOUND' : 'ERROR';
    default:
      return result.reason;
  }
}

/** One flag's answer as FeatureSignals' `POST /v1/evaluate` renders it (`variant_key` only when set). */
export function featureSignalsEvaluation(result: EvaluationResult) {
  return {
    flag_key: result.flagKey,
    value: result.value ?? null,
    reason: featureSignalsReason(result),
    ...(result.variation ? { variant_key: result.variation } : {}),
  };
}
