import { Type } from '@sinclair/typebox';
import { resource, type RestRoute } from '../rest-route.js';

/**
 * FeatureFlags gives each environment one key (routes.md §2.2): regenerating revokes the environment's
 * `ff_live_` keys at once and issues a new one, which the package is then configured with. Keys of other
 * formats (a Vexil `sk_` key of the same environment) are not touched.
 */
export const featureFlagsEnvironmentKeyRoutes = resource<RestRoute>('Environments', [
  {
    method: 'POST',
    path: '/environments/:envID/regenerate-key',
    auth: 'user',
    summary: "Replace the environment's `ff_live_` key; the old one stops working at once",
    operation: 'RegenerateApiKey',
    variables: ({ params }) => ({ environmentId: params.envID, format: 'featureflags' }),
    result: ({ regenerateApiKey: { apiKey, key } }) => ({
      environment_id: apiKey.env_id,
      api_key: key,
      key_prefix: apiKey.key_prefix,
      created_at: apiKey.created_at,
    }),
    response: Type.Object({
      environment_id: Type.String({ format: 'uuid' }),
      api_key: Type.String({ description: 'the whole key (`ff_live_…`): shown once' }),
      key_prefix: Type.String(),
      created_at: Type.String({ format: 'date-time' }),
    }),
  },
]);
