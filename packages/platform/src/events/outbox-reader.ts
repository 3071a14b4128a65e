import type { Actor, DomainEvent } from './domain-event.js';

/** An `outbox` row as PostgreSQL returns it (`seq` is a bigint, so a string). */
export interface OutboxRow {
  seq: string;
  id: string;
  type: string;
  organization_id: string | null;
  aggregate_id: string | null;
  actor: Actor | null;
  payload: Record<string, unknown>;
  occurred_at: string;
}

/** The columns {@link toDomainEvent} reads, for `select` and `returning` lists. */
export const OUTBOX_COLUMNS = 'seq, id, type, organization_id, aggregate_id, actor, payload, occurred_at';

/** Runs one SQL statement with `$n` parameters and returns its rows. */
export type RowQuery = <T>(sql: string, params: unknown[]) => Promise<T[]>;

/** A service's schema name doubles as the source of its events; only plain names reach SQL. */
const SOURCE = /^[a-z][a-z0-9_]*$/;

export function toDomainEvent(source: string, row: OutboxRow): DomainEvent {
  return {
    id: row.id,
    source,
    seq: Number(row.seq),
    type: row.type,
    organizationId: row.organization_id,
    aggregateId: row.aggregate_id,
    actor: row.actor,
    payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
    occurredAt: new Date(row.occurred_at).toISOString(),
  };
}

/**
 * Committed events of one source after `afterSeq`, in commit order (the relay makes `seq` follow commit
 * order, see {@link OutboxRelay.transaction}). The outbox is the source of truth the bus and
 * subscription resumes read from.
 */
export async function readOutbox(
  query: RowQuery,
  source: string,
  afterSeq: number,
  limit: number,
): Promise<DomainEvent[]> {
  if (!SOURCE.test(source)) return [];
  const rows = await query<OutboxRow>(
    `select ${OUTBOX_COLUMNS} from "${source}".outbox where seq > $1 order by seq limit $2`,
    [afterSeq, limit],
  );
  return rows.map((row) => toDomainEvent(source, row));
}

/**
 * Committed events of one source and type that occurred at or after `since`, in commit order: what a
 * process that starts must know of recent facts the bus delivered before it listened (revocations).
 * A source not migrated yet (a gateway starting before identity) has none.
 */
export async function readRecentOutbox(
  query: RowQuery,
  source: string,
  type: string,
  since: Date,
): Promise<DomainEvent[]> {
  if (!SOURCE.test(source)) return [];
  const [table] = await query<{ oid: string | null }>('select to_regclass($1) as oid', [
    `"${source}".outbox`,
  ]);
  if (!table?.oid) return [];
  const rows = await query<OutboxRow>(
    `select ${OUTBOX_COLUMNS} from "${source}".outbox where type = $1 and occurred_at >= $2 order by seq`,
    [type, since.toISOString()],
  );
  return rows.map((row) => toDomainEvent(source, row));
}

/** The last `seq` of a source's outbox; 0 when it has none (or no outbox). */
export async function outboxHead(query: RowQuery, source: string): Promise<number> {
  if (!SOURCE.test(source)) return 0;
  const [row] = await query<{ head: string | null }>(`select max(seq) as head from "${source}".outbox`, []);
  return Number(row?.head ?? 0);
}

/** The last `seq` of every source's outbox (schemas that have one), to start tailing from. */
export async function outboxHeads(query: RowQuery): Promise<Map<string, number>> {
  const schemas = await query<{ schema: string }>(
    `select n.nspname as schema from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relname = 'outbox' and c.relkind = 'r'`,
    [],
  );
  const heads = new Map<string, number>();
  for (const { schema } of schemas)
    if (SOURCE.test(schema)) heads.set(schema, await outboxHead(query, schema));
  return heads;
}
