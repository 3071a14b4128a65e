import { Type } from '@sinclair/typebox';
import { resource, type RestRequest, type RestRoute } from '../rest-route.js';
import { toApiKey, toKeyPair } from './key.mapping.js';
import { ApiKey, KeyPair } from './schemas.js';

type Data = Record<string, any>;

/** Where an environment's keys live: by id, or by project and slug (what the CLI uses). */
const ENVIRONMENTS = ['/v1/environments/:envID', '/v1/projects/:projectID/environments/:envKey'];

/** The environment a key path names. */
const environmentOf = ({ params }: RestRequest) =>
  params.envID
    ? { environmentId: params.envID }
    : { projectId: params.projectID, environmentKey: params.envKey };

/** The key routes of one environment path, under `/keys` (the CLI's) or `/api-keys` (the docs'). */
const keyRows = (environment: string, keys: string): Omit<RestRoute, 'tag'>[] => [
  {
    method: 'POST',
    path: `${environment}/${keys}`,
    auth: 'user',
    summary: 'Generate a key pair: a publishable (pk_) and a secret (sk_) key, shown this once',
    operation: 'FlagifyCreateApiKeyPair',
    errors: ['ENVIRONMENT_NOT_FOUND'],
    variables: environmentOf,
    result: ({ createApiKeyPair }) => toKeyPair(createApiKeyPair),
    response: KeyPair,
    status: 201,
  },
  {
    method: 'GET',
    path: `${environment}/${keys}`,
    auth: 'user',
    summary: "An environment's keys, newest first (never the keys themselves)",
    operation: 'FlagifyApiKeys',
    list: true,
    errors: ['ENVIRONMENT_NOT_FOUND'],
    variables: (request) => ({ ...environmentOf(request), ...request.page }),
    result: ({ apiKeys }: Data) => ({
      nodes: (apiKeys.nodes as Data[]).map(toApiKey),
      totalCount: apiKeys.totalCount,
    }),
    response: ApiKey,
  },
  {
    method: 'POST',
    path: `${environment}/${keys}/rotate`,
    auth: 'user',
    summary:
      'A new key pair; the keys the environment had keep working for the grace period (24 h), then stop',
    operation: 'FlagifyRotateApiKeyPair',
    request: {
      body: Type.Object({
        graceMinutes: Type.Optional(Type.Integer({ minimum: 0, description: 'default 1440, at most 43200' })),
      }),
    },
    example: { graceMinutes: 60 },
    errors: ['ENVIRONMENT_NOT_FOUND'],
    variables: (request) => ({ ...environmentOf(request), graceMinutes: request.body.graceMinutes }),
    result: ({ rotateApiKeyPair }) => toKeyPair(rotateApiKeyPair),
    response: KeyPair,
    status: 201,
  },
  {
    method: 'POST',
    path: `${environment}/${keys}/revoke`,
    auth: 'user',
    summary: 'Revoke every live key of the environment at once',
    operation: 'FlagifyRevokeApiKeys',
    errors: ['ENVIRONMENT_NOT_FOUND'],
    variables: environmentOf,
  },
  {
    method: 'POST',
    path: `${environment}/${keys}/:keyID/revoke`,
    auth: 'user',
    summary: 'Revoke one key of the environment at once',
    operation: 'FlagifyRevokeApiKey',
    errors: ['ENVIRONMENT_NOT_FOUND'],
    variables: (request) => ({ id: request.params.keyID, ...environmentOf(request) }),
  },
];

/**
 * Flagify's API keys (routes.md §4.2, §4.5): a pair per generation, by environment id and by slug, at
 * `/keys` (its CLI) and `/api-keys` (its docs). Keys are Vexil's `pk_`/`sk_` keys, working everywhere.
 */
export const flagifyKeyRoutes = resource<RestRoute>(
  'API keys',
  ENVIRONMENTS.flatMap((environment) => ['keys', 'api-keys'].flatMap((keys) => keyRows(environment, keys))),
);
