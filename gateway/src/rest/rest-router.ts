import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  DomainError,
  isErrorCode,
  isUuid,
  readJsonBody,
  readRawBody,
  type ErrorCode,
  type FieldErrors,
  type Logger,
  type Principal,
} from '@vexil/platform';
import { createHash } from 'node:crypto';
import type { TObject } from '@sinclair/typebox';
import type { FormattedExecutionResult } from 'graphql';
import type { Graph } from '../graph/create-graph.js';
import { applyCasing } from './casing.js';
import { sendDocument, type RunOperation } from './document-download.js';
import { EXPORT_PAGE_SIZE, exportFormatOf, sendExport, type ExportPage } from './list-export.js';
import { operations } from './operations.js';
import { compileRequestSchemas, pathParameters } from './request-schema.js';
import { scalarValues } from './scalar-values.js';
import type {
  Dialect,
  EvaluationRoute,
  HttpMethod,
  ListPage,
  ListResult,
  RestFailure,
  RestRequest,
  RestRoute,
  StreamRoute,
} from './rest-route.js';
import { evaluateAtEdge } from '../edge/evaluate-at-edge.js';
import type { EvaluationCounter } from '../edge/evaluation-counter.js';
import type { RulesetCache } from '../edge/ruleset-cache.js';
import type { RateLimitCategory, RateLimits } from '../rate-limit/rate-limits.js';

/** A request handler the gateway's router calls with the path parameters it matched. */
export type RouteHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  params: Record<string, string | undefined>,
  context: RouteContext,
) => Promise<void>;

/** What the gateway knows of a request before a route handles it. */
export interface RouteContext {
  requestId: string;
  principal: () => Promise<Principal>;
  /** The caller's address (the socket's peer, or the proxy's word under `TRUST_PROXY`). */
  clientIp: string | undefined;
}

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
  flagID: 'FLAG_NOT_FOUND',
  keyID: 'API_KEY_NOT_FOUND',
  workspaceID: 'ORGANIZATION_NOT_FOUND',
  memberID: 'MEMBER_NOT_FOUND',
  roleID: 'ROLE_NOT_FOUND',
};

export const ANONYMOUS: Principal = { kind: 'anonymous' };

/** What a path parameter that names nothing answers. */
export const notFoundCodeOf = (parameter: string): ErrorCode => ID_NOT_FOUND[parameter] ?? 'NOT_FOUND';

/**
 * Every failure a row can answer: its own, and those of every route of its kind (the request schema,
 * the credentials, unknown ids in its path, services that are away).
 */
export function errorsOf(row: RestRoute | EvaluationRoute | StreamRoute): ErrorCode[] {
  const codes = new Set<ErrorCode>(row.errors ?? []);
  if (row.request || ('list' in row && row.list)) codes.add('VALIDATION_FAILED');
  if (row.auth !== 'public') codes.add('UNAUTHENTICATED');
  if (row.auth === 'user') codes.add('INSUFFICIENT_PERMISSIONS');
  for (const parameter of pathParameters(row.path)) codes.add(notFoundCodeOf(parameter));
  codes.add('RATE_LIMIT_EXCEEDED');
  codes.add('SERVICE_UNAVAILABLE');
  return [...codes];
}

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
  sendJsonText(response, status, JSON.stringify(body), headers);
}

