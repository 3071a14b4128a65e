import type { EvaluationContext } from '@vexil/evaluation';
import { DomainError } from '@vexil/platform';
import type { EvaluationRoute } from '../rest-route.js';
import { featureSignalsEvaluation } from './reasons.js';

/** FeatureSignals' evaluation context: `{key, attributes: {...}}` (routes.md §1.1). */
function contextOf(raw: unknown): EvaluationContext | null {
  if (raw === null || typeof raw !== 'object') return null;
  const { key, attributes } = raw as { key?: unknown; attributes?: unknown };
  if (typeof key !== 'string' || key === '') return null;
  const extra =
    attributes !== null && typeof attributes === 'object' && !Array.isArray(attributes) ? attributes : {};
  return { ...extra, key };
}

/** FeatureSignals SDK routes (routes.md §1.1), answered from the gateway's in-memory rulesets. */
export const featureSignalsEvaluationRoutes: EvaluationRoute[] = [
  {
    method: 'POST',
    path: '/evaluate',
    auth: 'apiKey',
    question: ({ body }) => {
      const context = contextOf(body.context);
      if (typeof body.flag_key !== 'string' || body.flag_key === '' || !context) {
        throw new DomainError('VALIDATION_FAILED', 'flag_key and context.key are required');
      }
      return { flagKeys: [body.flag_key], context };
    },
    answer: ({ environment, results }) =>
      featureSignalsEvaluation(results[0]!, environment.ruleset.flags[results[0]!.flagKey]),
  },
  {
    method: 'POST',
    path: '/evaluate/bulk',
    auth: 'apiKey',
    question: ({ body }) => {
      const keys = body.flag_keys;
      if (!Array.isArray(keys) || keys.length > 100 || keys.some((key) => typeof key !== 'string')) {
        throw new DomainError('VALIDATION_FAILED', 'flag_keys must be a list of at most 100 flag keys');
      }
      const context = contextOf(body.context);
      if (!context) throw new DomainError('VALIDATION_FAILED', 'context.key is required');
      return { flagKeys: keys as string[], context };
    },
    answer: ({ environment, results }) =>
      Object.fromEntries(
        results.map((result) => [
          result.flagKey,
          featureSignalsEvaluation(result, environment.ruleset.flags[result.flagKey]),
        ]),
      ),
  },
  {
    method: 'GET',
    path: '/client/:envKey/flags',
    auth: 'apiKey',
    question: ({ query }) => ({ flagKeys: null, context: { key: query.get('key') || 'anonymous' } }),
    answer: ({ environment, results }, { params }) => {
      if (params.envKey !== environment.environmentKey) {
        throw new DomainError(
          'INSUFFICIENT_PERMISSIONS',
          `API key does not belong to environment ${params.envKey}`,
        );
      }
      return Object.fromEntries(results.map((result) => [result.flagKey, result.value ?? null]));
    },
  },
];
