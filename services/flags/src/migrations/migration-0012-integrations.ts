import { Migration } from '@mikro-orm/migrations';

/** Integrations are webhooks of a kind (Slack, Teams, Datadog, PagerDuty) with settings of their own. */
export class Migration0012Integrations extends Migration {
  override name = '0012-integrations';

  override up(): void {
    this.addSql(`alter table flags.webhooks add column kind text not null default 'webhook'`);
    this.addSql(`alter table flags.webhooks add column settings jsonb not null default '{}'`);
    this.addSql(`alter table flags.webhooks alter column settings drop default`);
  }
}
