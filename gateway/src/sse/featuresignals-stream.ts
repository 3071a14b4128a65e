import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, type Logger, type Principal } from '@vexil/platform';
import { parse } from 'graphql';
import type { Verifiers } from '../auth/authenticate.js';
import { featureSignalsDialect } from '../rest/featuresignals/featuresignals-dialect.js';
import { sendFailure } from '../rest/rest-router.js';
import type { SubscriptionBridge } from '../subscriptions/subscription-bridge.js';
import { streamFrames, type SseFrame } from './change-stream.js';

// The SSE stream is the `flagUpdates` feed (DESIGN.md): the flags subgraph decides which changes
// concern the key's environment, exactly as for graphql-ws subscribers.
const FLAG_UPDATES = parse(`subscription FeatureSignalsStream { flagUpdates { action flagId } }`);

/**
 * FeatureSignals `GET /v1/stream/{envKey}` (routes.md §1.9): `connected`, then a `flag-update` frame
 * per change, on which its SDKs refetch their flags. The key comes in `X-API-Key` or, as every
 * official SDK still sends it, `?api_key=`.
 */
export function featureSignalsStream(bridge: SubscriptionBridge, verifiers: Verifiers, log: Logger) {
  return async (
    request: IncomingMessage,
    response: ServerResponse,
    params: Record<string, string | undefined>,
    requestId: string,
    principal: () => Promise<Principal>,
  ): Promise<void> => {
    try {
      const queryKey = new URL(request.url ?? '/', 'http://localhost').searchParams.get('api_key');
      const caller = queryKey ? await verifiers.apiKeys.authenticate(queryKey) : await principal();
      if (caller.kind !== 'apiKey') throw new DomainError('UNAUTHENTICATED', 'API key required');
      if (caller.environmentKey !== params.envKey) {
        throw new DomainError(
          'INSUFFICIENT_PERMISSIONS',
          `API key does not belong to environment ${params.envKey}`,
        );
      }
      const environmentId = caller.environmentId;
      const updates = bridge.subscribe({ document: FLAG_UPDATES, variables: {}, principal: caller });
      async function* frames(): AsyncIterableIterator<SseFrame> {
        for await (const result of updates) {
          const update = result.data?.flagUpdates as { action: string; flagId: string | null } | undefined;
          if (!update) continue;
          yield {
            event: 'flag-update',
            data: {
              type: 'flag_update',
              env_id: environmentId,
              flag_id: update.flagId,
              action: update.action,
            },
          };
        }
      }
      const stream = frames();
      // The generator may be waiting on the bridge when the client leaves: end the subscription itself.
      response.on('close', () => void updates.return?.());
      streamFrames({
        response,
        opening: [{ event: 'connected', data: { env_id: environmentId } }],
        frames: stream,
      });
    } catch (error) {
      sendFailure(featureSignalsDialect, response, error, requestId, log);
    }
  };
}
