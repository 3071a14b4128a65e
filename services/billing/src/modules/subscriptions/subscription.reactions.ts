import type { EventReaction, ServiceRuntime } from '@vexil/platform';
import { Subscription } from './subscription.entity.js';

/** A new organization starts on the free plan. */
export function subscriptionReactions(runtime: ServiceRuntime): Record<string, EventReaction> {
  return {
    'organization.created': async (em, event) => {
      const subscription = em.create(Subscription, { organizationId: event.organizationId! });
      runtime.relay.record(em, {
        type: 'subscription.created',
        organizationId: event.organizationId,
        aggregateId: subscription.id,
        actor: { type: 'system', id: 'billing' },
        payload: { subscriptionId: subscription.id, plan: subscription.plan },
      });
    },
  };
}
