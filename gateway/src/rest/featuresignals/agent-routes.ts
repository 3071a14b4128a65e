import { Type } from '@sinclair/typebox';
import type { EvaluationContext } from '@vexil/evaluation';
import { DomainError } from '@vexil/platform';
import { resource, type EvaluationRoute, type RestRequest, type RestRoute } from '../rest-route.js';
import type { EdgeAnswer } from '../../edge/evaluate-at-edge.js';
import { Context, contextOf, Evaluation } from './evaluation-routes.js';
import { toCreateFlagInput, toFlagResponse } from './flag.mapping.js';
import { featureSignalsEvaluation } from './reasons.js';
import { CreateFlagBody, FlagResponse } from './schemas.js';

type Data = Record<string, any>;

/**
 * Who is evaluated: FeatureSignals' agent routes take `key` and `attributes` beside the flag key, its
 * OpenAPI document a `context` like `/v1/evaluate`; either is read, `anonymous` when neither names one.
 */
const Subject = {
  context: Type.Optional(Context),
  key: Type.Optional(Type.String({ minLength: 1, description: 'who is evaluated, when no `context`' })),
  attributes: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  environment: Type.Optional(Type.String({ description: "the API key's environment key, if given" })),
  project_id: Type.Optional(Type.String({ description: "the API key's project, if given" })),
};

const subjectOf = ({ body }: RestRequest): EvaluationContext =>
  body.context
    ? contextOf(body.context)
    : { ...(body.attributes as Record<string, unknown>), key: (body.key as string) ?? 'anonymous' };

/** The answers, once the environment a request names (if any) is the key's own. */
const checked = ({ environment }: EdgeAnswer, { body }: RestRequest) => {
  if (body.environment !== undefined && body.environment !== environment.environmentKey)
    throw new DomainError(
      'INSUFFICIENT_PERMISSIONS',
      `API key does not belong to environment ${String(body.environment)}`,
    );
};

// Answered from the gateway's ruleset in memory, well under a millisecond: the whole milliseconds
// FeatureSignals reports are 0.
const AgentEvaluation = Type.Object({ ...Evaluation.properties, eval_time_ms: Type.Integer() });

/** A flag as the agent routes describe it: FeatureSignals' flag, with its type also as `type`. */
const toAgentFlag = (flag: Data) => ({ ...toFlagResponse(flag), type: flag.type });
const AgentFlag = Type.Object({ ...FlagResponse.properties, type: Type.String() });

/** The project an agent route names, or the API key's own. */
const projectOf = ({ body, query, principal }: RestRequest) =>
  (body.project_id as string | undefined) ??
  query.get('project_id') ??
  (principal.kind === 'apiKey' ? principal.projectId : undefined);

/**
 * FeatureSignals' agent routes: evaluation for automation through the same in-memory engine path as
 * `/v1/evaluate` (routes.md §1.1), answered from the API key's environment.
 */
export const featureSignalsAgentEvaluationRoutes = resource<EvaluationRoute>('Agent', [
  {
    method: 'POST',
    path: '/agent/evaluate',
    auth: 'apiKey',
    summary: 'Evaluate one flag for an agent (`key`/`attributes` or `context`)',
    request: {
      body: Type.Object({ flag_key: Type.String({ minLength: 1 }), ...Subject }),
      message: 'flag_key is required',
    },
    example: { flag_key: 'new-checkout', key: 'agent-7', attributes: { plan: 'pro' } },
    errors: ['INSUFFICIENT_PERMISSIONS'],
    question: (request) => ({ flagKeys: [request.body.flag_key as string], context: subjectOf(request) }),
    answer: (answer, request) => {
      checked(answer, request);
      const [result] = answer.results;
      return {
        ...featureSignalsEvaluation(result!, answer.environment.ruleset.flags[result!.flagKey]),
        eval_time_ms: 0,
      };
    },
    response: AgentEvaluation,
  },
  {
    method: 'POST',
    path: '/agent/bulk-eval',
    auth: 'apiKey',
    summary: 'Evaluate up to 50 flags for an agent',
    request: {
      body: Type.Object({ flag_keys: Type.Array(Type.String(), { maxItems: 50 }), ...Subject }),
      message: 'flag_keys must be a list of at most 50 flag keys',
    },
    example: { flag_keys: ['new-checkout', 'dark-mode'], key: 'agent-7' },
    errors: ['INSUFFICIENT_PERMISSIONS'],
    question: (request) => ({ flagKeys: request.body.flag_keys as string[], context: subjectOf(request) }),
    answer: (answer, request) => {
      checked(answer, request);
      return {
        results: answer.results.map((result) => ({
          ...featureSignalsEvaluation(result, answer.environment.ruleset.flags[result.flagKey]),
          eval_time_ms: 0,
        })),
        total_time_ms: 0,
      };
    },
    response: Type.Object({ results: Type.Array(AgentEvaluation), total_time_ms: Type.Integer() }),
  },
]);

/** FeatureSignals' agent routes that read and create flags with a server key (its scopes decide). */
export const featureSignalsAgentRoutes = resource<RestRoute>('Agent', [
  {
    method: 'POST',
    path: '/agent/create-flag',
    auth: 'apiKey',
    summary: "Create a flag with a server key (`flag:write`), in the key's project unless named",
    operation: 'CreateFlag',
    request: {
      body: Type.Object({
        ...CreateFlagBody.properties,
        type: CreateFlagBody.properties.flag_type,
        project_id: Subject.project_id,
      }),
    },
    example: { key: 'agent-made', name: 'Agent made', type: 'boolean', tags: ['agent'] },
    errors: [
      'FLAG_KEY_CONFLICT',
      'VARIATION_COUNT_INVALID',
      'PLAN_LIMIT_EXCEEDED',
      'INSUFFICIENT_PERMISSIONS',
    ],
    variables: (request) => ({
      projectId: projectOf(request),
      input: toCreateFlagInput({
        ...request.body,
        flag_type: request.body.type ?? request.body.flag_type ?? 'boolean',
      }),
    }),
    result: (data) => toAgentFlag(data.createFlag),
    response: AgentFlag,
    status: 201,
  },
  {
    method: 'GET',
    path: '/agent/flag/:key',
    auth: 'apiKey',
    summary: "A flag by key, in the key's project unless `project_id` names another",
    operation: 'Flag',
    request: { query: Type.Object({ project_id: Subject.project_id }) },
    errors: ['FLAG_NOT_FOUND'],
    variables: (request) => ({ projectId: projectOf(request), key: request.params.key }),
    result: ({ project }) => {
      if (!project.flag) throw new DomainError('FLAG_NOT_FOUND');
      return toAgentFlag(project.flag);
    },
    response: AgentFlag,
  },
]);
