import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, type EventBus, type Logger, type Principal } from '@vexil/platform';
import type { Verifiers } from '../auth/authenticate.js';
import { featureSignalsDialect } from '../rest/featuresignals/featuresignals-dialect.js';
import { sendFailure } from '../rest/rest-router.js';
import { streamChanges } from './change-stream.js';

/**
 * FeatureSignals `GET /v1/stream/{envKey}` (routes.md §1.9): `connected`, then a `flag-update` frame
 * per change, on which its SDKs refetch their flags. The key comes in `X-API-Key` or, as every
 * official SDK still sends it, `?api_key=`.
 */
export function featureSignalsStream(bus: EventBus, verifiers: Verifiers, log: Logger) {
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
      streamChanges({
        response,
        bus,
        principal: caller,
        opening: [{ event: 'connected', data: { env_id: caller.environmentId } }],
        frame: (event) => {
          const payload = event.payload as { flagId?: string };
          return {
            event: 'flag-update',
            data: {
              type: 'flag_update',
              env_id: caller.environmentId,
              flag_id: payload.flagId ?? null,
              action: event.type,
            },
          };
        },
      });
    } catch (error) {
      sendFailure(featureSignalsDialect, response, error, requestId, log);
    }
  };
}
