import { Type } from '@sinclair/typebox';
import { errorCatalogue, PAGE_SIZE, type ErrorCode, type FieldErrors } from '@vexil/platform';
import { pageNumberPagination } from '../page-number-pagination.js';
import type { Dialect, RestFailure } from '../rest-route.js';
import { featureFlagsEnvironmentKeyRoutes } from './environment-key-routes.js';
import { featureFlagsManagementRoutes } from './management-routes.js';
import { featureFlagsSdkRoutes } from './sdk-routes.js';
import { featureFlagsTelemetryRoutes } from './telemetry-routes.js';

/** Management lists send everything a dashboard shows at once, up to the graph's largest page. */
const PER_PAGE = 100;
const MAX_PAGE = PAGE_SIZE.max;

/** Laravel's own words for the statuses its clients see (routes.md §2.2). */
const LARAVEL_MESSAGES: Partial<Record<number, string>> = {
  401: 'Unauthenticated.',
  403: 'This action is unauthorized.',
  404: 'Resource not found.',
  422: 'The given data was invalid.',
  429: 'Too Many Attempts.',
};

/**
 * Keys that must be unique are Laravel's `unique` rule: a 422 on the field, not the catalogue's 409
 * (other conflicts, such as a stale version, stay 409).
 */
const TAKEN: Partial<Record<ErrorCode, string>> = { FLAG_KEY_CONFLICT: 'key', PROJECT_SLUG_CONFLICT: 'slug' };

/** Laravel answers a request that fails validation with 422, not the catalogue's 400. */
const statusOf = (code: ErrorCode) =>
  code === 'VALIDATION_FAILED' || TAKEN[code] ? 422 : (errorCatalogue[code].status as number);

/**
 * A field's messages in Laravel's words where ours say what the field is or must be (`key`, `is
 * required` → `The key field is required.`); other messages are whole sentences already.
 */
function laravelErrors(fields: FieldErrors): FieldErrors {
  return Object.fromEntries(
    Object.entries(fields).map(([field, messages]) => [
      field,
      messages.map((message) =>
        /^(is|must|needs) /.test(message)
          ? `The ${field.replaceAll('_', ' ')} field ${message.replace(/\.$/, '')}.`
          : message,
      ),
    ]),
  );
}

/** The field errors of a failure: its own, or the taken key of a unique field. */
function fieldErrorsOf({ code, fields }: RestFailure): FieldErrors {
  const taken = TAKEN[code];
  if (taken) return { [taken]: [`The ${taken} has already been taken.`] };
  return laravelErrors(fields ?? {});
}

/**
 * FeatureFlags (routes.md §2): the Laravel package `turtlemilitia/laravel-featureflags` sends
 * `Authorization: Bearer <environment key>` to `{base}/flags` (v0.1.1 on) or `{base}/api/flags` (before),
 * so both generations resolve under `/featureflags/v1`; `/api` is the path its docs print. Its dashboard
 * manages projects, environments, flags and each flag's environment with a user's token, in Laravel API
 * resources (§2.2). Errors are Laravel's: `{"message"}`, plus `{"errors": {field: [...]}}` on a 422.
 */
export const featureFlagsDialect: Dialect = {
  name: 'featureflags',
  title: 'FeatureFlags',
  mounts: ['/api', '/featureflags/v1', '/featureflags/v1/api'],
  casing: 'snake_case',
  // The package sends its environment key as a bearer token; the dashboard, a user's token (Sanctum).
  credentials: [
    { for: 'user', header: 'Authorization', scheme: 'Bearer' },
    { for: 'apiKey', header: 'Authorization', scheme: 'Bearer' },
  ],
  // `regenerate-key` issues the product's `ff_live_` keys; its package takes any string, so a Vexil key works.
  keyPrefixes: ['ff_live_', 'sk_', 'pk_'],
  rateLimitCategories: { public: 'auth', user: 'management', apiKey: 'evaluation' },
  routes: [
    ...featureFlagsManagementRoutes,
    ...featureFlagsEnvironmentKeyRoutes,
    ...featureFlagsTelemetryRoutes,
  ],
  evaluationRoutes: featureFlagsSdkRoutes,
  streams: [],
  // Management answers Laravel API resources, `{"data": …}`; the package's routes are `bare` rows.
  renderObject: (value) => (value === undefined ? undefined : { data: value }),
  objectSchema: (item) => Type.Object({ data: item }),
  // Laravel's paginator: `page` (from 1) and `per_page`, with its `meta` beside `data`.
  ...pageNumberPagination({ default: PER_PAGE, max: MAX_PAGE }),
  renderList: (items, total, { first, offset }) => ({
    data: items,
    meta: {
      current_page: Math.floor(offset / first) + 1,
      per_page: first,
      total,
      last_page: Math.max(1, Math.ceil(total / first)),
    },
  }),
  listSchema: (item) =>
    Type.Object({
      data: Type.Array(item),
      meta: Type.Object({
        current_page: Type.Integer(),
        per_page: Type.Integer(),
        total: Type.Integer(),
        last_page: Type.Integer(),
      }),
    }),
  renderError: (failure) => {
    const { code, message } = failure;
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
        ...(status === 422 ? { errors: fieldErrorsOf(failure) } : {}),
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
