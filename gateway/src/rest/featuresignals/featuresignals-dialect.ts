import { errorCatalogue } from '@vexil/platform';
import { snakeKeys } from '../casing.js';
import type { Dialect } from '../rest-route.js';
import { featureSignalsRoutes } from './routes.js';

/**
 * FeatureSignals, the native REST v1: snake_case objects as they are; errors as
 * `{"error","message","code","request_id"}` (the server's shape, a superset of the docs' one).
 */
export const featureSignalsDialect: Dialect = {
  name: 'featuresignals',
  mounts: ['/v1'],
  routes: featureSignalsRoutes,
  renderSuccess: snakeKeys,
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
