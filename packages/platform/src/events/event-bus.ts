import pg from 'pg';
import type { DomainEvent } from './domain-event.js';
import type { Logger } from '../observability/logger.js';
import { outboxHead, outboxHeads, readOutbox, readRecentOutbox, type RowQuery } from './outbox-reader.js';

/** A listener of every event of every service; returns nothing the bus waits for. */
export type EventHandler = (event: DomainEvent) => void;

/**
 * Carries committed events between services and gateway instances. Embedded mode uses
 * {@link InProcessEventBus}; server mode {@link PostgresEventBus} (LISTEN/NOTIFY over the outbox
 * tables). Same interface, so the same code runs in both.
 */
export interface EventBus {
  /** Publishes events; resolves once this process's handlers have had them. */
  publish(events: DomainEvent[]): Promise<void>;
  /** Registers a handler; the returned function removes it. */
  subscribe(handler: EventHandler): () => void;
  /** Committed events of `source` after `afterSeq`, oldest first, at most `limit` (read from its outbox). */
  history(source: string, afterSeq: number, limit: number): Promise<DomainEvent[]>;
  /** Committed events of `source` of one `type` that occurred at or after `since`, oldest first. */
  recent(source: string, type: string, since: Date): Promise<DomainEvent[]>;
  /** The `seq` of the last committed event of `source` (0 when there is none). */
  head(source: string): Promise<number>;
  /** The last `seq` of every source that has an outbox. */
  heads(): Promise<Map<string, number>>;
  close(): Promise<void>;
}

const CHANNEL = 'vexil_events';
// How long a publisher waits for its own events to come back through the tail before it stops waiting.
const ECHO_TIMEOUT_MS = 2000;
const TAIL_BATCH = 500;

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

/**
 * What both buses share: their handlers, and the reads of the outbox tables (the source of truth) through
 * one query function.
 */
abstract class OutboxBus implements EventBus {
  protected readonly handlers: HandlerSet;
  constructor(
    log: Logger,
    protected readonly query: RowQuery,
  ) {
    this.handlers = new HandlerSet(log);
  }

  abstract publish(events: DomainEvent[]): Promise<void>;
  abstract close(): Promise<void>;

  subscribe(handler: EventHandler): () => void {
    return this.handlers.add(handler);
  }

  history(source: string, afterSeq: number, limit: number): Promise<DomainEvent[]> {
    return readOutbox(this.query, source, afterSeq, limit);
  }

  recent(source: string, type: string, since: Date): Promise<DomainEvent[]> {
    return readRecentOutbox(this.query, source, type, since);
  }

  head(source: string): Promise<number> {
    return outboxHead(this.query, source);
  }

  heads(): Promise<Map<string, number>> {
    return outboxHeads(this.query);
  }
}

/**
 * Delivers events to handlers in this process, in publish order, after the publisher's turn ends. The
 * relays are the only publishers and drain in `seq` order, so handlers see each source in commit order.
 */
export class InProcessEventBus extends OutboxBus {
  async publish(events: DomainEvent[]): Promise<void> {
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        events.forEach((event) => this.handlers.deliver(event));
        resolve();
      }),
    );
  }

  async close(): Promise<void> {}
}

/**
 * Fans events out to every process on the same PostgreSQL database. The outbox tables are the source
 * of truth: a notification only says "source S has new rows", and each process reads what follows the
 * last `seq` it delivered. A lost notification (a dropped listener connection, a restart of the server)
 * therefore loses nothing: the next notification, the periodic sweep or the reconnection reads it.
 */
export class PostgresEventBus extends OutboxBus {
  readonly #pool: pg.Pool;
  #listener: pg.Client | null = null;
  /** Last delivered `seq` per source. */
  readonly #heads = new Map<string, number>();
  /** One tail read per source at a time; `true` asks for another pass after it. */
  readonly #tails = new Map<string, { again: boolean; done: Promise<void> }>();
  /** Publishes waiting for their event to come back through this process's tail. */
  readonly #echoes = new Map<string, () => void>();
  #sweep: NodeJS.Timeout | undefined;
  #closed = false;

