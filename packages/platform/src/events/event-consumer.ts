import { setTimeout as sleep } from 'node:timers/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BACKGROUND, backgroundEm, type Orm } from '../database/create-orm.js';
import { isTransientDatabaseError } from '../database/transient-error.js';
import type { Logger } from '../observability/logger.js';
import { deadEvents } from '../observability/metrics.js';
import type { DomainEvent } from './domain-event.js';
import type { EventBus } from './event-bus.js';
import type { OutboxRelay } from './outbox-relay.js';

/** Reacts to one kind of event inside the consuming service's transaction. */
export type EventReaction = (em: EntityManager, event: DomainEvent) => Promise<void>;

/** How a failing reaction is retried before its event is set aside as dead. */
export interface ConsumerRetry {
  /** Attempts of one event's reaction, the first included. */
  attempts: number;
  /** Wait before the second attempt; each further one waits twice as long. */
  baseMs: number;
}

interface ConsumerOptions {
  orm: Orm;
  bus: EventBus;
  relay: OutboxRelay;
  service: string;
  reactions: Record<string, EventReaction>;
  log: Logger;
}

/** The event a consumer records when it sets an event aside, so that it is seen, not only logged. */
export const DEAD_EVENT = 'event.dead';

const BATCH = 200;
/** Longest wait between attempts while the database itself is unreachable (those never count). */
const OUTAGE_BACKOFF_MS = 2000;

/**
 * Feeds a service's reactions (`reactions` keyed by event type, `'*'` for all) from every outbox, in
 * `seq` order per source. The consumer keeps its own position per source in `consumer_positions`,
 * moved in the same transaction as the reaction and its `inbox` row, so it resumes exactly where it
 * stopped after a restart, a crash or an outage: events committed while it was down are handled when
 * it is back. The bus only says when to look; the outbox is what is read.
 *
 * A reaction that throws is retried with backoff; after `retry.attempts` its event is recorded in
 * `dead_events` (and counted in `vexil_dead_events_total`) and the stream goes on. An unreachable
 * database is waited out and never makes an event dead.
 */
export function consumeEvents(options: ConsumerOptions & { retry?: ConsumerRetry }): {
  stop(): Promise<void>;
  idle(): Promise<void>;
} {
  const consumer = new EventConsumer(options, options.retry ?? { attempts: 5, baseMs: 200 });
  return { stop: () => consumer.stop(), idle: () => consumer.idle() };
}

class EventConsumer {
  readonly #positions = new Map<string, number>();
  /** Events the bus delivered and the consumer has not reached yet, per source, in `seq` order. */
  readonly #delivered = new Map<string, DomainEvent[]>();
  /** The positions as last stored; behind {@link #positions} only past events no reaction wanted. */
  readonly #stored = new Map<string, number>();
  readonly #pending = new Set<string>();
  readonly #stopping = new AbortController();
  readonly #unsubscribe: () => void;
  #worker: Promise<void> | null = null;
  #started: Promise<void>;

