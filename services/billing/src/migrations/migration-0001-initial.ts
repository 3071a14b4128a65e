import { Migration } from '@mikro-orm/migrations';
import { outboxTablesSql } from '@vexil/platform';

/** Subscriptions, and the outbox/inbox every service has. */
export class Migration0001Initial extends Migration {
  override name = '0001-initial';

  override up(): void {
    this.addSql(`create schema if not exists billing`);
    this.addSql(`create table billing.subscriptions (
      id uuid primary key,
      organization_id uuid not null,
      plan text not null default 'free',
      status text not null default 'active',
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint subscriptions_organization_id_unique unique (organization_id))`);
    outboxTablesSql('billing').forEach((sql) => this.addSql(sql));
  }
}
