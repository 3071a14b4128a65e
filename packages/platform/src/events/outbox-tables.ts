/**
 * DDL of the `outbox` (events this service publishes, see {@link OutboxEvent}) and `inbox` (event ids
 * it has handled) tables that every service's first migration creates in its schema.
 */
export function outboxTablesSql(schema: string): string[] {
  return [
    `create table "${schema}".outbox (
      seq bigserial primary key,
      id uuid not null,
      type text not null,
      organization_id uuid null,
      aggregate_id text null,
      actor jsonb null,
      payload jsonb not null,
      occurred_at timestamptz not null,
      published_at timestamptz null,
      constraint outbox_id_unique unique (id))`,
    `create index outbox_unpublished_index on "${schema}".outbox (seq) where published_at is null`,
    `create table "${schema}".inbox (
      event_id uuid primary key,
      received_at timestamptz not null default now())`,
  ];
}

/**
 * DDL of a consuming service's `consumer_positions` (per source, the `seq` up to which it has handled
 * that source's outbox: it resumes there after any downtime) and `dead_events` (events whose reaction
 * kept failing, set aside so the rest of the stream goes on; see {@link consumeEvents}).
 */
export function consumerTablesSql(schema: string): string[] {
  return [
    `create table "${schema}".consumer_positions (
      source text primary key,
      seq bigint not null,
      updated_at timestamptz not null default now())`,
    `create table "${schema}".dead_events (
      event_id uuid primary key,
      source text not null,
      seq bigint not null,
      type text not null,
      attempts int not null,
      error text not null,
      failed_at timestamptz not null default now())`,
  ];
}
