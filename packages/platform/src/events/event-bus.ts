import pg from 'pg';
import type { DomainEvent } from './domain-event.js';
import type { Logger } from '../observability/logger.js';

/** A listener of every event of every service; returns nothing the bus waits for. */
export type EventHandler = (event: DomainEvent) => void;

/**
 * Carries committed events between services and gateway instances. Embedded mode uses
 * {@link InProcessEventBus}; server mode {@link PostgresEventBus} (LISTEN/NOTIFY). Same interface, so
 * the same code runs in both.
 */
export interface EventBus {
  publish(events: DomainEvent[]): Promise<void>;
  /** Registers a handler; the returned function removes it. */
  subscribe(handler: EventHandler): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'vexil_events';

class HandlerSet {
  readonly #handlers = new Set<EventHandler>();
  constructor(private readonly log: Logger) {}

  add(handler: EventHandler): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  deliver(event: DomainEvent): void {
    for (const handler of this.#handlers) {
      try {
        handler(event);
      } catch (error) {
        this.log.error('event handler failed', { event: event.type, error });
      }
    }
  }
}

/** Delivers events to handlers in this process, in publish order, after the publisher's turn ends. */
export class InProcessEventBus implements EventBus {
  readonly #handlers: HandlerSet;
  constructor(log: Logger) {
    this.#handlers = new HandlerSet(log);
  }

  async publish(events: DomainEvent[]): Promise<void> {
    setImmediate(() => events.forEach((event) => this.#handlers.deliver(event)));
  }

  subscribe(handler: EventHandler): () => void {
    return this.#handlers.add(handler);
  }

  async close(): Promise<void> {}
}

/**
 * Fans events out to every process on the same PostgreSQL database through LISTEN/NOTIFY, so a change
 * made through one instance reaches the subscribers and caches of all of them.
 */
export class PostgresEventBus implements EventBus {
  readonly #handlers: HandlerSet;
  readonly #listener: pg.Client;
  readonly #publisher: pg.Pool;

  private constructor(
    url: string,
    private readonly log: Logger,
  ) {
    this.#handlers = new HandlerSet(log);
    this.#listener = new pg.Client({ connectionString: url });
    this.#publisher = new pg.Pool({ connectionString: url, max: 2 });
    this.#publisher.on('error', (error) => log.warn('event bus publisher error', { error }));
  }

  /** Connects and starts listening; events are delivered from the moment this resolves. */
  static async connect(url: string, log: Logger): Promise<PostgresEventBus> {
    const bus = new PostgresEventBus(url, log);
    await bus.#listener.connect();
    bus.#listener.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      bus.#handlers.deliver(JSON.parse(message.payload) as DomainEvent);
    });
    bus.#listener.on('error', (error) => log.error('event bus listener error', { error }));
    await bus.#listener.query(`listen ${CHANNEL}`);
    return bus;
  }

  async publish(events: DomainEvent[]): Promise<void> {
    for (const event of events) {
      await this.#publisher.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)]);
    }
  }

  subscribe(handler: EventHandler): () => void {
    return this.#handlers.add(handler);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.#listener.end(), this.#publisher.end()]);
  }
}

/** Resolves with the first event matching `predicate`, or `undefined` after `timeoutMs`. */
export function waitForEvent(
  bus: EventBus,
  predicate: (event: DomainEvent) => boolean,
  timeoutMs: number,
): { promise: Promise<DomainEvent | undefined>; cancel(): void } {
  let cancel!: () => void;
  const promise = new Promise<DomainEvent | undefined>((resolve) => {
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    const unsubscribe = bus.subscribe((event) => predicate(event) && finish(event));
    function finish(event: DomainEvent | undefined) {
      clearTimeout(timer);
      unsubscribe();
      resolve(event);
    }
    cancel = () => finish(undefined);
  });
  return { promise, cancel };
}