/** Writes JSON already serialized. */
function sendJsonText(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string>,
) {
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Renders a failure in the dialect's shape; a rate-limited one also says when to retry (REST.md). */
function sendRestFailure(
  dialect: Dialect,
  response: ServerResponse,
  failure: RestFailure,
  params?: Record<string, string | undefined>,
): void {
  const { status, body } = dialect.renderError(params ? { ...failure, params } : failure);
  sendJson(response, status, body, failure.retryAfter ? { 'retry-after': String(failure.retryAfter) } : {});
}

/** Renders any thrown error in the dialect's shape: a DomainError keeps its code, the rest is INTERNAL. */
export function sendFailure(
  dialect: Dialect,
  response: ServerResponse,
  error: unknown,
  requestId: string,
  log: Logger,
  params?: Record<string, string | undefined>,
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
  sendRestFailure(dialect, response, failure, params);
}

/**
 * Cache-Control by kind of route (routes.md §1.0), failures included: an SDK answer must never be
 * reused, since the next flag change has to reach the next call, unless it carries an ETag to
 * revalidate with; a management answer belongs to its caller and may be kept only if revalidated.
 */
const CACHE_CONTROL = { revalidate: 'private, no-cache', never: 'no-store' } as const;

function withCacheControl(kind: keyof typeof CACHE_CONTROL, handler: RouteHandler): RouteHandler {
  return (request, response, params, context) => {
    response.setHeader('cache-control', CACHE_CONTROL[kind]);
    return handler(request, response, params, context);
  };
}

/** Reads the body (a JSON object, or none), authenticates and checks the route's kind of caller. */
async function receive(
  request: IncomingMessage,
  response: ServerResponse,
  params: Record<string, string | undefined>,
  context: RouteContext,
  row: {
    auth: 'public' | 'user' | 'apiKey';
    serverKeys: boolean;
    category: RateLimitCategory;
    rateLimits: RateLimits;
    arrayBody: string | undefined;
    rawBody: boolean;
  },
  page: (query: URLSearchParams) => ListPage,
  check: (request: { query: URLSearchParams; body: Record<string, unknown> }) => void,
): Promise<RestRequest> {
  const { auth } = row;
  const rawBody = row.rawBody ? (await readRawBody(request)).toString('utf8') : undefined;
  const read =
    rawBody !== undefined || request.method === 'GET' || request.method === 'DELETE'
      ? undefined
      : await readJsonBody(request);
  const body = Array.isArray(read) && row.arrayBody ? { [row.arrayBody]: read } : read;
  if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
    throw new DomainError('VALIDATION_FAILED', 'invalid request body: expected a JSON object');
  }
  // A caller whose credentials fail is counted too, by address: guessing keys costs budget.
  const principal = await context.principal().catch(async (error: unknown) => {
    await row.rateLimits.consume(row.category, ANONYMOUS, context.clientIp, response);
    throw error;
  });
  await row.rateLimits.consume(row.category, principal, context.clientIp, response);
  const serverKey = principal.kind === 'apiKey' && principal.keyType === 'server';
  if (auth === 'user' && principal.kind !== 'user' && !(row.serverKeys && serverKey)) {
    throw principal.kind === 'anonymous'
      ? new DomainError('UNAUTHENTICATED')
      : new DomainError(
          'INSUFFICIENT_PERMISSIONS',
          row.serverKeys
            ? 'this route needs a signed-in user or a server (sk_) key; client keys only evaluate'
            : 'this route needs a signed-in user, not an API key',
        );
  }
  if (auth === 'apiKey' && principal.kind !== 'apiKey')
    throw new DomainError('UNAUTHENTICATED', 'API key required');
  for (const [name, value] of Object.entries(params)) {
    if (name.endsWith('ID') && !isUuid(value)) throw new DomainError(notFoundCodeOf(name));
  }
  // Only the query string: a whole URL parse costs more than an SDK evaluation does.
  const url = request.url ?? '';
  const question = url.indexOf('?');
  const query = new URLSearchParams(question === -1 ? '' : url.slice(question + 1));
  const json = (body as Record<string, unknown> | undefined) ?? {};
  check({ query, body: json });
  return {
    params: params as Record<string, string>,
    query,
    body: json,
    ...(rawBody !== undefined ? { rawBody } : {}),
    headers: request.headers,
    principal,
    requestId: context.requestId,
    page: page(query),
  };
}

/** The value at a dotted path of an operation's data; what a path names must be there. */
function at(data: Record<string, any>, path: string): unknown {
  let value: any = data;
  const keys = path.split('.');
  for (const key of keys) value = value?.[key];
  if (value === null || value === undefined) throw new DomainError('NOT_FOUND', `${keys.at(-1)} not found`);
  return value;
}

/** A weak validator of a body: equal bodies, equal tags. */
const etagOf = (text: string) => `W/"${createHash('sha1').update(text).digest('base64url').slice(0, 22)}"`;

/** Whether an `If-None-Match` header names the tag (a list of tags, or `*`). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed === etag || `W/${trimmed}` === etag;
  });
}

/**
 * Turns a dialect's route tables into handlers. GraphQL rows: check the request against the row's
 * schemas, map it onto the operation's variables, run it through the graph, render data or error.
 * Evaluation rows: ask the gateway's in-memory rulesets and send the answer as it is.
 */
