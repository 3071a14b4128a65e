import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, executeBound, type Logger, type Orm } from '@vexil/platform';
import type { ActivityKind } from './flag-activity.entity.js';
import type { SdkEventKind } from './sdk-event.entity.js';

/** Events one SDK key sent in one call, each kept as it came. */
export interface RawEvents {
  organizationId: string;
  environmentId: string;
  keyId: string;
  kind: SdkEventKind;
  data: Record<string, unknown>[];
}

/** Flag activity to count: `count` times a flag served `variation` for `reason`, last at `at`. */
export interface Activity {
  organizationId: string;
  environmentId: string;
  flagKey: string;
  kind: ActivityKind;
  variation: string;
  reason: string;
  at: Date;
  count: number;
}

/** A context seen in an environment (for MAU). */
export interface SeenContext {
  organizationId: string;
  environmentId: string;
  contextKey: string;
  at: Date;
}

/** What one ingest call stores: all of it commits together, or none. */
export interface Ingest {
  events: RawEvents | null;
  activity: Activity[];
  contexts: SeenContext[];
}

interface Waiting {
  ingest: Ingest;
  size: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface TelemetryWriterOptions {
  /** Rows waiting or being written beyond which an ingest is refused (429, `Retry-After`). */
  capacity: number;
  /** Rows one transaction takes at most (a single ingest larger than this still goes in one). */
  maxBatch: number;
}

const sizeOf = ({ events, activity, contexts }: Ingest) =>
  (events?.data.length ?? 0) + activity.length + contexts.length;

const HOUR_MS = 3_600_000;
const hourOf = (at: Date) => Math.floor(at.getTime() / HOUR_MS) * HOUR_MS;
const monthOf = (at: Date) => `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}-01`;

/**
 * Group commit for telemetry. Ingests queue up while a transaction is being written; the next
 * transaction takes everything queued (up to `maxBatch` rows) and writes it with three statements:
 * the raw events, the activity rollups (summed per hour first, then added with ON CONFLICT), and the
 * month's contexts. Each ingest is answered only after the transaction holding it has committed, so
 * an acknowledged event is durable; an ingest that would pass `capacity` is refused at once instead
 * of growing the queue without bound.
 */
export class TelemetryWriter {
  #queue: Waiting[] = [];
  #queued = 0;
  #writing: Promise<void> | null = null;

  constructor(
    private readonly orm: Orm,
    private readonly options: TelemetryWriterOptions,
    private readonly log: Logger,
  ) {}

  /** Stores an ingest; resolves once it has committed. */
  write(ingest: Ingest): Promise<void> {
    const size = sizeOf(ingest);
    if (size === 0) return Promise.resolve();
    if (this.#queued > 0 && this.#queued + size > this.options.capacity)
      throw DomainError.rateLimited(1, 'telemetry is arriving faster than it can be stored; retry shortly');
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ ingest, size, resolve, reject });
      this.#queued += size;
      this.#writing ??= this.#drain().finally(() => (this.#writing = null));
    });
  }

  /** Waits for everything queued to be written. */
  async flushed(): Promise<void> {
    while (this.#writing) await this.#writing;
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      let rows = 0;
      let taken = 0;
      while (
        taken < this.#queue.length &&
        (taken === 0 || rows + this.#queue[taken]!.size <= this.options.maxBatch)
      )
        rows += this.#queue[taken++]!.size;
      const batch = this.#queue.splice(0, taken);
      try {
        await this.#commit(batch.map((waiting) => waiting.ingest));
        for (const waiting of batch) waiting.resolve();
      } catch (error) {
        this.log.error('telemetry write failed', { error, ingests: batch.length });
        for (const waiting of batch)
          waiting.reject(new DomainError('SERVICE_UNAVAILABLE', 'telemetry could not be stored'));
      } finally {
        this.#queued -= rows;
      }
    }
  }

  async #commit(ingests: Ingest[]): Promise<void> {
    // Events go as one group per call (the key's ids once, not per event); PostgreSQL makes their ids.
    const events = ingests.flatMap(({ events }) =>
      events
        ? [
            {
              organization_id: events.organizationId,
              environment_id: events.environmentId,
              key_id: events.keyId,
              kind: events.kind,
              events: events.data,
            },
          ]
        : [],
    );
    // ON CONFLICT may touch a row once per statement: the batch's counts are summed per row first.
    const activity = new Map<string, Record<string, unknown> & { count: number; last_at: Date }>();
    for (const ingest of ingests)
      for (const row of ingest.activity) {
        const hour = hourOf(row.at);
        const key = `${row.environmentId}\u0000${row.flagKey}\u0000${row.kind}\u0000${row.variation}\u0000${row.reason}\u0000${hour}`;
        const found = activity.get(key);
        if (found) {
          found.count += row.count;
          if (row.at > found.last_at) found.last_at = row.at;
        } else
          activity.set(key, {
            environment_id: row.environmentId,
            flag_key: row.flagKey,
            kind: row.kind,
            variation: row.variation,
            reason: row.reason,
            hour: new Date(hour),
            organization_id: row.organizationId,
            count: row.count,
            last_at: row.at,
          });
      }
    const contexts = new Map<string, Record<string, unknown>>();
    for (const ingest of ingests)
      for (const row of ingest.contexts) {
        const month = monthOf(row.at);
        contexts.set(`${row.environmentId}\u0000${month}\u0000${row.contextKey}`, {
          environment_id: row.environmentId,
          month,
          context_key: row.contextKey,
          organization_id: row.organizationId,
        });
      }
    await this.orm.em.fork().transactional(async (tx) => {
      const run = (sql: string, rows: unknown[], ...more: unknown[]) =>
        rows.length === 0
          ? Promise.resolve()
          : executeBound(tx as EntityManager, sql, [JSON.stringify(rows), ...more]);
      await run(
        `insert into analytics.sdk_events (id, organization_id, environment_id, key_id, kind, data, received_at)
         select gen_random_uuid(), g.organization_id, g.environment_id, g.key_id, g.kind, e.data, $2
         from jsonb_to_recordset($1::jsonb) as g(organization_id uuid, environment_id uuid, key_id uuid,
           kind text, events jsonb)
         cross join lateral jsonb_array_elements(g.events) as e(data)`,
        events,
        new Date(),
      );
      await run(
        `insert into analytics.flag_activity
           (environment_id, flag_key, kind, variation, reason, hour, organization_id, count, last_at)
         select * from jsonb_to_recordset($1::jsonb) as r(environment_id uuid, flag_key text, kind text,
           variation text, reason text, hour timestamptz, organization_id uuid, count bigint, last_at timestamptz)
         on conflict (environment_id, flag_key, kind, variation, reason, hour) do update
           set count = flag_activity.count + excluded.count,
               last_at = greatest(flag_activity.last_at, excluded.last_at)`,
        [...activity.values()],
      );
      await run(
        `insert into analytics.monthly_contexts (environment_id, month, context_key, organization_id)
         select * from jsonb_to_recordset($1::jsonb) as r(environment_id uuid, month date, context_key text,
           organization_id uuid)
         on conflict do nothing`,
        [...contexts.values()],
      );
    });
  }
}
