import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AUDIT_SOURCES,
  DomainError,
  errorCatalogue,
  handleGraphQLRequest,
  metricsRegistry,
  requestDuration,
  type AuditSource,
  type EventBus,
  type Logger,
  type Principal,
} from '@vexil/platform';
import { artifactPaths } from '@vexil/schema';
import FindMyWay from 'find-my-way';
import { AccessRevocations } from './auth/access-revocations.js';
import { ApiKeyAuthenticator } from './auth/api-key-authenticator.js';
import { IpAllowlists } from './auth/ip-allowlists.js';
import { authenticate, type Verifiers } from './auth/authenticate.js';
import type { GatewayConfig } from './config.js';
import { PlatformStatus } from './status/platform-status.js';
import { installRoutes } from './status/install-routes.js';
import { createGraph } from './graph/create-graph.js';
import { dialectOf, dialects, servedPath } from './rest/dialects.js';
import { docsPage, docsPaths } from './rest/docs-page.js';
import { openApiDocument } from './rest/openapi.js';
import { ANONYMOUS, mountDialect, sendFailure, sendJson } from './rest/rest-router.js';
import { EvaluationCounter } from './edge/evaluation-counter.js';
import { RulesetCache } from './edge/ruleset-cache.js';
import { PlanRates } from './rate-limit/plan-rates.js';
import { RateLimits } from './rate-limit/rate-limits.js';
import { featureSignalsStream } from './sse/featuresignals-stream.js';
import { flagifyStream } from './sse/flagify-stream.js';
import type { HttpMethod, StreamKind } from './rest/rest-route.js';
import { attachGraphQLWs } from './subscriptions/graphql-ws-server.js';
import { SubscriptionBridge } from './subscriptions/subscription-bridge.js';

const METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Where the OpenAPI document is served: the root, beside the docs page, and where FeatureSignals serves its own. */
export const OPENAPI_PATHS = ['/openapi.json', '/docs/openapi.json', '/v1/openapi.json'];

const GATEWAY_VERSION: string = createRequire(import.meta.url)('../package.json').version;

// Headers browser SDKs send (shared/REST.md, CORS): OFREP's web provider polls with If-None-Match and
// reads Retry-After to pause after a 429.
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers':
    'authorization, content-type, x-api-key, x-secret-key, x-request-id, if-none-match, apollo-require-preflight',
  'access-control-expose-headers':
    'x-request-id, etag, retry-after, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset',
  'access-control-max-age': '600',
};

/** The running gateway. */
export interface GatewayServer {
  url: string;
  port: number;
  dispose(): Promise<void>;
}

/**
 * Serves the graph at `/graphql` (HTTP and graphql-ws), the REST dialects, and `/healthz`, `/readyz`,
 * `/metrics`, on one HTTP server.
 */
