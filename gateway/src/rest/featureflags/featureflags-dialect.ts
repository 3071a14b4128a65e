import { Type } from '@sinclair/typebox';
import { errorCatalogue, type ErrorCode } from '@vexil/platform';
import type { Dialect } from '../rest-route.js';
import { featureFlagsEnvironmentKeyRoutes } from './environment-key-routes.js';
import { featureFlagsSdkRoutes } from './sdk-routes.js';
import { featureFlagsTelemetryRoutes } from './telemetry-routes.js';

/** Laravel's own words for the statuses its clients see (routes.md §2.2). */
const LARAVEL_MESSAGES: Partial<Record<number, string>> = {
  401: 'Unauthenticated.',
  403: 'This action is unauthorized.',
  404: 'Resource not found.',
  422: 'The given data was invalid.',
  429: 'Too Many Attempts.',
};

/** Laravel answers a request that fails validation with 422, not the catalogue's 400. */
const statusOf = (code: ErrorCode) =>
  code === 'VALIDATION_FAILED' ? 422 : (errorCatalogue[code].status as number);

/**
 * FeatureFlags (routes.md §2): the Laravel package `turtlemilitia/laravel-featureflags` sends
 * `Authorization: Bearer <environment key>` to `{base}/flags` (v0.1.1 on) or `{base}/api/flags` (before),
 * so both generations resolve under `/featureflags/v1`; `/api` is the path its docs print. Errors are
 * Laravel's: `{"message"}`, plus `{"errors": {field: [...]}}` on a 422.
 */
export const featureFlagsDialect: Dialect = {
  name: 'featureflags',
  title: 'FeatureFlags',
  mounts: ['/api', '/featureflags/v1', '/featureflags/v1/api'],
  casing: 'snake_case',
  credentials: [{ for: 'apiKey', header: 'Authorization', scheme: 'Bearer' }],
  // `regenerate-key` issues the product's `ff_live_` keys; its package takes any string, so a Vexil key works.
  keyPrefixes: ['ff_live_', 'sk_', 'pk_'],
  rateLimitCategories: { public: 'auth', user: 'management', apiKey: 'evaluation' },
  routes: [...featureFlagsTelemetryRoutes, ...featureFlagsEnvironmentKeyRoutes],
  evaluationRoutes: featureFlagsSdkRoutes,
  streams: [],
  // The package's routes answer their bodies unwrapped (the sync, `{"received": true, …}`).
  renderObject: (value) => value,
  objectSchema: (item) => item,
  readPage: () => ({ first: 100, offset: 0 }),
  renderList: (items) => ({ data: items }),
  listSchema: (item) => Type.Object({ data: Type.Array(item) }),
  renderError: ({ code, message, fields }) => {
    const status = statusOf(code);
    if (code === 'MAU_LIMIT_EXCEEDED')
      return {
        status,
        body: {
          received: false,
          error: 'mau_limit_exceeded',
          message: 'Monthly active user limit exceeded.',
        },
      };
    return {
      status,
      body: {
        message: LARAVEL_MESSAGES[status] ?? message,
        ...(status === 422 ? { errors: fields ?? {} } : {}),
      },
    };
  },
  errorSchema: Type.Object({
    message: Type.String(),
    errors: Type.Optional(
      Type.Record(Type.String(), Type.Array(Type.String()), { description: 'the errors of each field' }),
    ),
    received: Type.Optional(Type.Literal(false)),
    error: Type.Optional(Type.String({ description: '`mau_limit_exceeded` over the plan’s MAU' })),
  }),
};
