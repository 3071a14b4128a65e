import { Type } from '@sinclair/typebox';
import { Uuid } from '../request-schema.js';
import { resource, type RestRequest, type RestRoute } from '../rest-route.js';
import {
  flagRef,
  projectOf,
  toCreateFlagInput,
  toFlag,
  toFlagEnvironment,
  toUpdateFlagInput,
} from './flag.mapping.js';
import { CreateFlagBody, Flag, FlagEnvironment, HealthIssue, UpdateFlagBody } from './schemas.js';

type Data = Record<string, any>;

const flags = ({ project }: Data) => ({
  nodes: (project.flags.nodes as Data[]).map(toFlag),
  totalCount: project.flags.totalCount,
});

const createExample = {
  key: 'new-checkout',
  name: 'New checkout',
  type: 'boolean',
  description: 'The new checkout flow',
  defaultValue: true,
  offValue: false,
};

/** A row that answers with the flag a `/v1/flags/{flag}` path names, by id or (key-scoped) by key. */
const byFlag = (
  method: RestRoute['method'],
  summary: string,
  fields: Pick<RestRoute, 'operation' | 'request' | 'example' | 'variables' | 'result'>,
): Omit<RestRoute, 'tag'> => ({
  method,
  path: '/v1/flags/:flag',
  auth: 'user',
  summary,
  errors: ['FLAG_NOT_FOUND'],
  ...(fields.result ? { response: Flag } : {}),
  ...fields,
});

/**
 * Flagify's flags (routes.md §4.2): by project (what the CLI and MCP use), by id, and key-scoped under
 * `/v1/flags` (what its docs show, in the project of the API key). Archiving is the only delete.
 */
export const flagifyFlagRoutes = resource<RestRoute>('Flags', [
  {
    method: 'GET',
    path: '/v1/projects/:projectID/flags',
    auth: 'user',
    summary: "A project's live flags, each with its state in every environment",
    operation: 'FlagifyFlags',
    list: true,
    variables: ({ params, page }) => ({ projectId: params.projectID, ...page }),
    result: flags,
    response: Flag,
  },
  {
    method: 'POST',
    path: '/v1/projects/:projectID/flags',
    auth: 'user',
    summary: 'Create a flag, off in every environment, bucketed as Flagify buckets',
    operation: 'FlagifyCreateFlag',
    request: { body: CreateFlagBody },
    example: createExample,
    errors: ['FLAG_KEY_CONFLICT', 'VARIATION_COUNT_INVALID', 'PLAN_LIMIT_EXCEEDED'],
    variables: ({ params, body }) => ({ projectId: params.projectID, input: toCreateFlagInput(body) }),
    result: ({ createFlag }) => toFlag(createFlag),
    response: Flag,
    status: 201,
  },
  {
    method: 'GET',
    path: '/v1/flags',
    auth: 'user',
    summary: "The live flags of the API key's project (or of `?projectId=` with a user token)",
    operation: 'FlagifyFlags',
    list: true,
    request: { query: Type.Object({ projectId: Type.Optional(Uuid()) }) },
    variables: (request: RestRequest) => ({ projectId: projectOf(request), ...request.page }),
    result: flags,
    response: Flag,
  },
  {
    method: 'POST',
    path: '/v1/flags',
    auth: 'user',
    summary: "Create a flag in the API key's project (or in `?projectId=` with a user token)",
    operation: 'FlagifyCreateFlag',
    request: { query: Type.Object({ projectId: Type.Optional(Uuid()) }), body: CreateFlagBody },
    example: createExample,
    errors: ['FLAG_KEY_CONFLICT', 'VARIATION_COUNT_INVALID', 'PLAN_LIMIT_EXCEEDED'],
    variables: (request: RestRequest) => ({
      projectId: projectOf(request),
      input: toCreateFlagInput(request.body),
    }),
    result: ({ createFlag }) => toFlag(createFlag),
    response: Flag,
    status: 201,
  },
  byFlag('GET', 'A flag, by id (or by key in the API key’s project)', {
    operation: 'FlagifyFlag',
    variables: flagRef,
    result: ({ flag }) => toFlag(flag),
  }),
  byFlag('PATCH', 'Change a flag’s name, description, default or off value', {
    operation: 'FlagifyUpdateFlag',
    request: { body: UpdateFlagBody },
    example: { name: 'New checkout flow', defaultValue: true },
    variables: (request) => ({ ...flagRef(request), input: toUpdateFlagInput(request.body) }),
    result: ({ updateFlag }) => toFlag(updateFlag),
  }),
  byFlag('DELETE', 'Archive a flag (Flagify deletes nothing else)', {
    operation: 'FlagifyArchiveFlag',
    variables: flagRef,
  }),
  {
    method: 'POST',
    path: '/v1/flags/:flagID/archive',
    auth: 'user',
    summary: 'Archive a flag: it stops evaluating everywhere and is kept for the audit log',
    operation: 'FlagifyArchiveFlag',
    errors: ['CONFLICT'],
    variables: ({ params }) => ({ id: params.flagID }),
    result: ({ archiveFlag }) => toFlag(archiveFlag),
    response: Flag,
  },
  {
    method: 'POST',
    path: '/v1/flags/:flagID/clone',
    auth: 'user',
    summary: 'Copy a flag under a new key, configured as the original in every environment',
    operation: 'FlagifyCloneFlag',
    request: {
      body: Type.Object({
        key: Type.String({ minLength: 1 }),
        name: Type.Optional(Type.String({ minLength: 1 })),
        description: Type.Optional(Type.String()),
      }),
    },
    example: { key: 'new-checkout-v2', name: 'New checkout, take 2' },
    errors: ['FLAG_KEY_CONFLICT'],
    variables: ({ params, body }) => ({
      id: params.flagID,
      input: { key: body.key, name: body.name, description: body.description },
    }),
    result: ({ cloneFlag }) => toFlag(cloneFlag),
    response: Flag,
    status: 201,
  },
  {
    method: 'POST',
    path: '/v1/flags/:flagID/promote',
    auth: 'user',
    summary: "Copy a flag's state in one environment to another of its project",
    operation: 'FlagifyPromoteFlag',
    request: { body: Type.Object({ sourceEnvironmentId: Uuid(), targetEnvironmentId: Uuid() }) },
    example: {
      sourceEnvironmentId: '7f1c0e4e-8a7b-4c55-9a77-0f3a2b1c9d10',
      targetEnvironmentId: '2b8e6f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
    },
    errors: ['ENVIRONMENT_NOT_FOUND', 'FLAG_NOT_FOUND', 'CONFLICT'],
    variables: ({ params, body }) => ({
      flagId: params.flagID,
      sourceEnvironmentId: body.sourceEnvironmentId,
      targetEnvironmentId: body.targetEnvironmentId,
    }),
    result: ({ promoteFlagConfiguration }) => toFlagEnvironment(promoteFlagConfiguration),
    response: FlagEnvironment,
  },
  {
    method: 'GET',
    path: '/v1/projects/:projectID/overview/health',
    auth: 'user',
    summary:
      'Flag hygiene: on in an environment but off in the one before it, drift between stages, rules that change nothing',
    operation: 'FlagifyFlagHealth',
    variables: ({ params }) => ({ projectId: params.projectID }),
    // The CLI reads absent optional fields as empty: send them only when there is something to say.
    result: ({ project }) =>
      (project.flagHealth as Data[]).map((issue) =>
        Object.fromEntries(Object.entries(issue).filter(([, value]) => value !== null)),
      ),
    response: Type.Array(HealthIssue),
  },
]);
