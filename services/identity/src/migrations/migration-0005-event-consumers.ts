import { Migration } from '@mikro-orm/migrations';
import { consumerTablesSql } from '@vexil/platform';

/** Where the service's event consumer stands in each outbox, and the events it set aside. */
export class Migration0005EventConsumers extends Migration {
  override name = '0005-event-consumers';

  override up(): void {
    consumerTablesSql('identity').forEach((sql) => this.addSql(sql));
  }
}
