import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, type Logger, type Principal } from '@vexil/platform';
import { parse, type ExecutionResult } from 'graphql';
import type { AccessRevocations } from '../auth/access-revocations.js';
import type { Dialect } from '../rest/rest-route.js';
import { sendFailure } from '../rest/rest-router.js';
import type { SubscriptionBridge } from '../subscriptions/subscription-bridge.js';
import { streamFrames, type SseFrame } from './change-stream.js';

// Every SSE stream is the `flagUpdates` feed (DESIGN.md): the flags subgraph decides which changes
// concern the key's environment, exactly as for graphql-ws subscribers. All dialects select the same
// fields, so the streams of one key share one fan-out group at the bridge.
const FLAG_UPDATES = parse(`subscription SdkChangeStream { flagUpdates { action flagId flagKey } }`);

/** A change as SDK streams hear of it: the event type (`flag.toggled`, …) and the flag, if one. */
export interface FlagChange {
  action: string;
  flagId: string | null;
  flagKey: string | null;
}

/** The caller of an SDK stream: an environment's API key. */
export type ApiKeyPrincipal = Extract<Principal, { kind: 'apiKey' }>;

/** An SSE route as the gateway's router calls it. */
export type StreamHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  params: Record<string, string | undefined>,
  requestId: string,
  principal: () => Promise<Principal>,
) => Promise<void>;

/** The caller as an API key; anyone else is refused with 401 (SDK streams take keys only). */
export function apiKeyOf(principal: Principal): ApiKeyPrincipal {
  if (principal.kind !== 'apiKey') throw new DomainError('UNAUTHENTICATED', 'API key required');
  return principal;
}

/**
 * An SDK's change stream over SSE: authenticates the key, subscribes it to `flagUpdates` through the
 * bridge, sends the dialect's opening frames and then one frame per change, and ends the subscription
 * when the client leaves or the key's access ends (revoked, organization deleted). A refused request
 * gets the dialect's error shape and status.
 */
export function sdkChangeStream(options: {
  bridge: SubscriptionBridge;
  revocations: AccessRevocations;
  dialect: Dialect;
  log: Logger;
  heartbeatMs: number;
  retryMs?: number;
  /** The key the stream is for; throws a DomainError to refuse the request. */
  caller(
    request: IncomingMessage,
    params: Record<string, string | undefined>,
    principal: () => Promise<Principal>,
  ): Promise<ApiKeyPrincipal>;
  /** Frames sent before any change. */
  opening(caller: ApiKeyPrincipal): SseFrame[] | Promise<SseFrame[]>;
  /** The frame for a change, or null for one the dialect's SDKs have no frame for. */
  frame(change: FlagChange, caller: ApiKeyPrincipal): SseFrame | null;
}): StreamHandler {
  return async (request, response, params, requestId, principal) => {
    try {
      const caller = await options.caller(request, params, principal);
      // A client gone while its key was checked would never close again to end what follows.
      if (response.destroyed) return;
      // Subscribed before the opening frames are read, so no change can fall between the two.
      const updates = options.bridge.subscribe({ document: FLAG_UPDATES, variables: {}, principal: caller });
      // Ending the subscription ends the frames, and with them the response; SDKs then reconnect and
      // are refused. The frames below may be waiting on the bridge when the client leaves: end it too.
      const unwatch = options.revocations.watch({ principal: caller }, () => void updates.return?.());
      response.on('close', () => {
        unwatch();
        void updates.return?.();
      });
      const opening = await options.opening(caller);
      streamFrames({
        response,
        opening,
        frames: framesOf(updates, (change) => options.frame(change, caller)),
        heartbeatMs: options.heartbeatMs,
        ...(options.retryMs !== undefined ? { retryMs: options.retryMs } : {}),
      });
    } catch (error) {
      sendFailure(options.dialect, response, error, requestId, options.log);
    }
  };
}

async function* framesOf(
  updates: AsyncIterable<ExecutionResult>,
  frame: (change: FlagChange) => SseFrame | null,
): AsyncIterableIterator<SseFrame> {
  for await (const result of updates) {
    const change = result.data?.flagUpdates as FlagChange | undefined;
    const next = change ? frame(change) : null;
    if (next) yield next;
  }
}
