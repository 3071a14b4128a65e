import { Type } from '@sinclair/typebox';
import type { EvaluationContext } from '@vexil/evaluation';
import { DomainError } from '@vexil/platform';
import type { EdgeAnswer, EdgeQuestion } from '../../edge/evaluate-at-edge.js';
import { resource, type EvaluationRoute, type StreamRoute } from '../rest-route.js';
import { flagifyEvaluation, flagifyFlaggy } from './flaggy-renderer.js';

/** Every flag for no one in particular: what `/eval/flags` and the stream's `initial_sync` resolve. */
export const ANONYMOUS_QUESTION: EdgeQuestion = { flagKeys: null, context: { key: 'anonymous' } };

/** Every flag of the answer as Flagify's SDKs sync them. */
export function flagifyFlaggies({ environment, results }: EdgeAnswer) {
  return results.map((result) => flagifyFlaggy(environment, result));
}

/** The one result of a single-flag question; an unknown key is Flagify's 404. */
function found({ results }: EdgeAnswer) {
  const result = results[0]!;
  if (result.errorCode === 'FLAG_NOT_FOUND') throw new DomainError('FLAG_NOT_FOUND');
  return result;
}

/** Flagify's user (routes.md §4.1): the id in `userId` or in the attributes, which hold the whole user. */
const User = Type.Object({
  userId: Type.Optional(Type.String({ minLength: 1 })),
  attributes: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), {
      description: 'the whole user: id, email, role, group, geolocation, custom',
    }),
  ),
});

const userExample = { userId: 'u_42', attributes: { email: 'ada@example.com', role: 'admin' } };

const Evaluation = Type.Object({
  key: Type.String(),
  value: Type.Unknown(),
  reason: Type.String({ description: 'targeting_rule, rollout, default, disabled or error' }),
});

const Variant = Type.Object({ key: Type.String(), value: Type.Unknown(), weight: Type.Number() });

/** `FlagifyFlaggy` (routes.md §4.1), what the SDKs sync. */
const Flaggy = Type.Object({
  key: Type.String(),
  name: Type.String(),
  type: Type.String({ description: 'boolean, string, number or json' }),
  value: Type.Unknown(),
  defaultValue: Type.Unknown(),
  offValue: Type.Unknown(),
  enabled: Type.Boolean(),
  rolloutPercentage: Type.Optional(Type.Number()),
  targetingRules: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  variants: Type.Array(Variant),
  description: Type.Optional(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

/** Flagify's user as an evaluation context. */
function contextOf(body: Record<string, unknown>): EvaluationContext {
  const attributes = (body.attributes ?? {}) as Record<string, unknown>;
  const key = body.userId ?? attributes.id;
  if (typeof key !== 'string' || key === '') {
    throw DomainError.validation({ userId: ['is required: the id of the user to evaluate for'] });
  }
  return { ...attributes, key };
}

/** Flagify SDK routes (routes.md §4.1), answered from the gateway's in-memory rulesets. */
export const flagifyEvaluationRoutes = resource<EvaluationRoute>('Evaluation', [
  {
    method: 'GET',
    path: '/v1/eval/flags',
    auth: 'apiKey',
    summary: 'Every flag of the environment, with its rules (initial sync)',
    etag: true,
    sync: true,
    question: () => ANONYMOUS_QUESTION,
    answer: flagifyFlaggies,
    response: Type.Array(Flaggy),
  },
  {
    method: 'GET',
    path: '/v1/eval/flags/:key',
    auth: 'apiKey',
    summary: 'One flag, with its rules',
    errors: ['FLAG_NOT_FOUND'],
    etag: true,
    sync: true,
    question: ({ params }) => ({ ...ANONYMOUS_QUESTION, flagKeys: [params.key!] }),
    answer: (answer) => flagifyFlaggy(answer.environment, found(answer)),
    response: Flaggy,
  },
  {
    method: 'POST',
    path: '/v1/eval/flags/evaluate',
    auth: 'apiKey',
    summary: 'Evaluate every flag for a user',
    request: { body: User },
    example: userExample,
    question: ({ body }) => ({ flagKeys: null, context: contextOf(body) }),
    answer: ({ results }) => results.map(flagifyEvaluation),
    response: Type.Array(Evaluation),
  },
  {
    method: 'POST',
    path: '/v1/eval/flags/:key/evaluate',
    auth: 'apiKey',
    summary: 'Evaluate one flag for a user',
    request: { body: User },
    example: userExample,
    errors: ['FLAG_NOT_FOUND'],
    question: ({ params, body }) => ({ flagKeys: [params.key!], context: contextOf(body) }),
    answer: (answer) => flagifyEvaluation(found(answer)),
    response: Evaluation,
  },
]);

const stream: Omit<StreamRoute, 'tag' | 'path'> = {
  method: 'GET',
  auth: 'apiKey',
  summary: 'Server-sent events: `connected`, `initial_sync` with every flag, then `flag_change` per change',
  events: ['connected', 'initial_sync', 'flag_change'],
  stream: 'flagify',
};

/** Flagify's change stream, at the path its SDK uses and the one its docs name (routes.md §4.1). */
export const flagifyStreams = resource<StreamRoute>('Streams', [
  { ...stream, path: '/v1/eval/flags/stream' },
  { ...stream, path: '/v1/eval/stream' },
]);
