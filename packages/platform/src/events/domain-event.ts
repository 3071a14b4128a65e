import type { AuditSource } from '../auth/principal.js';

/**
 * Who caused a change: a user, an API key, or the system itself (schedulers, consumers); for changes
 * a request made, where it came from and which request it was.
 */
export interface Actor {
  type: 'user' | 'apiKey' | 'system';
  id: string;
  source?: AuditSource;
  requestId?: string;
}

/**
 * A fact one service tells the others, read from its `outbox` table after the transaction that wrote it
 * committed. `seq` orders one source's events; `id` is what consumers deduplicate on.
 */
export interface DomainEvent<P = Record<string, unknown>> {
  id: string;
  source: string;
  seq: number;
  type: string;
  organizationId: string | null;
  aggregateId: string | null;
  actor: Actor | null;
  payload: P;
  occurredAt: string;
}

/**
 * The type of the event a subscription's re-hydration sees once, when it starts: a field that answers
 * it (say, `evaluationsChanged`) sends the current state first; others answer null.
 */
export const SUBSCRIPTION_STARTED = 'subscription.started';
