import type { Logger } from '@vexil/platform';
import type { AccessRevocations } from '../auth/access-revocations.js';
import { evaluateAtEdge } from '../edge/evaluate-at-edge.js';
import type { RulesetCache } from '../edge/ruleset-cache.js';
import { ANONYMOUS_QUESTION, flagifyFlaggies } from '../rest/flagify/evaluation-routes.js';
import { flagifyDialect } from '../rest/flagify/flagify-dialect.js';
import type { SubscriptionBridge } from '../subscriptions/subscription-bridge.js';
import { apiKeyOf, sdkChangeStream, type FlagChange } from './sdk-change-stream.js';

// Flagify's SDK backs off from 1 s and takes `retry:` as its floor (routes.md §4.4).
const RETRY_MS = 1_000;

/** Flagify's three actions for Vexil's flag events; a restored flag is new again to an SDK. */
function actionOf(event: string): 'created' | 'archived' | 'updated' {
  if (event === 'flag.created' || event === 'flag.restored') return 'created';
  if (event === 'flag.archived' || event === 'flag.deleted') return 'archived';
  return 'updated';
}

/**
 * Flagify `GET /flagify/v1/eval/flags/stream` and `/eval/stream` (routes.md §4.4): `connected`,
 * `initial_sync` with the flags of `/eval/flags`, then `flag_change` per changed flag, on which its
 * SDK refetches `/eval/flags/{flagKey}`. Segment changes name no flag, so they have no frame.
 */
export function flagifyStream(
  bridge: SubscriptionBridge,
  rulesets: RulesetCache,
  revocations: AccessRevocations,
  log: Logger,
  heartbeatMs: number,
) {
  return sdkChangeStream({
    bridge,
    revocations,
    dialect: flagifyDialect,
    log,
    heartbeatMs,
    retryMs: RETRY_MS,
    caller: async (_request, _params, principal) => apiKeyOf(await principal()),
    opening: async (caller) => [
      { event: 'connected', data: { environmentId: caller.environmentId } },
      {
        event: 'initial_sync',
        data: flagifyFlaggies(await evaluateAtEdge(rulesets, caller, ANONYMOUS_QUESTION)),
      },
    ],
    frame: ({ action, flagKey }: FlagChange, caller) =>
      flagKey === null
        ? null
        : {
            event: 'flag_change',
            data: { environmentId: caller.environmentId, flagKey, action: actionOf(action) },
          },
  });
}
