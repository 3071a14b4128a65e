import { Migration } from '@mikro-orm/migrations';
import { consumerTablesSql } from '@vexil/platform';

/** Where the service's event consumer stands in each outbox, and the events it set aside. */
export class Migration0002EventConsumers extends Migration {
  override name = '0002-event-consumers';

  override up(): void {
    consumerTablesSql('billing').forEach((sql) => this.addSql(sql));
  }
}
