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
  /** Publishes events; resolves once this process's handlers have had them. */
  publish(events: DomainEvent[]): Promise<void>;
  /** Registers a handler; the returned function removes it. */
  subscribe(handler: EventHandler): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'vexil_events';
// How long a publisher waits for its own notification to come back before it stops waiting.
const ECHO_TIMEOUT_MS = 2000;

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
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        events.forEach((event) => this.#handlers.deliver(event));
        resolve();
      }),
    );
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
  /** Publishes waiting for their event to come back through this process's listener. */
  readonly #echoes = new Map<string, () => void>();

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
      const event = JSON.parse(message.payload) as DomainEvent;
      bus.#handlers.deliver(event);
      bus.#echoes.get(event.id)?.();
    });
    bus.#listener.on('error', (error) => log.error('event bus listener error', { error }));
    await bus.#listener.query(`listen ${CHANNEL}`);
    return bus;
  }

  /**
   * Notifies every listener, then waits until this process's own listener has delivered the events,
   * so a write answered after publishing has reached every handler here (the gateway's caches).
   */
  async publish(events: DomainEvent[]): Promise<void> {
    const echoes = events.map(
      (event) =>
        new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            this.#echoes.delete(event.id);
            resolve();
          };
          const timer = setTimeout(done, ECHO_TIMEOUT_MS);
          this.#echoes.set(event.id, done);
        }),
    );
    try {
      for (const event of events) {
        await this.#publisher.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)]);
      }
    } finally {
      await Promise.all(echoes);
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
