import { Type } from '@sinclair/typebox';
import { errorCatalogue, type ErrorCode } from '@vexil/platform';
import type { Dialect, RestRoute } from '../rest-route.js';
import { flagifyAuditRoutes } from './audit-routes.js';
import { flagifyAuthRoutes } from './auth-routes.js';
import { flagifyBillingRoutes } from './billing-routes.js';
import { flagifyEvaluationRoutes, flagifyStreams } from './evaluation-routes.js';
import { flagifyFlagEnvironmentRoutes } from './flag-environment-routes.js';
import { flagifyFlagRoutes } from './flag-routes.js';
import { flagifyHealthRoutes } from './health-routes.js';
import { flagifyKeyRoutes } from './key-routes.js';
import { flagifySegmentRoutes } from './segment-routes.js';
import { flagifyTargetingRoutes } from './targeting-routes.js';
import { flagifyWorkspaceRoutes } from './workspace-routes.js';

const FlagifyError = Type.Object({
  code: Type.String({
    description:
      "`unprocessable_entity` (422), `conflict` (409), else the lower-case code of Vexil's error catalogue",
  }),
  message: Type.String(),
  detail: Type.Optional(Type.String({ description: 'what failed, beside the product’s own message' })),
  fields: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()))),
});

/**
 * Flagify's code and status for one of the catalogue's (routes.md §4.2): its API answers a bad body with
 * 422 `unprocessable_entity` "validation failed" and any clash with 409 `conflict`; its clients go by
 * the status, so other codes are the catalogue's, lower-case.
 */
function flagifyCode(code: ErrorCode, message: string): { status: number; code: string; message: string } {
  if (code === 'VALIDATION_FAILED')
    return { status: 422, code: 'unprocessable_entity', message: 'validation failed' };
  const { status } = errorCatalogue[code];
  return { status, code: status === 409 ? 'conflict' : code.toLowerCase(), message };
}

const routes: RestRoute[] = [
  ...flagifyHealthRoutes,
  ...flagifyAuthRoutes,
  ...flagifyWorkspaceRoutes,
  ...flagifyFlagRoutes,
  ...flagifyFlagEnvironmentRoutes,
  ...flagifyTargetingRoutes,
  ...flagifySegmentRoutes,
  ...flagifyKeyRoutes,
  ...flagifyAuditRoutes,
  ...flagifyBillingRoutes,
];

/**
 * Flagify (routes.md §4.0): its SDK, CLI and MCP parse unwrapped camelCase bodies (GraphQL's own
 * casing) and errors as `{"code","message"}` with lower-case codes; the nested `error` object is the
 * shape its docs show, sent too so that both kinds of reader work (REST.md: return the superset).
 * Mounted at `/flagify`, where its clients' base URL points; they add `/v1/…` themselves.
 */
export const flagifyDialect: Dialect = {
  name: 'flagify',
  title: 'Flagify',
  mounts: ['/flagify'],
  casing: 'camelCase',
  // routes.md §4.0: SDKs send `x-api-key` (a `pk_` key) and, server-side, `x-secret-key`; the CLI and
  // the MCP server a user's access token.
  credentials: [
    { for: 'user', header: 'Authorization', scheme: 'Bearer' },
    { for: 'apiKey', header: 'X-API-Key' },
    { for: 'apiKey', header: 'X-Secret-Key' },
  ],
  keyPrefixes: ['pk_', 'sk_'],
  // Flagify's docs: every management route takes an `sk_` key too.
  serverKeysManage: true,
  // Its MCP server resolves `/v1/…` against the origin of its base URL (`new URL(path, apiUrl)`),
  // dropping `/flagify`; it always says `X-Flagify-Source: mcp`.
  bareMount: { header: 'x-flagify-source', prefixes: ['/v1/'] },
  rateLimitCategories: { public: 'auth', user: 'management', apiKey: 'evaluation' },
  routes,
  evaluationRoutes: flagifyEvaluationRoutes,
  // Objects are sent as they are.
  renderObject: (value) => value,
  objectSchema: (item) => item,
  streams: flagifyStreams,
  // Flagify's lists are whole JSON arrays (its audit log pages with a cursor of its own).
  readPage: () => ({ first: 200, offset: 0 }),
  renderList: (items) => items,
  listSchema: (item) => Type.Array(item),
  renderError: ({ code, message, fields }) => {
    const rendered = flagifyCode(code, message);
    const error = {
      code: rendered.code,
      message: rendered.message,
      ...(rendered.message !== message && message ? { detail: message } : {}),
      ...(fields ? { fields } : {}),
    };
    return { status: rendered.status, body: { ...error, error } };
  },
  errorSchema: Type.Intersect([FlagifyError, Type.Object({ error: FlagifyError })]),
};
