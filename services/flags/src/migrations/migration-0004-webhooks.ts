import { Migration } from '@mikro-orm/migrations';

/** Webhook endpoints and their deliveries. */
export class Migration0004Webhooks extends Migration {
  override name = '0004-webhooks';

  override up(): void {
    this.addSql(`create table flags.webhooks (
      id uuid primary key,
      organization_id uuid not null,
      name text not null,
      url text not null,
      secret text not null,
      events jsonb not null,
      format text not null,
      enabled boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null)`);
    this.addSql(`create index webhooks_organization_id_index on flags.webhooks (organization_id)`);
    this.addSql(`create table flags.webhook_deliveries (
      id uuid primary key,
      webhook_id uuid not null,
      event_id uuid not null,
      event_type text not null,
      body text not null,
      status text not null default 'pending',
      attempts jsonb not null,
      next_attempt_at timestamptz not null,
      delivered_at timestamptz null,
      created_at timestamptz not null,
      constraint webhook_deliveries_webhook_id_event_id_unique unique (webhook_id, event_id),
      constraint webhook_deliveries_webhook_id_foreign foreign key (webhook_id) references flags.webhooks (id) on delete cascade)`);
    this.addSql(
      `create index webhook_deliveries_status_next_attempt_at_index on flags.webhook_deliveries (status, next_attempt_at)`,
    );
  }
}
