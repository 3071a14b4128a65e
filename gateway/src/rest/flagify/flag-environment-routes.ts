import { DomainError } from '@vexil/platform';
import { resource, type RestRequest, type RestRoute } from '../rest-route.js';
import { toFlagEnvironment, toFlagEnvironmentInput } from './flag.mapping.js';
import { FlagEnvironment, FlagEnvironmentBody } from './schemas.js';

type Data = Record<string, any>;

const BY_KEY = '/v1/projects/:projectID/flags/:flagKey/environments/:envKey';

/** The configuration a path names: by its id, or by project, flag key and environment slug. */
export const configurationOf = ({ params }: RestRequest) =>
  params.flagEnvID
    ? { configurationId: params.flagEnvID }
    : { projectId: params.projectID, flagKey: params.flagKey, environmentKey: params.envKey };

const example = { enabled: true, valueOverride: true, rolloutPercentage: 25 };

/** A PUT of a flag's state in one environment, at the path of the CLI's toggle and the MCP's. */
const put = (path: string): Omit<RestRoute, 'tag'> => ({
  method: 'PUT',
  path,
  auth: 'user',
  summary: 'Turn a flag on or off in one environment, set its value override, rollout percentage or variants',
  operation: 'FlagifyUpdateFlagEnvironment',
  request: { body: FlagEnvironmentBody },
  example,
  errors: ['FLAG_NOT_FOUND', 'ENVIRONMENT_NOT_FOUND', 'RULE_ROLLOUT_EXCEEDS_100', 'CONFLICT'],
  variables: (request) => ({
    input: { ...configurationOf(request), ...toFlagEnvironmentInput(request.body) },
  }),
  result: ({ updateFlagConfiguration }) => toFlagEnvironment(updateFlagConfiguration),
  response: FlagEnvironment,
});

/**
 * Flagify's flag environments (routes.md §4.2): a flag's state in one environment, by its own id
 * (`FlagConfiguration.id`) or by flag key and environment slug.
 */
export const flagifyFlagEnvironmentRoutes = resource<RestRoute>('Flag environments', [
  {
    method: 'GET',
    path: '/v1/flag-environments/:flagEnvID',
    auth: 'user',
    summary: "A flag's state in one environment",
    operation: 'FlagifyFlagEnvironment',
    variables: ({ params }) => ({ id: params.flagEnvID }),
    result: ({ flagConfiguration }) => toFlagEnvironment(flagConfiguration),
    response: FlagEnvironment,
  },
  put('/v1/flag-environments/:flagEnvID'),
  {
    method: 'GET',
    path: BY_KEY,
    auth: 'user',
    summary: "A flag's state in one environment, by flag key and environment slug",
    operation: 'FlagifyFlagEnvironmentByKey',
    errors: ['FLAG_NOT_FOUND', 'ENVIRONMENT_NOT_FOUND'],
    variables: ({ params }) => ({
      projectId: params.projectID,
      flagKey: params.flagKey,
      environmentKey: params.envKey,
    }),
    result: ({ flag }: Data) => {
      if (!flag.configuration) throw new DomainError('ENVIRONMENT_NOT_FOUND');
      return toFlagEnvironment(flag.configuration);
    },
    response: FlagEnvironment,
  },
  put(BY_KEY),
]);
