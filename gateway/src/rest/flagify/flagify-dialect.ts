import { errorCatalogue } from '@vexil/platform';
import type { Dialect } from '../rest-route.js';
import { flagifyEvaluationRoutes } from './evaluation-routes.js';

/**
 * Flagify (routes.md §4.0): its SDK, CLI and MCP parse unwrapped camelCase bodies (GraphQL's own
 * casing) and errors as `{"code","message"}` with lower-case codes; the nested `error` object is the
 * shape its docs show, sent too so that both kinds of reader work (REST.md: return the superset).
 */
export const flagifyDialect: Dialect = {
  name: 'flagify',
  mounts: ['/flagify/v1'],
  routes: [],
  evaluationRoutes: flagifyEvaluationRoutes,
  renderSuccess: (value) => value,
  // Flagify's lists are whole JSON arrays (its audit log pages with a cursor, not served yet).
  readPage: () => ({ first: 100, offset: 0 }),
  renderList: ({ nodes }) => nodes,
  renderError: ({ code, message, fields }) => {
    const error = { code: code.toLowerCase(), message, ...(fields ? { fields } : {}) };
    return { status: errorCatalogue[code].status, body: { ...error, error } };
  },
};
