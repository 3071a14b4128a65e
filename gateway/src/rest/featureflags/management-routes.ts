import { DomainError } from '@vexil/platform';
import { projectRoutes } from '../project-routes.js';
import { resource, type RestRequest, type RestRoute } from '../rest-route.js';
import { packageFields, toConfigurationInput, toFlagEnvironment } from './flag-config.mapping.js';
import { toCreateFlagInput } from './flag.mapping.js';
import {
  Environment,
  EnvironmentBody,
  EnvironmentChanges,
  Flag,
  FlagBody,
  FlagChanges,
  FlagEnvironment,
  FlagEnvironmentBody,
} from './schemas.js';

type Data = Record<string, any>;

/** A Vexil environment or flag as a Laravel resource, which names its project by id. */
const withProjectId = ({ project, ...fields }: Data) => ({ ...fields, project_id: project.id });

/** A connection's page of environments or flags as Laravel resources. */
const pageOf = ({ nodes, totalCount }: Data) => ({ nodes: nodes.map(withProjectId), totalCount });

/** The configuration a flag's query found; null when the environment is not one of its project's. */
const configurationOf = ({ flag }: Data): Data => {
  if (!flag.configuration) throw new DomainError('ENVIRONMENT_NOT_FOUND');
  return flag.configuration;
};

const byId =
  (parameter: string) =>
  ({ params }: RestRequest) => ({ id: params[parameter] });

/**
 * FeatureFlags' management API (routes.md §2.2, seed 002), used by its dashboard with a signed-in user's
 * token: Laravel API resources in `{"data": …}`, ids are Vexil's. An API key, `pk_` or `sk_`, is refused
 * with 403, as Sanctum refuses a token without the ability. `regenerate-key` is in environment-key-routes.ts.
 */
export const featureFlagsManagementRoutes: RestRoute[] = [
  ...resource<RestRoute>('Projects', projectRoutes('PATCH')),
  ...resource<RestRoute>('Environments', [
    {
      method: 'GET',
      path: '/projects/:projectID/environments',
      auth: 'user',
      summary: "A project's environments",
      operation: 'FeatureFlagsEnvironments',
      list: true,
      variables: ({ params, page }) => ({ projectId: params.projectID, ...page }),
      result: ({ project }) => pageOf(project.environments),
      response: Environment,
    },
    {
      method: 'POST',
      path: '/projects/:projectID/environments',
      auth: 'user',
      summary: 'Create an environment',
      operation: 'FeatureFlagsCreateEnvironment',
      request: { body: EnvironmentBody },
      example: { name: 'QA', slug: 'qa', color: '#22C55E' },
      errors: ['CONFLICT'],
      variables: ({ params, body }) => ({
        projectId: params.projectID,
        input: { name: body.name, key: body.slug, color: body.color },
      }),
      result: ({ createEnvironment }) => withProjectId(createEnvironment),
      response: Environment,
      status: 201,
    },
    {
      method: 'PATCH',
      path: '/environments/:envID',
      auth: 'user',
      summary: 'Rename or recolor an environment',
      operation: 'FeatureFlagsUpdateEnvironment',
      request: { body: EnvironmentChanges },
      example: { name: 'Production (EU)' },
      variables: ({ params, body }) => ({
        id: params.envID,
        input: { name: body.name, color: body.color },
      }),
      result: ({ updateEnvironment }) => withProjectId(updateEnvironment),
      response: Environment,
    },
    {
      method: 'DELETE',
      path: '/environments/:envID',
      auth: 'user',
      summary: 'Delete an environment with its flag configurations and keys',
      operation: 'FeatureFlagsDeleteEnvironment',
      variables: byId('envID'),
    },
  ]),
  ...resource<RestRoute>('Flags', [
    {
      method: 'GET',
      path: '/projects/:projectID/flags',
      auth: 'user',
      summary: "A project's flags",
      operation: 'FeatureFlagsFlags',
      list: true,
      variables: ({ params, page }) => ({ projectId: params.projectID, ...page }),
      result: ({ project }) => pageOf(project.flags),
      response: Flag,
    },
    {
      method: 'POST',
      path: '/projects/:projectID/flags',
      auth: 'user',
      summary: 'Create a flag, off in every environment and bucketed as the package buckets',
      operation: 'FeatureFlagsCreateFlag',
      request: { body: FlagBody },
      example: { key: 'new-checkout', name: 'New Checkout Flow', type: 'boolean' },
      errors: ['FLAG_KEY_CONFLICT', 'VARIATION_COUNT_INVALID', 'PLAN_LIMIT_EXCEEDED'],
      variables: ({ params, body }) => ({ projectId: params.projectID, input: toCreateFlagInput(body) }),
      result: ({ createFlag }) => withProjectId(createFlag),
      response: Flag,
      status: 201,
    },
    {
      method: 'GET',
      path: '/flags/:flagID',
      auth: 'user',
      summary: 'A flag',
      operation: 'FeatureFlagsFlag',
      variables: byId('flagID'),
      result: ({ flag }) => withProjectId(flag),
      response: Flag,
    },
    {
      method: 'PATCH',
      path: '/flags/:flagID',
      auth: 'user',
      summary: "Change a flag's name or description",
      operation: 'FeatureFlagsUpdateFlag',
      request: { body: FlagChanges },
      example: { name: 'One-page checkout', description: 'For everyone' },
      variables: ({ params, body }) => ({
        id: params.flagID,
        input: { name: body.name, description: body.description },
      }),
      result: ({ updateFlag }) => withProjectId(updateFlag),
      response: Flag,
    },
    {
      method: 'DELETE',
      path: '/flags/:flagID',
      auth: 'user',
      summary: 'Delete a flag with its configuration in every environment',
      operation: 'FeatureFlagsDeleteFlag',
      variables: byId('flagID'),
    },
  ]),
  ...resource<RestRoute>('Flag environments', [
    {
      method: 'GET',
      path: '/flags/:flagID/environments/:envID',
      auth: 'user',
      summary: "A flag's configuration in one environment, as the package evaluates it",
      operation: 'FeatureFlagsFlagConfiguration',
      variables: ({ params }) => ({ id: params.flagID, environmentId: params.envID }),
      result: (data) => toFlagEnvironment(configurationOf(data)),
      response: FlagEnvironment,
    },
    {
      method: 'PATCH',
      path: '/flags/:flagID/environments/:envID',
      auth: 'user',
      summary: "Change a flag's configuration in one environment; fields left out stay",
      operation: 'FeatureFlagsUpdateFlagConfiguration',
      request: { body: FlagEnvironmentBody },
      example: {
        enabled: true,
        default_value: true,
        rollout_percentage: 50,
        rules: [
          { priority: 1, conditions: [{ trait: 'plan', operator: 'equals', value: 'pro' }], value: true },
        ],
      },
      errors: ['CONFLICT', 'VARIATION_COUNT_INVALID'],
      variables: ({ params, body }) => ({
        input: { flagId: params.flagID, environmentId: params.envID, ...toConfigurationInput(body) },
      }),
      failureFields: (fields, { body }) => packageFields(fields, body),
      result: ({ updateFlagConfiguration }) => toFlagEnvironment(updateFlagConfiguration),
      response: FlagEnvironment,
    },
  ]),
];
