import { Migration } from '@mikro-orm/migrations';
import { outboxTablesSql } from '@vexil/platform';

/** The audit log, and the outbox/inbox every service has. */
export class Migration0001Initial extends Migration {
  override name = '0001-initial';

  override up(): void {
    this.addSql(`create schema if not exists analytics`);
    this.addSql(`create table analytics.audit_events (
      id uuid primary key,
      event_id uuid not null,
      organization_id uuid null,
      action text not null,
      actor_type text not null,
      actor_id text not null,
      resource_type text not null,
      resource_id text null,
      data jsonb not null,
      occurred_at timestamptz not null,
      constraint audit_events_event_id_unique unique (event_id))`);
    this.addSql(
      `create index audit_events_organization_id_occurred_at_index on analytics.audit_events (organization_id, occurred_at)`,
    );
    outboxTablesSql('analytics').forEach((sql) => this.addSql(sql));
  }
}
