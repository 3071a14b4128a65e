import { Type } from '@sinclair/typebox';
import type { EvaluationContext, EvaluationResult } from '@vexil/evaluation';
import { resource, type EvaluationRoute } from '../rest-route.js';

/** PhaseFlag's reasons (routes.md §3.2). */
function phaseFlagReason(result: EvaluationResult): string {
  switch (result.reason) {
    case 'TARGETING_MATCH':
      return 'TARGETING_RULE';
    case 'SPLIT':
      return 'PERCENTAGE_ROLLOUT';
    case 'PREREQUISITE_FAILED':
      return 'PREREQUISITE';
    case 'ERROR':
      return result.errorCode === 'FLAG_NOT_FOUND' ? 'FLAG_NOT_FOUND' : 'ERROR';
    default:
      return result.reason;
  }
}

const evaluation = (result: EvaluationResult) => ({
  value: result.value ?? null,
  reason: phaseFlagReason(result),
  rule_id: result.ruleId ?? null,
  variation_key: result.variation,
});

const Evaluation = Type.Object({
  value: Type.Unknown({ description: 'the value served; null for a flag that does not exist' }),
  reason: Type.String({
    description: 'TARGETING_RULE, PERCENTAGE_ROLLOUT, DEFAULT, DISABLED, PREREQUISITE or FLAG_NOT_FOUND',
  }),
  rule_id: Type.Union([Type.String(), Type.Null()]),
  variation_key: Type.Union([Type.String(), Type.Null()]),
});

/** PhaseFlag's context: `user_key` is who is evaluated (and bucketed), `attributes` what rules match. */
const Context = Type.Object({
  user_key: Type.String({ minLength: 1 }),
  attributes: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

const contextOf = (raw: unknown): EvaluationContext => {
  const { user_key, attributes } = raw as { user_key: string; attributes?: Record<string, unknown> };
  return { ...attributes, key: user_key };
};

const context = { user_key: 'user-123', attributes: { plan: 'pro', app_version: '2.4.0' } };

/** PhaseFlag SDK routes (routes.md §3.1), answered from the gateway's in-memory rulesets. */
export const phaseFlagEvaluationRoutes = resource<EvaluationRoute>('Evaluation', [
  {
    method: 'POST',
    path: '/evaluate',
    auth: 'apiKey',
    summary: 'Evaluate flags for a context (`["*"]` for every flag)',
    request: {
      body: Type.Object({ flags: Type.Array(Type.String(), { minItems: 1 }), context: Context }),
    },
    example: { flags: ['new-checkout', 'dark-mode'], context },
    question: ({ body }) => {
      const flags = body.flags as string[];
      return { flagKeys: flags.includes('*') ? null : flags, context: contextOf(body.context) };
    },
    answer: ({ results }) => ({
      evaluations: Object.fromEntries(results.map((result) => [result.flagKey, evaluation(result)])),
      evaluated_at: new Date().toISOString(),
    }),
    response: Type.Object({
      evaluations: Type.Record(Type.String(), Evaluation),
      evaluated_at: Type.String({ format: 'date-time' }),
    }),
  },
  {
    // The docs name this route without its path (routes.md §3.1); this one fits the batch route.
    method: 'POST',
    path: '/evaluate/:flagKey',
    auth: 'apiKey',
    summary: 'Evaluate one flag for a context',
    request: { body: Type.Object({ context: Context }) },
    example: { context },
    question: ({ params, body }) => ({ flagKeys: [params.flagKey!], context: contextOf(body.context) }),
    answer: ({ results }) => ({ flag_key: results[0]!.flagKey, ...evaluation(results[0]!) }),
    response: Type.Object({ flag_key: Type.String(), ...Evaluation.properties }),
  },
  {
    method: 'GET',
    path: '/sdk/ruleset',
    auth: 'apiKey',
    summary: "The environment's whole ruleset, for SDKs that evaluate locally (poll it with If-None-Match)",
    etag: true,
    rateLimit: 'ruleset',
    sync: true,
    question: () => ({ flagKeys: [], context: { key: 'ruleset' } }),
    answer: ({ environment }) => ({
      environment_key: environment.environmentKey,
      flags: Object.values(environment.ruleset.flags),
      segments: Object.values(environment.ruleset.segments),
    }),
    response: Type.Object({
      environment_key: Type.String(),
      flags: Type.Array(Type.Record(Type.String(), Type.Unknown()), {
        description: "Vexil's flag configurations: variations, rules, serves (the engine's input)",
      }),
      segments: Type.Array(Type.Record(Type.String(), Type.Unknown())),
    }),
  },
]);
