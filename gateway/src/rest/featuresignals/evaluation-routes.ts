import { Type } from '@sinclair/typebox';
import type { EvaluationContext } from '@vexil/evaluation';
import { DomainError } from '@vexil/platform';
import { resource, type EvaluationRoute, type StreamRoute } from '../rest-route.js';
import { featureSignalsEvaluation } from './reasons.js';

/** FeatureSignals' evaluation context: `{key, attributes: {...}}` (routes.md §1.1). */
export const Context = Type.Object({
  key: Type.String({ minLength: 1, description: 'who is evaluated: a user id or any stable key' }),
  attributes: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), { description: 'what rules match on (`country`, `plan`)' }),
  ),
});

export const contextOf = (raw: unknown): EvaluationContext => {
  const { key, attributes } = raw as { key: string; attributes?: Record<string, unknown> };
  return { ...attributes, key };
};

export const Evaluation = Type.Object({
  flag_key: Type.String(),
  value: Type.Unknown({ description: 'the value served; null for a flag that does not exist' }),
  reason: Type.String({ description: 'TARGETED, ROLLOUT, FALLTHROUGH, DISABLED, NOT_FOUND, ERROR' }),
  variant_key: Type.Optional(Type.String()),
});

const example = { flag_key: 'new-checkout', context: { key: 'user-123', attributes: { country: 'US' } } };

/** FeatureSignals SDK routes (routes.md §1.1), answered from the gateway's in-memory rulesets. */
export const featureSignalsEvaluationRoutes = resource<EvaluationRoute>('Evaluation', [
  {
    method: 'POST',
    path: '/evaluate',
    auth: 'apiKey',
    summary: 'Evaluate one flag for a context',
    request: {
      body: Type.Object({ flag_key: Type.String({ minLength: 1 }), context: Context }),
      message: 'flag_key and context.key are required',
    },
    example,
    question: ({ body }) => ({ flagKeys: [body.flag_key as string], context: contextOf(body.context) }),
    answer: ({ environment, results }) =>
      featureSignalsEvaluation(results[0]!, environment.ruleset.flags[results[0]!.flagKey]),
    response: Evaluation,
  },
  {
    method: 'POST',
    path: '/evaluate/bulk',
    auth: 'apiKey',
    summary: 'Evaluate many flags for a context',
    request: {
      body: Type.Object({
        flag_keys: Type.Array(Type.String(), { maxItems: 100 }),
        context: Context,
      }),
      message: 'flag_keys must be a list of at most 100 flag keys, and context.key is required',
    },
    example: { flag_keys: ['new-checkout', 'dark-mode'], context: example.context },
    question: ({ body }) => ({ flagKeys: body.flag_keys as string[], context: contextOf(body.context) }),
    answer: ({ environment, results }) =>
      Object.fromEntries(
        results.map((result) => [
          result.flagKey,
          featureSignalsEvaluation(result, environment.ruleset.flags[result.flagKey]),
        ]),
      ),
    response: Type.Record(Type.String(), Evaluation, { description: 'evaluations by flag key' }),
  },
  {
    method: 'GET',
    path: '/client/:envKey/flags',
    auth: 'apiKey',
    summary: "Every flag's value for a user (the SDKs' polling route)",
    request: {
      query: Type.Object({
        key: Type.Optional(Type.String({ description: 'the user key; default `anonymous`' })),
      }),
    },
    errors: ['INSUFFICIENT_PERMISSIONS'],
    etag: true,
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
    response: Type.Record(Type.String(), Type.Unknown(), { description: 'values by flag key' }),
  },
]);

/** FeatureSignals' change stream (routes.md §1.9): the key in `X-API-Key` or `?api_key=`. */
export const featureSignalsStreams = resource<StreamRoute>('Streams', [
  {
    method: 'GET',
    path: '/stream/:envKey',
    auth: 'apiKey',
    summary: 'Server-sent events: `connected`, then `flag-update` on each change of the environment',
    events: ['connected', 'flag-update'],
    request: { query: Type.Object({ api_key: Type.Optional(Type.String()) }) },
    errors: ['INSUFFICIENT_PERMISSIONS'],
    stream: 'featuresignals',
  },
]);
