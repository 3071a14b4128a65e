import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import {
  DomainError,
  subscriptionDisconnects,
  subscriptionPayloads,
  type Logger,
  type Principal,
} from '@vexil/platform';
import {
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { authenticate, type Verifiers } from '../auth/authenticate.js';
import { enforceClientKeyPolicy } from '../auth/client-key-policy.js';
import type { Graph } from '../graph/create-graph.js';
import { serializedPayload, type SubscriptionBridge } from './subscription-bridge.js';

interface ConnectionState extends Record<PropertyKey, unknown> {
  principal?: Principal;
}

/** How the socket layer treats its clients. */
export interface SocketLimits {
  /** A client must send `connection_init` within this time. */
  initTimeoutMs: number;
  /** Ping interval; a client that does not pong within one interval is dropped. */
  keepAliveMs: number;
  /**
   * Largest message a client may send. `ws` buffers a whole message before it hands it on (its own
   * default is 100 MiB), so without this one ping costs that much memory; a larger message closes the
   * socket with 1009 (Message Too Big) unread.
   */
  maxPayloadBytes: number;
  /** Bytes a socket may have waiting to be written; above this the client is too slow and is dropped. */
  maxBufferedBytes: number;
}

// graphql-ws stringifies every `next` message itself. For payloads the bridge serialized once, it is
// handed this marker instead and the socket splices the serialized text in its place.
const MARKER = { vexilSerializedPayload: true };
const MARKED_TAIL = `"payload":${JSON.stringify(MARKER)}}`;

// SDKs subscribe by the thousand with the same few documents: each text is parsed and validated once.
const DOCUMENT_CACHE_SIZE = 1000;
const parsedDocuments = new Map<string, DocumentNode>();
const validations = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, readonly GraphQLError[]>>();

function parseOnce(source: string): DocumentNode {
  let document = parsedDocuments.get(source);
  if (!document) {
    document = parse(source);
    if (parsedDocuments.size >= DOCUMENT_CACHE_SIZE) parsedDocuments.clear();
    parsedDocuments.set(source, document);
  }
  return document;
}

function validateOnce(schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[] {
  let bySchema = validations.get(schema);
  if (!bySchema) validations.set(schema, (bySchema = new WeakMap()));
  let errors = bySchema.get(document);
  if (!errors) {
    errors = validate(schema, document);
    bySchema.set(document, errors);
  }
  return errors;
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
  limits: SocketLimits;
  log: Logger;
}): { close(): Promise<void> } {
  const { limits, log } = options;
  const wss = new WebSocketServer({
    server: options.server,
    path: '/graphql',
    maxPayload: limits.maxPayloadBytes,
  });
  const dropSlow = (socket: WebSocket) => {
    if (socket.readyState === socket.CLOSED) return;
    log.warn('graphql-ws client too slow; disconnected', { buffered: socket.bufferedAmount });
    subscriptionDisconnects.inc({ reason: 'slow' });
    socket.terminate();
  };
  /** Serialized payloads waiting for their marked message, per socket, in send order. */
  const pending = new WeakMap<WebSocket, string[]>();
  // Registered before graphql-ws's own listener, so every send of the socket passes through here.
  wss.on('connection', (socket) => {
    const queue: string[] = [];
    pending.set(socket, queue);
    const send = socket.send.bind(socket) as (data: string, cb?: (error?: Error) => void) => void;
    socket.send = ((data: string, cb?: (error?: Error) => void) => {
      if (socket.bufferedAmount > limits.maxBufferedBytes) {
        dropSlow(socket);
        cb?.();
        return;
      }
      let text = data;
      if (typeof data === 'string' && data.endsWith(MARKED_TAIL)) {
        text = `${data.slice(0, -MARKED_TAIL.length)}"payload":${queue.shift()}}`;
        subscriptionPayloads.inc({ stage: 'sent' });
      }
      send(text, cb);
    }) as WebSocket['send'];
  });
  const disposable = useServer<Record<string, unknown>, ConnectionState>(
    {
      schema: options.graph.apiSchema,
      parse: (source) => parseOnce(typeof source === 'string' ? source : source.body),
      validate: (schema, document) => validateOnce(schema, document),
      connectionInitWaitTimeout: limits.initTimeoutMs,
      onNext: (ctx, _id, _payload, _args, result) => {
        const serialized = serializedPayload(result as ExecutionResult);
        if (serialized === undefined) return undefined;
        pending.get(ctx.extra.socket)?.push(serialized);
        return MARKER as ExecutionResult;
      },
      onConnect: async (ctx) => {
        try {
          const param = (...names: string[]) => {
            const value = names.map((name) => ctx.connectionParams?.[name]).find((v) => v !== undefined);
            return typeof value === 'string' ? value : undefined;
          };
          const caller = await authenticate(
            {
              authorization: param('authorization', 'Authorization'),
              apiKey: param('apiKey', 'x-api-key', 'X-API-Key'),
              clientIp: ctx.extra.request.socket.remoteAddress,
            },
            options.verifiers,
          );
          const { socket } = ctx.extra;
          // A client gone while it was authenticated would never close again to stop the watch.
          if (caller.principal.kind === 'anonymous' || socket.readyState !== socket.OPEN) return false;
          ctx.extra.principal = caller.principal;
          // Access that ends while connected (a revoked key or session, a deleted organization) ends
          // the connection as Forbidden, as a refused connection_init would have.
          const unwatch = options.verifiers.revocations.watch(caller, (reason) => {
            subscriptionDisconnects.inc({ reason: 'revoked' });
            socket.close(CloseCode.Forbidden, reason);
          });
          socket.once('close', unwatch);
          return true;
        } catch (error) {
          if (!(error instanceof DomainError)) log.error('graphql-ws authentication failed', { error });
          return false;
        }
      },
      context: (ctx) => ({ principal: ctx.extra.principal, socket: ctx.extra.socket }),
      subscribe: (args) => {
        const { principal, socket } = args.contextValue as { principal: Principal; socket: WebSocket };
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
          onSlow: () => dropSlow(socket),
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
    limits.keepAliveMs,
  );
  return {
    async close() {
      for (const client of wss.clients) client.close(1001, 'Server shutting down');
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
