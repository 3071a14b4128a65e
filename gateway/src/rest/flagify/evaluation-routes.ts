import type { EvaluationContext } from '@vexil/evaluation';
import { DomainError } from '@vexil/platform';
import type { EdgeAnswer, EdgeQuestion } from '../../edge/evaluate-at-edge.js';
import type { EvaluationRoute } from '../rest-route.js';
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

/** Flagify's user, `{userId, attributes}` (routes.md §4.1), as an evaluation context. */
function contextOf(body: Record<string, unknown>): EvaluationContext {
  const attributes =
    body.attributes !== null && typeof body.attributes === 'object' && !Array.isArray(body.attributes)
      ? (body.attributes as Record<string, unknown>)
      : {};
  const key = body.userId ?? attributes.id;
  if (typeof key !== 'string' || key === '') {
    throw DomainError.validation({ userId: ['is required: the id of the user to evaluate for'] });
  }
  return { ...attributes, key };
}

/** Flagify SDK routes (routes.md §4.1), answered from the gateway's in-memory rulesets. */
export const flagifyEvaluationRoutes: EvaluationRoute[] = [
  {
    method: 'GET',
    path: '/eval/flags',
    auth: 'apiKey',
    question: () => ANONYMOUS_QUESTION,
    answer: flagifyFlaggies,
  },
  {
    method: 'GET',
    path: '/eval/flags/:key',
    auth: 'apiKey',
    question: ({ params }) => ({ ...ANONYMOUS_QUESTION, flagKeys: [params.key!] }),
    answer: (answer) => flagifyFlaggy(answer.environment, found(answer)),
  },
  {
    method: 'POST',
    path: '/eval/flags/evaluate',
    auth: 'apiKey',
    question: ({ body }) => ({ flagKeys: null, context: contextOf(body) }),
    answer: ({ results }) => results.map(flagifyEvaluation),
  },
  {
    method: 'POST',
    path: '/eval/flags/:key/evaluate',
    auth: 'apiKey',
    question: ({ params, body }) => ({ flagKeys: [params.key!], context: contextOf(body) }),
    answer: (answer) => flagifyEvaluation(found(answer)),
  },
];
