import { Type } from '@sinclair/typebox';
import { errorCatalogue } from '@vexil/platform';
import type { Dialect } from '../rest-route.js';
import { flagifyBillingRoutes } from './billing-routes.js';
import { flagifyEvaluationRoutes, flagifyStreams } from './evaluation-routes.js';

const FlagifyError = Type.Object({
  code: Type.String({ description: "the lower-case code of Vexil's error catalogue" }),
  message: Type.String(),
  fields: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()))),
});

/**
 * Flagify (routes.md §4.0): its SDK, CLI and MCP parse unwrapped camelCase bodies (GraphQL's own
 * casing) and errors as `{"code","message"}` with lower-case codes; the nested `error` object is the
 * shape its docs show, sent too so that both kinds of reader work (REST.md: return the superset).
 */
export const flagifyDialect: Dialect = {
  name: 'flagify',
  title: 'Flagify',
  mounts: ['/flagify/v1'],
  casing: 'camelCase',
  // routes.md §4.0: SDKs send `x-api-key` (a `pk_` key) and, server-side, `x-secret-key`.
  credentials: [
    { for: 'user', header: 'Authorization', scheme: 'Bearer' },
    { for: 'apiKey', header: 'X-API-Key' },
    { for: 'apiKey', header: 'X-Secret-Key' },
  ],
  keyPrefixes: ['pk_', 'sk_'],
  rateLimitCategories: { public: 'auth', user: 'management', apiKey: 'evaluation' },
  routes: [...flagifyBillingRoutes],
  evaluationRoutes: flagifyEvaluationRoutes,
  // Objects are sent as they are.
  renderObject: (value) => value,
  objectSchema: (item) => item,
  streams: flagifyStreams,
  // Flagify's lists are whole JSON arrays (its audit log pages with a cursor, not served yet).
  readPage: () => ({ first: 100, offset: 0 }),
  renderList: (items) => items,
  listSchema: (item) => Type.Array(item),
  renderError: ({ code, message, fields }) => {
    const error = { code: code.toLowerCase(), message, ...(fields ? { fields } : {}) };
    return { status: errorCatalogue[code].status, body: { ...error, error } };
  },
  errorSchema: Type.Intersect([FlagifyError, Type.Object({ error: FlagifyError })]),
};
