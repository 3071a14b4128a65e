import type { EntityManager } from '@mikro-orm/postgresql';
import { BACKGROUND, backgroundEm, type Orm } from '../database/create-orm.js';
import { retryTransient } from '../database/retry-transient.js';
import { isTransientDatabaseError } from '../database/transient-error.js';
import type { Logger } from '../observability/logger.js';
import type { Actor } from './domain-event.js';
import type { EventBus } from './event-bus.js';
import { OutboxEvent } from './outbox-event.entity.js';
import { OUTBOX_COLUMNS, toDomainEvent, type OutboxRow } from './outbox-reader.js';

/** What a service records about a change; the outbox adds id, order and time. */
export interface NewEvent {
  type: string;
  organizationId: string | null;
  aggregateId: string | null;
  actor: Actor | null;
  payload: Record<string, unknown>;
}

/**
 * Publishes a service's committed outbox rows on the bus, in `seq` order, each once. It drains when a
 * write transaction of the service commits ({@link OutboxRelay.transaction}) and on a slow timer that
 * picks up anything a crash left behind.
 */
export class OutboxRelay {
  #draining: Promise<void> | null = null;
  #again = false;
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly orm: Orm,
    private readonly service: string,
    private readonly bus: EventBus,
    private readonly log: Logger,
    sweepMs = 5000,
  ) {
    this.#timer = setInterval(() => this.kick(), sweepMs).unref();
  }

  /**
   * Runs `work` in a transaction of a fresh fork of `em` and publishes the events it recorded once it
   * commits. Every write of a service goes through here, so no event is left waiting for the sweep.
   * It resolves after the publish, so a caller answered after a write (say, a key revocation) finds
   * every cache fed by the bus already told.
   *
   * A transaction that records events takes the service's outbox lock just before its final flush, so
   * `seq` is handed out in commit order: whoever tails the outbox by `seq` (the bus, subscription resumes)
   * never sees a later change before an earlier one. The lock is held only for that flush and commit.
   */
  async transaction<T>(em: EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T> {
    const result = await retryTransient(() => this.#commit(em, work));
    this.kick();
    await this.idle();
    return result;
  }

  #commit<T>(em: EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return em.transactional(async (tx) => {
      const value = await work(tx);
      if (this.#recordsEvents(tx)) {
        await tx
          .getConnection()
          .execute(
            'select pg_advisory_xact_lock(hashtext(?))',
            [`vexil.outbox.${this.service}`],
            'all',
            tx.getTransactionContext(),
          );
      }
      return value;
    });
  }

  /** Adds an event to the current unit of work of `em`: it commits, or vanishes, with the change. */
  record(em: EntityManager, event: NewEvent): void {
    em.persist(Object.assign(new OutboxEvent(), event));
  }

  /** Asks for a drain; concurrent asks coalesce into at most one more pass. */
  kick(): void {
    if (this.#draining) {
      this.#again = true;
      return;
    }
    this.#draining = this.#drain().finally(() => {
      this.#draining = null;
      if (this.#again) {
        this.#again = false;
        this.kick();
      }
    });
  }

  /** Resolves when no drain is running; used at shutdown. */
  async idle(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.idle();
  }

  async #drain(): Promise<void> {
    try {
      for (;;) {
        const rows = await this.orm.em
          .fork()
          .getConnection()
          .execute<OutboxRow[]>(
            `update "${this.service}".outbox set published_at = now()
            where seq in (select seq from "${this.service}".outbox where published_at is null
                           order by seq limit 200 for update skip locked)
            returning ${OUTBOX_COLUMNS}`,
            [],
            'all',
            undefined,
            BACKGROUND,
          );
        if (rows.length === 0) return;
        const events = rows.map((row) => toDomainEvent(this.service, row)).sort((a, b) => a.seq - b.seq);
        await this.bus.publish(events);
        if (rows.length < 200) return;
      }
    } catch (error) {
      // Rows stay unpublished and the next commit or the sweep drains them; an outage is no error of ours.
      const level = isTransientDatabaseError(error) ? 'warn' : 'error';
      this.log[level]('outbox drain failed', { service: this.service, error });
    }
  }

  #recordsEvents(em: EntityManager): boolean {
    let pending = false;
    for (const entity of em.getUnitOfWork().getPersistStack()) pending ||= entity instanceof OutboxEvent;
    for (const entity of em.getUnitOfWork().getIdentityMap().values()) {
      // Flushed before the lock, its `seq` could be overtaken by a transaction committing first.
      if (entity instanceof OutboxEvent)
        throw new Error('outbox events must be recorded after the last flush');
    }
    return pending;
  }
}
