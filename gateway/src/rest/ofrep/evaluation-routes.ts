import { Type } from '@sinclair/typebox';
import type { EvaluationContext } from '@vexil/evaluation';
import type { EdgeAnswer } from '../../edge/evaluate-at-edge.js';
import { resource, type EvaluationRoute } from '../rest-route.js';
import { OfrepFailure, OfrepSuccess, ofrepEvaluation, ofrepStatus } from './ofrep-evaluation.js';

/** OFREP's evaluation request: an OpenFeature context, whose `targetingKey` the spec requires. */
const EvaluationRequest = Type.Object({
  context: Type.Object(
    {
      targetingKey: Type.String({
        minLength: 1,
        description: 'who is evaluated: the key individual targets name and rollouts bucket on',
      }),
    },
    {
      additionalProperties: true,
      description: 'the OpenFeature evaluation context: the attributes rules match on',
    },
  ),
});

const example = { context: { targetingKey: 'user-123', country: 'US', plan: 'pro' } };

/**
 * OpenFeature's context as Vexil's: `targetingKey` is the context key (a `key` attribute of the
 * context gives way to it), everything else is an attribute.
 */
function contextOf(body: Record<string, unknown>): EvaluationContext {
  const { targetingKey, ...attributes } = body.context as { targetingKey: string };
  return { ...attributes, key: targetingKey };
}

/** The single flag asked for, rendered. */
const single = ({ environment, results }: EdgeAnswer) =>
  ofrepEvaluation(results[0]!, environment.ruleset.flags[results[0]!.flagKey]);

/**
 * OFREP's core routes (open-feature/protocol, service/openapi.yaml), answered from the gateway's
 * in-memory rulesets. Server providers ask flag by flag; web providers evaluate every flag once per
 * context and poll with `If-None-Match`, which costs a 304 until a value, a reason or a flag's
 * configuration version changes.
 */
export const ofrepEvaluationRoutes = resource<EvaluationRoute>('Evaluation', [
  {
    method: 'POST',
    path: '/evaluate/flags/:key',
    auth: 'apiKey',
    summary: 'Evaluate one flag for a context',
    request: { body: EvaluationRequest },
    example,
    errors: ['FLAG_NOT_FOUND'],
    question: ({ params, body }) => ({ flagKeys: [params.key!], context: contextOf(body) }),
    answer: single,
    status: (answer) => ofrepStatus(single(answer)),
    response: OfrepSuccess,
  },
  {
    method: 'POST',
    path: '/evaluate/flags',
    auth: 'apiKey',
    summary: 'Evaluate every flag for a context (poll with If-None-Match)',
    request: { body: EvaluationRequest },
    example,
    etag: true,
    question: ({ body }) => ({ flagKeys: null, context: contextOf(body) }),
    answer: ({ environment, results }) => ({
      flags: results.map((result) => ofrepEvaluation(result, environment.ruleset.flags[result.flagKey])),
    }),
    response: Type.Object({
      flags: Type.Array(Type.Union([OfrepSuccess, OfrepFailure]), {
        description: "every flag of the key's environment; a flag that could not be evaluated is a failure",
      }),
    }),
  },
]);
