import { Type } from '@sinclair/typebox';
import { Timestamp } from '../schema-types.js';
import { Uuid } from '../request-schema.js';
import { resource, type RestRoute } from '../rest-route.js';

type Data = Record<string, any>;

const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

/** A key as PhaseFlag lists it: its environment under PhaseFlag's name. */
const toApiKey = ({ env_id, ...key }: Data) => ({ ...key, environment_id: env_id });

const ApiKey = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  key_prefix: Type.String({ description: 'the first 12 characters, to recognise the key' }),
  type: Type.String({ description: '`server`' }),
  scopes: Type.Array(Type.String()),
  environment_id: Type.String({ format: 'uuid' }),
  created_at: Timestamp,
  expires_at: NullableTimestamp,
});

const ListedApiKey = Type.Object({
  ...ApiKey.properties,
  last_used_at: NullableTimestamp,
  revoked_at: NullableTimestamp,
  grace_expires_at: NullableTimestamp,
  rotated_from_id: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
});

const inEnvironment = Type.Object({ environment_id: Uuid({ description: 'the environment of the keys' }) });

/**
 * PhaseFlag's SDK keys (routes.md §3.2: `sdk-{env}-…`, made under "Settings → API Keys"; the routes were
 * not recovered, so these follow the flag routes' conventions). Keys are issued in PhaseFlag's format and
 * work in every dialect, like any key of the environment.
 */
export const phaseFlagApiKeyRoutes = resource<RestRoute>('API keys', [
  {
    method: 'GET',
    path: '/api-keys',
    auth: 'user',
    summary: "An environment's SDK keys (never the keys themselves)",
    operation: 'ApiKeys',
    list: true,
    request: { query: inEnvironment },
    errors: ['ENVIRONMENT_NOT_FOUND'],
    variables: ({ query, page }) => ({ environmentId: query.get('environment_id'), ...page }),
    result: ({ apiKeys }) => ({ nodes: apiKeys.nodes.map(toApiKey), totalCount: apiKeys.totalCount }),
    response: ListedApiKey,
  },
  {
    method: 'POST',
    path: '/api-keys',
    auth: 'user',
    summary: 'Create an SDK key (`sdk-<env>-…`) for an environment; the key is shown only in this answer',
    operation: 'CreateApiKey',
    request: {
      query: inEnvironment,
      body: Type.Object({
        name: Type.String({ minLength: 1, maxLength: 100 }),
        expires_in_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
      }),
    },
    example: { name: 'checkout service' },
    errors: ['ENVIRONMENT_NOT_FOUND'],
    variables: ({ query, body }) => ({
      input: {
        environmentId: query.get('environment_id'),
        name: body.name,
        expiresInDays: body.expires_in_days,
        format: 'phaseflag',
      },
    }),
    result: ({ createApiKey: created }) => ({ ...toApiKey(created.apiKey), key: created.key }),
    response: Type.Object({ ...ApiKey.properties, key: Type.String({ description: 'shown once' }) }),
    status: 201,
  },
  {
    method: 'DELETE',
    path: '/api-keys/:keyID',
    auth: 'user',
    summary: 'Revoke an SDK key at once',
    operation: 'RevokeApiKey',
    variables: ({ params }) => ({ id: params.keyID }),
  },
]);
