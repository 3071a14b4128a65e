import { Type } from '@sinclair/typebox';
import { DomainError, errorCatalogue } from '@vexil/platform';
import { snakeKeys } from '../casing.js';
import type { Dialect } from '../rest-route.js';
import { featureSignalsAbmRoutes } from './abm-routes.js';
import { featureSignalsAccountRoutes } from './account-routes.js';
import { featureSignalsDataExportRoutes } from './data-export-routes.js';
import { featureSignalsIpAllowlistRoutes } from './ip-allowlist-routes.js';
import { featureSignalsApprovalRoutes } from './approval-routes.js';
import { featureSignalsAuditRoutes } from './audit-routes.js';
import { featureSignalsBillingRoutes } from './billing-routes.js';
import { featureSignalsMetricsRoutes } from './metrics-routes.js';
import { featureSignalsEvaluationRoutes, featureSignalsStreams } from './evaluation-routes.js';
import { featureSignalsRoutes } from './routes.js';
import { featureSignalsSearchRoutes } from './search-routes.js';
import { featureSignalsStatusRoutes } from './status-routes.js';
import { featureSignalsWebhookRoutes } from './webhook-routes.js';
import { featureSignalsIntegrationRoutes } from './integration-routes.js';
import { featureSignalsSignupRoutes } from './signup-routes.js';
import { featureSignalsAgentEvaluationRoutes, featureSignalsAgentRoutes } from './agent-routes.js';

/**
 * FeatureSignals, the native REST v1: objects as they are, with snake_case field names (the values of
 * scalar fields, such as JSON flag values, keep the keys their writer gave them); errors as
 * `{"error","message","code","request_id"}` (the server's shape, a superset of the docs' one).
 */
export const featureSignalsDialect: Dialect = {
  name: 'featuresignals',
  title: 'FeatureSignals',
  mounts: ['/v1'],
  casing: 'snake_case',
  // routes.md §1.0: a user's JWT as a bearer token; SDKs send their key in `X-API-Key`.
  credentials: [
    { for: 'user', header: 'Authorization', scheme: 'Bearer' },
    { for: 'apiKey', header: 'X-API-Key' },
  ],
  keyPrefixes: ['sk_', 'pk_'],
  rateLimitCategories: { public: 'auth', user: 'management', apiKey: 'evaluation' },
  routes: [
    ...featureSignalsRoutes,
    ...featureSignalsWebhookRoutes,
    ...featureSignalsApprovalRoutes,
    ...featureSignalsAuditRoutes,
    ...featureSignalsMetricsRoutes,
    ...featureSignalsAbmRoutes,
    ...featureSignalsBillingRoutes,
    ...featureSignalsStatusRoutes,
    ...featureSignalsSearchRoutes,
    ...featureSignalsAccountRoutes,
    ...featureSignalsDataExportRoutes,
    ...featureSignalsIpAllowlistRoutes,
    ...featureSignalsIntegrationRoutes,
    ...featureSignalsSignupRoutes,
    ...featureSignalsAgentRoutes,
  ],
  evaluationRoutes: [...featureSignalsEvaluationRoutes, ...featureSignalsAgentEvaluationRoutes],
  // Objects are sent as they are.
  renderObject: (value) => value,
  objectSchema: (item) => item,
  streams: featureSignalsStreams,
  // routes.md §1.0: `limit` (default 50, at most 100) and `offset`.
  pagination: Type.Object({
    limit: Type.Optional(
      Type.String({ pattern: '^\\d+$', description: 'page size, default 50, at most 100' }),
    ),
    offset: Type.Optional(Type.String({ pattern: '^\\d+$', description: 'items to skip, default 0' })),
  }),
  readPage: (query) => {
    const number = (name: string, fallback: number) => {
      const raw = query.get(name);
      if (raw === null || raw === '') return fallback;
      const value = Number(raw);
      if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value)) {
        throw DomainError.validation({ [name]: ['must be a whole number, 0 or more'] });
      }
      return value;
    };
    return { first: Math.min(number('limit', 50), 100), offset: number('offset', 0) };
  },
  renderList: (items, total, { first, offset }) => ({
    data: items,
    total,
    limit: first,
    offset,
    has_more: offset + items.length < total,
  }),
  listSchema: (item) =>
    Type.Object({
      data: Type.Array(item),
      total: Type.Integer(),
      limit: Type.Integer(),
      offset: Type.Integer(),
      has_more: Type.Boolean(),
    }),
  renderError: ({ code, message, fields, requestId }) => ({
    status: errorCatalogue[code].status,
    body: {
      error: message,
      message,
      code,
      request_id: requestId,
      ...(fields ? { details: snakeKeys(fields) } : {}),
    },
  }),
  errorSchema: Type.Object({
    error: Type.String(),
    message: Type.String(),
    code: Type.String({ description: "the code of Vexil's error catalogue" }),
    request_id: Type.String(),
    details: Type.Optional(
      Type.Record(Type.String(), Type.Array(Type.String()), { description: 'the errors of each field' }),
    ),
  }),
};