export function mountDialect(
  dialect: Dialect,
  gateway: {
    graph: Graph;
    rulesets: RulesetCache;
    rateLimits: RateLimits;
    evaluations: EvaluationCounter;
    log: Logger;
  },
): MountedRoute[] {
  const { graph, rulesets, rateLimits, evaluations, log } = gateway;
  const noPage = () => ({ first: 0, offset: 0 });
  /** What a row reads of a request before it runs: its schemas compiled once, its rate-limit category. */
  const receiver = (row: RestRoute | EvaluationRoute, page: (query: URLSearchParams) => ListPage) => {
    const check = compileRequestSchemas(row.request);
    const limit = {
      auth: row.auth,
      serverKeys: dialect.serverKeysManage === true,
      category: row.rateLimit ?? dialect.rateLimitCategories[row.auth],
      rateLimits,
      arrayBody: row.request?.arrayBody,
      rawBody: 'rawBody' in row && row.rawBody === true,
    };
    return (
      request: IncomingMessage,
      response: ServerResponse,
      params: Record<string, string | undefined>,
      context: RouteContext,
    ) => receive(request, response, params, context, limit, page, check);
  };
  return dialect.mounts.flatMap((mount) => [
    ...dialect.routes.map((route): MountedRoute => {
      const document = operations.get(route.operation);
      if (!document) throw new Error(`${dialect.name}: no operations/${route.operation}.graphql`);
      const scalarsOf = scalarValues(document);
      const received = receiver(route, route.list ? dialect.readPage : noPage);
      const { result } = route;
      return {
        method: route.method,
        path: `${mount}${route.path}`,
        handler: withCacheControl('revalidate', async (request, response, params, context) => {
          try {
            const restRequest = await received(request, response, params, context);
            if (route.download) {
              const { download } = route;
              const run: RunOperation = async (name, variables = {}) => {
                const executed = await graph.execute(
                  { query: operations.get(name)!, variables },
                  { principal: restRequest.principal, requestId: context.requestId },
                );
                const failure = failureOf(executed, context.requestId);
                if (failure) throw new DomainError(failure.code, failure.message, failure.fields);
                return executed.data ?? {};
              };
              await sendDocument(response, download.filename, download.write(run, restRequest), (error) =>
                log.warn('download ended early', { error, requestId: context.requestId }),
              );
              return;
            }
            if (route.export) {
              const format = exportFormatOf(restRequest.query);
              const page = async (after: string | null): Promise<ExportPage> => {
                const variables = { ...route.variables?.(restRequest), first: EXPORT_PAGE_SIZE, after };
                const executed = await graph.execute(
                  { query: document, variables },
                  { principal: restRequest.principal, requestId: context.requestId },
                );
                const failure = failureOf(executed, context.requestId);
                if (failure) throw new DomainError(failure.code, failure.message, failure.fields);
                const data = executed.data ?? {};
                const { nodes, next } = (
                  typeof result === 'string' ? at(data, result) : result!(data, restRequest)
                ) as ListResult;
                return {
                  items: applyCasing(dialect.casing, nodes, scalarsOf(data)) as unknown[],
                  next: next ?? null,
                };
              };
              const columns = Object.keys((route.response as TObject | undefined)?.properties ?? {});
              const first = await page(null);
              // Past the first page the answer has begun: a failure ends the download short.
              await sendExport(
                response,
                { format, columns, filename: route.export.filename },
                first,
                page,
              ).catch((error: unknown) =>
                log.warn('export ended early', { error, requestId: context.requestId }),
              );
              return;
            }
            const executed = await graph.execute(
              { query: document, variables: route.variables?.(restRequest) ?? {} },
              { principal: restRequest.principal, requestId: context.requestId },
            );
            const failure = failureOf(executed, context.requestId);
            if (failure) {
              if (failure.fields && route.failureFields)
                failure.fields = route.failureFields(failure.fields, restRequest);
              sendRestFailure(dialect, response, failure, params);
              return;
            }
            const data = executed.data ?? {};
            if (route.redirect) {
              response.writeHead(302, { location: route.redirect(data, restRequest) }).end();
              return;
            }
            if (result === undefined) {
              sendJson(response, route.status ?? 204, undefined);
              return;
            }
            const value = typeof result === 'string' ? at(data, result) : result(data, restRequest);
            const scalars = scalarsOf(data);
            if (route.list) {
              const { nodes, totalCount } = value as ListResult;
              const items = applyCasing(dialect.casing, nodes, scalars) as unknown[];
              sendJson(
                response,
                route.status ?? 200,
                dialect.renderList(items, totalCount, restRequest.page),
              );
            } else {
              const body = applyCasing(dialect.casing, value, scalars);
              sendJson(response, route.status ?? 200, route.bare ? body : dialect.renderObject(body));
            }
          } catch (error) {
            sendFailure(dialect, response, error, context.requestId, log, params);
          }
        }),
      };
    }),
    ...dialect.evaluationRoutes.map((route): MountedRoute => {
      const received = receiver(route, noPage);
      return {
        method: route.method,
        path: `${mount}${route.path}`,
        handler: withCacheControl(
          route.etag ? 'revalidate' : 'never',
          async (request, response, params, context) => {
            try {
              const restRequest = await received(request, response, params, context);
              const question = route.question(restRequest);
              const answer = await evaluateAtEdge(rulesets, restRequest.principal, question);
              if (!route.sync && restRequest.principal.kind === 'apiKey')
                evaluations.record(restRequest.principal, question.context.key, answer.results);
              const answered = route.answer(answer, restRequest);
              const body = route.bare ? answered : dialect.renderObject(answered);
              const status = route.status?.(answer) ?? 200;
              if (!route.etag || status !== 200) {
                sendJson(response, status, body);
                return;
              }
              const text = JSON.stringify(body);
              const etag = etagOf(text);
              if (matches(request.headers['if-none-match'], etag)) response.writeHead(304, { etag }).end();
              else sendJsonText(response, 200, text, { etag });
            } catch (error) {
              sendFailure(dialect, response, error, context.requestId, log, params);
            }
          },
        ),
      };
    }),
  ]);
}
