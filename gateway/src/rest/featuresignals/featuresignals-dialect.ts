import { DomainError, errorCatalogue } from '@vexil/platform';
import { snakeKeys } from '../casing.js';
import type { Dialect } from '../rest-route.js';
import { featureSignalsApprovalRoutes } from './approval-routes.js';
import { featureSignalsEvaluationRoutes } from './evaluation-routes.js';
import { featureSignalsRoutes } from './routes.js';
import { featureSignalsWebhookRoutes } from './webhook-routes.js';

/**
 * FeatureSignals, the native REST v1: objects as they are, with snake_case field names (the values of
 * scalar fields, such as JSON flag values, keep the keys their writer gave them); errors as
 * `{"error","message","code","request_id"}` (the server's shape, a superset of the docs' one).
 */
export const featureSignalsDialect: Dialect = {
  name: 'featuresignals',
  mounts: ['/v1'],
  routes: [...featureSignalsRoutes, ...featureSignalsWebhookRoutes, ...featureSignalsApprovalRoutes],
  evaluationRoutes: featureSignalsEvaluationRoutes,
  renderSuccess: snakeKeys,
  // routes.md §1.0: `limit` (default 50, at most 100) and `offset`.
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
  renderList: ({ nodes, totalCount }, { first, offset }, scalars) => ({
    data: snakeKeys(nodes, scalars),
    total: totalCount,
    limit: first,
    offset,
    has_more: offset + nodes.length < totalCount,
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
};
