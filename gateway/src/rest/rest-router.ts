import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  DomainError,
  isErrorCode,
  isUuid,
  readJsonBody,
  type ErrorCode,
  type FieldErrors,
  type Logger,
  type Principal,
} from '@vexil/platform';
import type { DocumentNode, FormattedExecutionResult } from 'graphql';
import type { Graph } from '../graph/create-graph.js';
import { loadOperations } from './operations.js';
import { scalarValues } from './scalar-values.js';
import type { Dialect, HttpMethod, ListPage, ListResult, RestFailure, RestRequest } from './rest-route.js';
import { evaluateAtEdge } from '../edge/evaluate-at-edge.js';
import type { RulesetCache } from '../edge/ruleset-cache.js';

/** A request handler the gateway's router calls with the path parameters it matched. */
export type RouteHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  params: Record<string, string | undefined>,
  context: { requestId: string; principal: () => Promise<Principal> },
) => Promise<void>;

/** A route of a dialect, ready to mount on the gateway's router. */
export interface MountedRoute {
  method: HttpMethod;
  path: string;
  handler: RouteHandler;
}

// Route paths name ids `:<thing>ID`; a value that is not a UUID names nothing that can exist.
const ID_NOT_FOUND: Record<string, ErrorCode> = {
  projectID: 'PROJECT_NOT_FOUND',
  envID: 'ENVIRONMENT_NOT_FOUND',
  keyID: 'API_KEY_NOT_FOUND',
  memberID: 'MEMBER_NOT_FOUND',
  roleID: 'ROLE_NOT_FOUND',
};

const GRAPHQL_INPUT_CODES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

/** The failure a GraphQL result's first error stands for, in the catalogue's vocabulary. */
export function failureOf(result: FormattedExecutionResult, requestId: string): RestFailure | null {
  const error = result.errors?.[0];
  if (!error) return null;
  const code = error.extensions?.code;
  if (isErrorCode(code)) {
    const fields = error.extensions?.fields as FieldErrors | undefined;
    const retryAfter = error.extensions?.retryAfter;
    return {
      code,
      message: error.message,
      requestId,
      ...(fields ? { fields } : {}),
      ...(typeof retryAfter === 'number' ? { retryAfter } : {}),
    };
  }
  if (typeof code === 'string' && GRAPHQL_INPUT_CODES.has(code)) {
    return { code: 'VALIDATION_FAILED', message: error.message, requestId };
  }
  return { code: 'INTERNAL', message: 'internal server error', requestId };
}

/** Writes a JSON response (or an empty one for 204). */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (status === 204 || body === undefined) {
    response.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Renders a failure in the dialect's shape; a rate-limited one also says when to retry (REST.md). */
function sendRestFailure(dialect: Dialect, response: ServerResponse, failure: RestFailure): void {
  const { status, body } = dialect.renderError(failure);
  sendJson(response, status, body, failure.retryAfter ? { 'retry-after': String(failure.retryAfter) } : {});
}

/** Renders any thrown error in the dialect's shape: a DomainError keeps its code, the rest is INTERNAL. */
export function sendFailure(
  dialect: Dialect,
  response: ServerResponse,
  error: unknown,
  requestId: string,
  log: Logger,
) {
  const failure: RestFailure =
    error instanceof DomainError
      ? {
          code: error.code,
          message: error.message,
          requestId,
          ...(error.fields ? { fields: error.fields } : {}),
          ...(error.retryAfter ? { retryAfter: error.retryAfter } : {}),
        }
      : { code: 'INTERNAL', message: 'internal server error', requestId };
  if (failure.code === 'INTERNAL')
    log.error('REST request failed', { error, requestId, dialect: dialect.name });
  sendRestFailure(dialect, response, failure);
}

/**
 * Cache-Control by kind of route (routes.md §1.0), failures included: an SDK answer must never be
 * reused, since the next flag change has to reach the next call; a management answer belongs to its
 * caller and may be kept only if revalidated.
 */
const CACHE_CONTROL = { management: 'private, no-cache', sdk: 'no-store' } as const;

function withCacheControl(kind: keyof typeof CACHE_CONTROL, handler: RouteHandler): RouteHandler {
  return (request, response, params, context) => {
    response.setHeader('cache-control', CACHE_CONTROL[kind]);
    return handler(request, response, params, context);
  };
}

/** Reads the body (a JSON object, or none), authenticates and checks the route's kind of caller. */
async function receive(
  request: IncomingMessage,
  params: Record<string, string | undefined>,
  context: { requestId: string; principal: () => Promise<Principal> },
  auth: 'public' | 'user' | 'apiKey',
  page: (query: URLSearchParams) => ListPage,
): Promise<RestRequest> {
  const body =
    request.method === 'GET' || request.method === 'DELETE' ? undefined : await readJsonBody(request);
  if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
    throw new DomainError('VALIDATION_FAILED', 'invalid request body: expected a JSON object');
  }
  const principal = await context.principal();
  if (auth === 'user' && principal.kind !== 'user') {
    throw principal.kind === 'anonymous'
      ? new DomainError('UNAUTHENTICATED')
      : new DomainError('INSUFFICIENT_PERMISSIONS', 'this route needs a signed-in user, not an API key');
  }
  if (auth === 'apiKey' && principal.kind !== 'apiKey')
    throw new DomainError('UNAUTHENTICATED', 'API key required');
  for (const [name, value] of Object.entries(params)) {
    if (name.endsWith('ID') && !isUuid(value)) throw new DomainError(ID_NOT_FOUND[name] ?? 'NOT_FOUND');
  }
  // Only the query string: a whole URL parse costs more than an SDK evaluation does.
  const url = request.url ?? '';
  const question = url.indexOf('?');
  const query = new URLSearchParams(question === -1 ? '' : url.slice(question + 1));
  return {
    params: params as Record<string, string>,
    query,
    body: (body as Record<string, unknown> | undefined) ?? {},
    principal,
    requestId: context.requestId,
    page: page(query),
  };
}

