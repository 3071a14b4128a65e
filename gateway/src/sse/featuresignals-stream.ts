import type { Logger } from '@vexil/platform';
import { DomainError } from '@vexil/platform';
import type { Verifiers } from '../auth/authenticate.js';
import { featureSignalsDialect } from '../rest/featuresignals/featuresignals-dialect.js';
import type { SubscriptionBridge } from '../subscriptions/subscription-bridge.js';
import { apiKeyOf, sdkChangeStream } from './sdk-change-stream.js';

/**
 * FeatureSignals `GET /v1/stream/{envKey}` (routes.md §1.9): `connected`, then a `flag-update` frame
 * per change, on which its SDKs refetch their flags. The key comes in `X-API-Key` or, as every
 * official SDK still sends it, `?api_key=`.
 */
export function featureSignalsStream(
  bridge: SubscriptionBridge,
  verifiers: Verifiers,
  log: Logger,
  heartbeatMs: number,
) {
  return sdkChangeStream({
    bridge,
    revocations: verifiers.revocations,
    dialect: featureSignalsDialect,
    log,
    heartbeatMs,
    caller: async (request, params, principal) => {
      const queryKey = new URL(request.url ?? '/', 'http://localhost').searchParams.get('api_key');
      const caller = apiKeyOf(queryKey ? await verifiers.apiKeys.authenticate(queryKey) : await principal());
      if (caller.environmentKey !== params.envKey) {
        throw new DomainError(
          'INSUFFICIENT_PERMISSIONS',
          `API key does not belong to environment ${params.envKey}`,
        );
      }
      return caller;
    },
    opening: (caller) => [{ event: 'connected', data: { env_id: caller.environmentId } }],
    frame: (change, caller) => ({
      event: 'flag-update',
      data: {
        type: 'flag_update',
        env_id: caller.environmentId,
        flag_id: change.flagId,
        action: change.action,
      },
    }),
  });
}
