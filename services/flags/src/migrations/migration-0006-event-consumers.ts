import { Migration } from '@mikro-orm/migrations';
import { consumerTablesSql } from '@vexil/platform';

/** Where the service's event consumer stands in each outbox, and the events it set aside. */
export class Migration0006EventConsumers extends Migration {
  override name = '0006-event-consumers';

  override up(): void {
    consumerTablesSql('flags').forEach((sql) => this.addSql(sql));
  }
}