/**
 * Turns a dialect's route tables into handlers. GraphQL rows: map the request onto the operation's
 * variables, run it through the graph, render data or error. Evaluation rows: ask the gateway's
 * in-memory rulesets and send the answer as it is.
 */
export function mountDialect(
  dialect: Dialect,
  graph: Graph,
  rulesets: RulesetCache,
  log: Logger,
): MountedRoute[] {
  // A dialect may serve SDK routes only, and then has no operations folder.
  const operations =
    dialect.routes.length > 0 ? loadOperations(dialect.name) : new Map<string, DocumentNode>();
  const noPage = () => ({ first: 0, offset: 0 });
  return dialect.mounts.flatMap((mount) => [
    ...dialect.routes.map((route): MountedRoute => {
      const document = operations.get(route.operation);
      if (!document) throw new Error(`${dialect.name}: no operations/${route.operation}.graphql`);
      const scalarsOf = scalarValues(document);
      return {
        method: route.method,
        path: `${mount}${route.path}`,
        handler: withCacheControl('management', async (request, response, params, context) => {
          try {
            const restRequest = await receive(
              request,
              params,
              context,
              route.auth,
              route.list ? dialect.readPage : noPage,
            );
            const result = await graph.execute(
              { query: document, variables: route.variables(restRequest) },
              { principal: restRequest.principal, requestId: context.requestId },
            );
            const failure = failureOf(result, context.requestId);
            if (failure) {
              sendRestFailure(dialect, response, failure);
              return;
            }
            const data = result.data ?? {};
            if (route.redirect) {
              response.writeHead(302, { location: route.redirect(data, restRequest) }).end();
              return;
            }
            const value = route.result(data, restRequest);
            const scalars = scalarsOf(data);
            sendJson(
              response,
              route.status ?? 200,
              route.list
                ? dialect.renderList(value as ListResult, restRequest.page, scalars)
                : dialect.renderSuccess(value, scalars),
            );
          } catch (error) {
            sendFailure(dialect, response, error, context.requestId, log);
          }
        }),
      };
    }),
    ...dialect.evaluationRoutes.map((route): MountedRoute => ({
      method: route.method,
      path: `${mount}${route.path}`,
      handler: withCacheControl('sdk', async (request, response, params, context) => {
        try {
          const restRequest = await receive(request, params, context, route.auth, noPage);
          const answer = await evaluateAtEdge(rulesets, restRequest.principal, route.question(restRequest));
          sendJson(response, 200, route.answer(answer, restRequest));
        } catch (error) {
          sendFailure(dialect, response, error, context.requestId, log);
        }
      }),
    })),
  ]);
}
