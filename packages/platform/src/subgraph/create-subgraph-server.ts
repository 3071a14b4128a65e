import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { PRINCIPAL_HEADER, verifyPrincipal, type Principal } from '../auth/principal.js';
import { formatGraphQLError } from '../errors/format-graphql-error.js';
import { handleGraphQLRequest } from '../http/apollo-http-handler.js';
import { metricsRegistry, requestDuration } from '../observability/metrics.js';
import type { Logger } from '../observability/logger.js';

/** What every subgraph resolver can rely on: the verified caller and the request's id. */
export interface SubgraphContext {
  principal: Principal;
  requestId: string;
}

/** A running server; `dispose` stops it and releases what it holds. */
export interface RunningServer {
  url: string;
  dispose(): Promise<void>;
}

/**
 * Serves a subgraph over HTTP on loopback. Every GraphQL request must carry a principal signed by the
 * gateway; without one the subgraph answers 401 and runs nothing, even when reached directly.
 */
export async function createSubgraphServer<C extends SubgraphContext>(options: {
  name: string;
  schema: GraphQLSchema;
  principalSecret: string;
  port: number;
  host?: string;
  log: Logger;
  context: (base: SubgraphContext) => C;
  /** Whether the subgraph can serve: answers `/readyz` (the gateway's `/readyz` asks every subgraph). */
  ready: () => Promise<boolean>;
}): Promise<RunningServer & { server: Server }> {
  const { name, log } = options;
  const apollo = new ApolloServer<C>({
    schema: options.schema,
    formatError: formatGraphQLError(log),
    introspection: true,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const latency = requestDuration.labels(name, 'graphql', '200');

  const server = createServer((request, response) => {
    const path = request.url?.split('?')[0];
    if (path === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (path === '/readyz') {
      void options.ready().then(
        (ok) =>
          response
            .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
            .end(JSON.stringify({ status: ok ? 'ready' : 'unavailable' })),
        () => response.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"unavailable"}'),
      );
      return;
    }
    if (path === '/metrics') {
      void metricsRegistry.metrics().then((text) => {
        response.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(text);
      });
      return;
    }
    const header = request.headers[PRINCIPAL_HEADER];
    const principal = verifyPrincipal(Array.isArray(header) ? header[0] : header, options.principalSecret);
    if (!principal) {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          errors: [
            { message: 'missing or invalid principal signature', extensions: { code: 'UNAUTHENTICATED' } },
          ],
        }),
      );
      return;
    }
    const requestId = String(request.headers['x-request-id'] ?? randomUUID());
    const stop = latency.startTimer();
    handleGraphQLRequest(apollo, request, response, async () => options.context({ principal, requestId }))
      .catch((error: unknown) => {
        log.error('request failed', { error, requestId });
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end('{"errors":[{"message":"internal server error","extensions":{"code":"INTERNAL"}}]}');
      })
      .finally(() => stop());
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/graphql`;
  log.info('subgraph listening', { service: name, url });

  return {
    url,
    server,
    async dispose() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await apollo.stop();
    },
  };
}
