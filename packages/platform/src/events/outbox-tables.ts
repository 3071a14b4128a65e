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