  constructor(
    private readonly options: ConsumerOptions,
    private readonly retry: ConsumerRetry,
  ) {
    this.#unsubscribe = options.bus.subscribe((event) => {
      const delivered = this.#delivered.get(event.source) ?? [];
      delivered.push(event);
      this.#delivered.set(event.source, delivered);
      this.#kick([event.source]);
    });
    this.#started = this.#start();
  }

  /** Resolves when every event committed before the call has been handled (or set aside). */
  async idle(): Promise<void> {
    await this.#started;
    while (this.#worker) await this.#worker;
  }

  async stop(): Promise<void> {
    this.#unsubscribe();
    this.#stopping.abort();
    await this.#started.catch(() => {});
    await this.#worker?.catch(() => {});
    await this.#saveSkipped(0).catch(() => {});
  }

  /** Loads the stored positions, then catches up on every outbox from them. */
  async #start(): Promise<void> {
    for (;;) {
      try {
        const rows = await this.#execute<{ source: string; seq: string }>(
          `select source, seq from "${this.options.service}".consumer_positions`,
        );
        for (const row of rows) {
          this.#positions.set(row.source, Number(row.seq));
          this.#stored.set(row.source, Number(row.seq));
        }
        this.#kick([...(await this.options.bus.heads()).keys()]);
        return;
      } catch (error) {
        if (this.#stopping.signal.aborted) return;
        this.options.log.warn('event consumer could not start; retrying', { error });
        await this.#pause(OUTAGE_BACKOFF_MS);
      }
    }
  }

  #kick(sources: string[]): void {
    for (const source of sources) this.#pending.add(source);
    if (this.#worker || this.#stopping.signal.aborted) return;
    this.#worker = this.#run().finally(() => {
      this.#worker = null;
      if (this.#pending.size > 0 && !this.#stopping.signal.aborted) this.#kick([]);
    });
  }

  async #run(): Promise<void> {
    await this.#started;
    while (this.#pending.size > 0 && !this.#stopping.signal.aborted) {
      const source = this.#pending.values().next().value!;
      this.#pending.delete(source);
      try {
        await this.#drain(source);
      } catch (error) {
        if (this.#stopping.signal.aborted) return;
        // Reading the outbox failed (the database went away): look again shortly.
        this.options.log.warn('event consumer could not read an outbox; retrying', { source, error });
        await this.#pause(OUTAGE_BACKOFF_MS);
        this.#pending.add(source);
      }
    }
  }

  /**
   * Handles what `source` committed past the position. Events the bus delivered in an unbroken run from
   * the position are used as they are; a gap (a restart, a lost notification, a new source) is read from
   * the outbox. So a change costs each consumer no read in the steady state.
   */
  async #drain(source: string): Promise<void> {
    for (;;) {
      const position = this.#positions.get(source) ?? 0;
      const delivered = this.#takeDelivered(source, position);
      const events = delivered ?? (await this.options.bus.history(source, position, BATCH));
      for (const event of events) {
        if (this.#stopping.signal.aborted) return;
        const react = this.options.reactions[event.type] ?? this.options.reactions['*'];
        if (react) await this.#handle(event, react);
        else this.#positions.set(source, event.seq);
      }
      await this.#saveSkipped(BATCH);
      if (delivered || events.length < BATCH) return;
    }
  }

  /** The delivered events that follow `position` without a gap, or null when the outbox must be read. */
  #takeDelivered(source: string, position: number): DomainEvent[] | null {
    const delivered = (this.#delivered.get(source) ?? []).filter((event) => event.seq > position);
    this.#delivered.delete(source);
    if (delivered.length === 0 || delivered[0]!.seq !== position + 1) return null;
    const run = delivered.findIndex((event, index) => event.seq !== position + 1 + index);
    if (run === -1) return delivered;
    // Keep what follows the gap for later; the gap itself is read from the outbox next time.
    this.#delivered.set(source, delivered.slice(run));
    this.#pending.add(source);
    return delivered.slice(0, run);
  }

  /**
   * Stores positions moved only past events no reaction wanted, once `atLeast` of them piled up (0: all):
   * a consumer that reacts to few types need not write on every change, and after a crash it merely
   * reads those events again.
   */
  async #saveSkipped(atLeast: number): Promise<void> {
    for (const [source, seq] of this.#positions) {
      const stored = this.#stored.get(source) ?? 0;
      if (seq === stored || seq - stored < atLeast) continue;
      await this.#execute(this.#savePosition(), [source, seq]);
      this.#stored.set(source, seq);
    }
  }

  /** Runs one event's reaction with its inbox row and position, retrying until it succeeds or is dead. */
  async #handle(event: DomainEvent, react: EventReaction): Promise<void> {
    const { orm, relay, service, log } = this.options;
    for (let attempt = 1; ;) {
      try {
        await relay.transaction(backgroundEm(orm), async (em) => {
          const fresh = await this.#execute<{ event_id: string }>(
            `insert into "${service}".inbox (event_id) values (?) on conflict do nothing returning event_id`,
            [event.id],
            em,
          );
          if (fresh.length > 0) await react(em, event);
          await this.#execute(this.#savePosition(), [event.source, event.seq], em);
        });
        this.#positions.set(event.source, event.seq);
        this.#stored.set(event.source, event.seq);
        return;
      } catch (error) {
        if (this.#stopping.signal.aborted) throw error;
        if (isTransientDatabaseError(error)) {
          await this.#pause(OUTAGE_BACKOFF_MS);
          continue;
        }
        if (attempt >= this.retry.attempts) {
          await this.#bury(event, attempt, error);
          return;
        }
        log.warn('event reaction failed; retrying', { event: event.type, id: event.id, attempt, error });
        await this.#pause(this.retry.baseMs * 2 ** (attempt - 1));
        attempt++;
      }
    }
  }

  /** Sets an event aside for good, so the events after it are not held up by it. */
  async #bury(event: DomainEvent, attempts: number, error: unknown): Promise<void> {
    const { service, log } = this.options;
    const message = String((error as Error)?.message ?? error);
    log.error('event reaction failed for good; event set aside', { event: event.type, id: event.id, error });
    deadEvents.inc({ service });
    await this.options.relay.transaction(backgroundEm(this.options.orm), async (em) => {
      await this.#execute(
        `insert into "${service}".dead_events (event_id, source, seq, type, attempts, error)
         values (?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing`,
        [event.id, event.source, event.seq, event.type, attempts, message],
        em,
      );
      await this.#execute(this.#savePosition(), [event.source, event.seq], em);
      // Told to everyone (the audit log shows it to the organization's admins), except a report of a
      // dead report: a consumer that cannot take reports would bury its own forever.
      if (event.type !== DEAD_EVENT)
        this.options.relay.record(em, {
          type: DEAD_EVENT,
          organizationId: event.organizationId,
          aggregateId: event.id,
          actor: { type: 'system', id: service },
          payload: {
            service,
            eventId: event.id,
            eventType: event.type,
            source: event.source,
            attempts,
            error: message,
          },
        });
    });
    this.#positions.set(event.source, event.seq);
    this.#stored.set(event.source, event.seq);
  }

  #savePosition(): string {
    return `insert into "${this.options.service}".consumer_positions (source, seq) values (?, ?)
      on conflict (source) do update set seq = greatest(consumer_positions.seq, excluded.seq), updated_at = now()`;
  }

  #execute<T = unknown>(sql: string, params: unknown[] = [], em?: EntityManager): Promise<T[]> {
    const connection = (em ?? backgroundEm(this.options.orm)).getConnection();
    return connection.execute<T[]>(sql, params as never[], 'all', em?.getTransactionContext(), BACKGROUND);
  }

  /** Waits, unless the consumer stops meanwhile. */
  async #pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.#stopping.signal }).catch(() => {});
  }
}