export async function createGatewayServer(options: {
  config: GatewayConfig;
  subgraphUrls: Record<string, string>;
  bus: EventBus;
  log: Logger;
  /** The clock token and key expiry are checked with; tests pass one they can move. */
  now?: () => Date;
}): Promise<GatewayServer> {
  const { config, log } = options;
  const now = options.now ?? (() => new Date());
  const revocations = await AccessRevocations.open({
    bus: options.bus,
    source: 'identity',
    ttlMs: config.accessTokenTtlMinutes * 60_000,
    now,
  });
  const graph = await createGraph({
    supergraphSdl: await readFile(artifactPaths.supergraph, 'utf8'),
    subgraphUrls: options.subgraphUrls,
    principalSecret: config.principalSecret,
    explorer: config.explorer,
    limits: config.limits,
    log,
  });
  const bridge = new SubscriptionBridge(options.bus, graph, log, {
    source: 'flags',
    fields: { evaluationsChanged: { startsWithState: true, distinctBy: 'digest' } },
    capacity: config.subscriptions.capacity,
    resumeLimit: config.subscriptions.resumeLimit,
    stallMs: config.subscriptions.stallMs,
  });
  const rulesets = new RulesetCache(graph, options.bus, log);
  const evaluations = new EvaluationCounter(graph, log, config.evaluationCounts);
  const rateLimits = await RateLimits.open(
    config.rateLimits,
    { databaseUrl: config.databaseUrl, redisUrl: config.rateLimitRedisUrl },
    log,
    await PlanRates.open({ bus: options.bus, settings: config.billing, now }),
  );
  const status = new PlatformStatus(
    options.subgraphUrls,
    graph,
    () => rulesets.servingLastKnown,
    log,
    config.statusCheckIntervalMs,
  );
  const ipAllowlists = await IpAllowlists.open(graph, options.bus);
  const apiKeys = new ApiKeyAuthenticator(graph, options.bus, config.apiKeyCacheSeconds * 1000, now);
  const verifiers: Verifiers = { jwtSecret: config.jwtSecret, apiKeys, revocations, ipAllowlists, now };
  const router = FindMyWay({ ignoreTrailingSlash: true, caseSensitive: true });
  type Handler = (
    request: IncomingMessage,
    response: ServerResponse,
    params: Record<string, string | undefined>,
    requestId: string,
    principal: () => Promise<Principal>,
    clientIp: string | undefined,
  ) => Promise<void> | void;
  const routes = new Map<string, Handler>();
  const on = (method: HttpMethod | 'OPTIONS', path: string, handler: Handler) => {
    routes.set(`${method} ${path}`, handler);
    router.on(method, path, () => {}, { key: `${method} ${path}` });
  };

  on('GET', '/healthz', (_request, response) => sendJson(response, 200, { status: 'ok' }));
  for (const { path, handler } of installRoutes(status, config)) on('GET', path, handler);
  on('GET', '/readyz', async (_request, response) => {
    const checks = (await status.subgraphs()).map(({ name, state }) => [name, state] as const);
    const ready = checks.every(([, state]) => state === 'ready');
    // SDK evaluation goes on from rulesets held in memory while the flags subgraph is away; say so.
    const servingLastKnown = rulesets.servingLastKnown;
    sendJson(response, ready ? 200 : 503, {
      status: ready ? 'ready' : 'unavailable',
      subgraphs: Object.fromEntries(checks),
      ...(servingLastKnown > 0 ? { edge: { servingLastKnownRulesets: servingLastKnown } } : {}),
    });
  });
  const streams: Record<StreamKind, Handler> = {
    featuresignals: featureSignalsStream(bridge, verifiers, log, config.sseHeartbeatMs),
    flagify: flagifyStream(bridge, rulesets, revocations, log, config.sseHeartbeatMs),
  };
  if (config.apiDocs) {
    // Generated on first request from the registry and the graph's schema, then kept: both are fixed
    // for the life of the process.
    let document: string | undefined;
    const openApi: Handler = (_request, response) => {
      document ??= JSON.stringify(openApiDocument(dialects, graph.apiSchema, GATEWAY_VERSION));
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(document);
    };
    for (const path of OPENAPI_PATHS) on('GET', path, openApi);
    const docs = docsPage();
    for (const path of docsPaths) on('GET', path, (request, response) => docs(request, response, path));
  }
  on('GET', '/metrics', async (_request, response) => {
    response
      .writeHead(200, { 'content-type': metricsRegistry.contentType })
      .end(await metricsRegistry.metrics());
  });
  const graphqlHandler: Handler = async (request, response, _params, requestId, principal) => {
    let caller: Principal;
    try {
      caller = await principal();
    } catch (error) {
      const message = error instanceof DomainError ? error.message : 'unauthorized';
      const code = error instanceof DomainError ? error.code : 'UNAUTHENTICATED';
      sendJson(response, errorCatalogue[code].status, { errors: [{ message, extensions: { code } }] });
      return;
    }
    await handleGraphQLRequest(graph.apollo, request, response, async () => ({
      principal: caller,
      requestId,
    }));
  };
  on('GET', '/graphql', graphqlHandler);
  on('POST', '/graphql', graphqlHandler);
  for (const dialect of dialects) {
    for (const mount of dialect.mounts)
      for (const row of dialect.streams) {
        // A stream is counted once, when it opens; a key in its query string counts by address.
        const category = row.rateLimit ?? dialect.rateLimitCategories[row.auth];
        on(
          row.method,
          `${mount}${row.path}`,
          async (request, response, params, requestId, principal, clientIp) => {
            try {
              const caller = await principal().catch(() => ANONYMOUS);
              await rateLimits.consume(category, caller, clientIp, response);
            } catch (error) {
              sendFailure(dialect, response, error, requestId, log);
              return;
            }
            await streams[row.stream](request, response, params, requestId, principal, clientIp);
          },
        );
      }
    for (const route of mountDialect(dialect, { graph, rulesets, rateLimits, evaluations, log })) {
      on(route.method, route.path, (request, response, params, requestId, principal, clientIp) =>
        route.handler(request, response, params, { requestId, principal, clientIp }),
      );
    }
  }

  const server = createHttpServer(async (request, response) => {
    const requestId = String(request.headers['x-request-id'] ?? '').slice(0, 128) || randomUUID();
    response.setHeader('x-request-id', requestId);
    // CORS headers matter only to browsers, which always send Origin; SDKs on servers do not.
    if (request.headers.origin)
      for (const [name, value] of Object.entries(CORS_HEADERS)) response.setHeader(name, value);
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const path = servedPath((request.url ?? '/').split('?')[0]!, header);
    const method = request.method ?? 'GET';
    if (method === 'OPTIONS') {
      response.writeHead(204).end();
      return;
    }
    const match = router.find(method as HttpMethod, path);
    const key = (match?.store as { key?: string } | undefined)?.key;
    const handler = key ? routes.get(key) : undefined;
    const stop = requestDuration.startTimer({ service: 'gateway', route: key ?? 'unmatched' });
    let authenticated: Promise<Principal> | undefined;
    const clientIp = clientAddress(request, config.trustProxy);
    const principal = () =>
      (authenticated ??= authenticate(
        {
          authorization: header('authorization'),
          apiKey: header('x-api-key'),
          secretKey: header('x-secret-key'),
          clientIp,
        },
        verifiers,
      ).then(({ principal }) => ({ ...principal, source: sourceOf(header), requestId })));
    try {
      if (handler && match) {
        await handler(request, response, match.params, requestId, principal, clientIp);
      } else {
        const dialect = dialectOf(path);
        const allowed = METHODS.some((other) => other !== method && router.find(other, path));
        const error = allowed ? new DomainError('METHOD_NOT_ALLOWED') : new DomainError('ROUTE_NOT_FOUND');
        if (dialect) sendFailure(dialect, response, error, requestId, log);
        else
          sendJson(response, error.code === 'METHOD_NOT_ALLOWED' ? 405 : 404, {
            error: error.message,
            request_id: requestId,
          });
      }
    } catch (error) {
      log.error('request failed', { error, requestId, path });
      if (!response.headersSent)
        sendJson(response, 500, { error: 'internal server error', request_id: requestId });
      else response.end();
    } finally {
      stop({ status: String(response.statusCode) });
    }
  });
  server.keepAliveTimeout = 65_000;
  const ws = attachGraphQLWs({
    server,
    graph,
    bridge,
    verifiers,
    limits: config.subscriptions,
    log,
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  log.info('gateway listening', { url, graphql: `${url}/graphql` });

  return {
    url,
    port,
    async dispose() {
      bridge.close();
      rulesets.close();
      apiKeys.close();
      ipAllowlists.close();
      revocations.close();
      // Sockets close in this same turn, before the ended feeds' completions reach them: a client
      // sees the gateway go away, not its subscriptions end.
      await ws.close();
      await evaluations.close();
      await status.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await graph.stop();
      await rateLimits.close();
    },
  };
}

/**
 * Where a request says it comes from (`X-Flagify-Source` from Flagify's CLI and MCP server, or
 * `X-Vexil-Source` from the console); `api` otherwise. Only audit reads it: it grants nothing.
 */
function sourceOf(header: (name: string) => string | undefined): AuditSource {
  const declared = (header('x-vexil-source') ?? header('x-flagify-source'))?.trim().toLowerCase();
  return AUDIT_SOURCES.find((source) => source === declared) ?? 'api';
}

/**
 * The caller's IP address: the socket's peer, or behind a trusted proxy the address the proxy saw
 * (the last `X-Forwarded-For` entry, the one the proxy itself appended).
 */
function clientAddress(request: IncomingMessage, trustProxy: boolean): string | undefined {
  if (!trustProxy) return request.socket.remoteAddress;
  const forwarded = request.headers['x-forwarded-for'];
  const chain = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)
    ?.split(',')
    .map((part) => part.trim());
  const last = chain?.filter(Boolean).at(-1);
  return (trustProxy && last) || request.socket.remoteAddress;
}
