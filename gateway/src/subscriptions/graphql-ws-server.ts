import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { DomainError, type Logger, type Principal } from '@vexil/platform';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { authenticate, type Verifiers } from '../auth/authenticate.js';
import { enforceClientKeyPolicy } from '../auth/client-key-policy.js';
import type { Graph } from '../graph/create-graph.js';
import type { SubscriptionBridge } from './subscription-bridge.js';

interface ConnectionState extends Record<PropertyKey, unknown> {
  principal?: Principal;
}

/**
 * graphql-ws on the gateway's `/graphql`: the client authenticates in `connection_init` (a bad token
 * closes the socket as Forbidden); subscriptions run on the {@link SubscriptionBridge}, queries and
 * mutations through the graph like HTTP ones.
 */
export function attachGraphQLWs(options: {
  server: Server;
  graph: Graph;
  bridge: SubscriptionBridge;
  verifiers: Verifiers;
  log: Logger;
}): { close(): Promise<void> } {
  const wss = new WebSocketServer({ server: options.server, path: '/graphql' });
  const disposable = useServer<Record<string, unknown>, ConnectionState>(
    {
      schema: options.graph.apiSchema,
      connectionInitWaitTimeout: 5_000,
      onConnect: async (ctx) => {
        try {
          const param = (...names: string[]) => {
            const value = names.map((name) => ctx.connectionParams?.[name]).find((v) => v !== undefined);
            return typeof value === 'string' ? value : undefined;
          };
          const principal = await authenticate(
            {
              authorization: param('authorization', 'Authorization'),
              apiKey: param('apiKey', 'x-api-key', 'X-API-Key'),
              clientIp: ctx.extra.request.socket.remoteAddress,
            },
            options.verifiers,
          );
          if (principal.kind === 'anonymous') return false;
          ctx.extra.principal = principal;
          return true;
        } catch (error) {
          if (!(error instanceof DomainError))
            options.log.error('graphql-ws authentication failed', { error });
          return false;
        }
      },
      context: (ctx) => ({ principal: ctx.extra.principal }),
      subscribe: (args) => {
        const { principal } = args.contextValue as { principal: Principal };
        try {
          enforceClientKeyPolicy(principal, args.document);
        } catch (error) {
          // A refused subscription is one result carrying the error, as for a query.
          return { errors: [error as GraphQLError] };
        }
        return options.bridge.subscribe({
          document: args.document,
          operationName: args.operationName ?? null,
          variables: (args.variableValues ?? {}) as Record<string, unknown>,
          principal,
        });
      },
      execute: async (args) => {
        const { principal } = args.contextValue as { principal: Principal };
        const result = await options.graph.execute(
          {
            query: args.document,
            variables: (args.variableValues ?? {}) as Record<string, unknown>,
            ...(args.operationName ? { operationName: args.operationName } : {}),
          },
          { principal, requestId: randomUUID() },
        );
        return {
          data: result.data ?? null,
          ...(result.errors
            ? {
                errors: result.errors.map(
                  (e) => new GraphQLError(e.message, { extensions: e.extensions ?? {} }),
                ),
              }
            : {}),
        } as ExecutionResult;
      },
    },
    wss,
    12_000,
  );
  return {
    async close() {
      for (const client of wss.clients) client.close(1001, 'Server shutting down');
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