  private constructor(
    private readonly url: string,
    private readonly log: Logger,
    private readonly sweepMs: number,
  ) {
    // A connect that hangs (a server gone without a word) must fail, so the sweep tries again.
    const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5000 });
    super(log, async <T>(sql: string, params: unknown[]) => (await pool.query(sql, params)).rows as T[]);
    this.#pool = pool;
    this.#pool.on('error', (error) => log.warn('event bus pool error', { error }));
  }

  /** Connects and starts listening; events committed from the moment this resolves are delivered. */
  static async connect(url: string, log: Logger, sweepMs = 1000): Promise<PostgresEventBus> {
    const bus = new PostgresEventBus(url, log, sweepMs);
    for (const [source, head] of await outboxHeads(bus.query)) bus.#heads.set(source, head);
    await bus.#listen();
    bus.#sweep = setInterval(() => void bus.#catchUpAll(), sweepMs).unref();
    return bus;
  }

  /** Rings every process's doorbell, then waits until this process has delivered the events itself. */
  async publish(events: DomainEvent[]): Promise<void> {
    const delivered = (event: DomainEvent) => (this.#heads.get(event.source) ?? 0) >= event.seq;
    const echoes = events.map(
      (event) =>
        new Promise<void>((resolve) => {
          // The sweep may have read it already, between the commit and this publish.
          if (delivered(event)) return resolve();
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
      for (const source of new Set(events.map((event) => event.source))) {
        await this.#pool.query('select pg_notify($1, $2)', [CHANNEL, source]);
      }
    } finally {
      await Promise.all(echoes);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#sweep);
    await Promise.allSettled([...this.#tails.values()].map((tail) => tail.done));
    await Promise.allSettled([this.#listener?.end(), this.#pool.end()]);
  }

  async #listen(): Promise<void> {
    const listener = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5000 });
    listener.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) void this.#catchUp(message.payload);
    });
    let lost = false;
    const reconnect = (error?: unknown) => {
      if (lost || this.#closed) return;
      lost = true;
      this.log.warn('event bus listener lost; reconnecting', { error });
      void listener.end().catch(() => {});
      setTimeout(() => void this.#reconnect(), 200).unref();
    };
    listener.on('error', reconnect);
    listener.on('end', () => reconnect());
    await listener.connect();
    await listener.query(`listen ${CHANNEL}`);
    this.#listener = listener;
  }

  async #reconnect(): Promise<void> {
    try {
      await this.#listen();
      await this.#catchUpAll();
    } catch (error) {
      if (this.#closed) return;
      this.log.warn('event bus reconnection failed; retrying', { error });
      setTimeout(() => void this.#reconnect(), 1000).unref();
    }
  }

  /** The sweep: new sources (created by migrations after connect start at 0) and every known one. */
  async #catchUpAll(): Promise<void> {
    if (this.#closed) return;
    try {
      for (const [source] of await outboxHeads(this.query))
        if (!this.#heads.has(source)) this.#heads.set(source, 0);
    } catch (error) {
      // A sweep already under way when the bus closes finds its pool ended: nothing was missed.
      if (!this.#closed) this.log.warn('event bus sweep failed', { error });
      return;
    }
    await Promise.all([...this.#heads.keys()].map((source) => this.#catchUp(source)));
  }

  #catchUp(source: string): Promise<void> {
    const running = this.#tails.get(source);
    if (running) {
      running.again = true;
      return running.done;
    }
    const tail = { again: false, done: Promise.resolve() };
    tail.done = (async () => {
      try {
        do {
          tail.again = false;
          await this.#readTail(source);
        } while (tail.again && !this.#closed);
      } catch (error) {
        if (!this.#closed) this.log.warn('event bus tail read failed', { source, error });
      } finally {
        this.#tails.delete(source);
      }
    })();
    this.#tails.set(source, tail);
    return tail.done;
  }

  async #readTail(source: string): Promise<void> {
    for (;;) {
      const events = await readOutbox(this.query, source, this.#heads.get(source) ?? 0, TAIL_BATCH);
      for (const event of events) {
        this.#heads.set(source, event.seq);
        this.handlers.deliver(event);
        this.#echoes.get(event.id)?.();
      }
      if (events.length < TAIL_BATCH || this.#closed) return;
    }
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
