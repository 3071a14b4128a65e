import type { EntityManager } from '@mikro-orm/postgresql';
import { BACKGROUND, backgroundEm, type Orm } from '../database/create-orm.js';
import type { Logger } from '../observability/logger.js';
import type { DomainEvent } from './domain-event.js';
import type { EventBus } from './event-bus.js';
import type { OutboxRelay } from './outbox-relay.js';

/** Reacts to one kind of event inside the consuming service's transaction. */
export type EventReaction = (em: EntityManager, event: DomainEvent) => Promise<void>;

/**
 * Subscribes a service to other services' events; `reactions` is keyed by event type, `'*'` for all. Each event is handled in one transaction together
 * with an insert into the service's `inbox`, so a redelivered event (another instance, a replay) is
 * handled once. Events are handled one at a time, in arrival order. Returns the unsubscribe function.
 */
export function consumeEvents(options: {
  orm: Orm;
  bus: EventBus;
  relay: OutboxRelay;
  service: string;
  reactions: Record<string, EventReaction>;
  log: Logger;
}): { stop(): Promise<void>; idle(): Promise<void> } {
  const { orm, bus, relay, service, reactions, log } = options;
  let queue: Promise<void> = Promise.resolve();
  const unsubscribe = bus.subscribe((event) => {
    const react = reactions[event.type] ?? reactions['*'];
    if (!react) return;
    queue = queue.then(() =>
      relay
        .transaction(backgroundEm(orm), async (em) => {
          const fresh = await em
            .getConnection()
            .execute<{ event_id: string }[]>(
              `insert into "${service}".inbox (event_id) values (?) on conflict do nothing returning event_id`,
              [event.id],
              'all',
              em.getTransactionContext(),
              BACKGROUND,
            );
          if (fresh.length > 0) await react(em, event);
        })
        .catch((error: unknown) =>
          log.error('event reaction failed', { event: event.type, id: event.id, error }),
        ),
    );
  });
  return {
    /** Resolves when every event delivered so far has been handled. */
    async idle() {
      await queue;
    },
    async stop() {
      unsubscribe();
      await queue;
    },
  };
}
