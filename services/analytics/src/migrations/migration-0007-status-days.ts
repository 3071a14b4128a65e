import { Migration } from '@mikro-orm/migrations';

/** The platform's status history: each component's checks per day, recorded by the gateway. */
export class Migration0007StatusDays extends Migration {
  override name = '0007-status-days';

  override up(): void {
    this.addSql(`create table analytics.status_days (
      day date not null,
      component text not null,
      total_checks integer not null,
      operational_checks integer not null,
      primary key (day, component))`);
  }
}
