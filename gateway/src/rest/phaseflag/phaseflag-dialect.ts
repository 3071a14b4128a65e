import { Type } from '@sinclair/typebox';
import { errorCatalogue } from '@vexil/platform';
import { pageNumberPagination } from '../page-number-pagination.js';
import type { Dialect } from '../rest-route.js';
import { phaseFlagApiKeyRoutes } from './api-key-routes.js';
import { phaseFlagEvaluationRoutes } from './evaluation-routes.js';
import { phaseFlagFlagRoutes } from './flag-routes.js';
import { phaseFlagRoutes } from './routes.js';

const MAX_PAGE = 200;

/**
 * PhaseFlag (routes.md §3.0): snake_case objects inside `{"data": …}`, lists with
 * `"meta": {page, per_page, total}`, errors as `{"error": {"code", "message", "details"}}` with the
 * codes of the one catalogue, which are the seed's codes.
 */
export const phaseFlagDialect: Dialect = {
  name: 'phaseflag',
  title: 'PhaseFlag',
  mounts: ['/api/v1'],
  casing: 'snake_case',
  credentials: [
    { for: 'user', header: 'Authorization', scheme: 'Bearer' },
    { for: 'apiKey', header: 'X-API-Key' },
  ],
  // Its `/api-keys` issue `sdk-<env>-` keys; its SDKs take an environment's Vexil key as well.
  keyPrefixes: ['sdk-', 'sk_', 'pk_'],
  rateLimitCategories: { public: 'auth', user: 'management', apiKey: 'evaluation' },
  routes: [...phaseFlagRoutes, ...phaseFlagFlagRoutes, ...phaseFlagApiKeyRoutes],
  evaluationRoutes: phaseFlagEvaluationRoutes,
  streams: [],
  renderObject: (value) => (value === undefined ? undefined : { data: value }),
  objectSchema: (item) => Type.Object({ data: item }),
  // routes.md §3.0: `page` (from 1) and `per_page` (default 50, at most 200).
  ...pageNumberPagination({ default: 50, max: MAX_PAGE }),
  renderList: (items, total, { first, offset }) => ({
    data: items,
    meta: { page: Math.floor(offset / first) + 1, per_page: first, total },
  }),
  listSchema: (item) =>
    Type.Object({
      data: Type.Array(item),
      meta: Type.Object({ page: Type.Integer(), per_page: Type.Integer(), total: Type.Integer() }),
    }),
  renderError: ({ code, message, fields }) => ({
    status: errorCatalogue[code].status,
    body: { error: { code, message, details: fields ?? {} } },
  }),
  errorSchema: Type.Object({
    error: Type.Object({
      code: Type.String({ description: "the code of Vexil's error catalogue" }),
      message: Type.String(),
      details: Type.Record(Type.String(), Type.Array(Type.String()), {
        description: 'the errors of each field',
      }),
    }),
  }),
};
