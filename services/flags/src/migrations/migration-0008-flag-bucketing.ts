import { Migration } from '@mikro-orm/migrations';

/**
 * A flag keeps the bucketing its configurations start with (null: Vexil's scheme), so a flag created
 * through a product's API splits users as that product's SDK does in every environment, including those
 * configured later (docs/decisions/0013). `json`, as the configuration columns that hold a bucketing.
 */
export class Migration0008FlagBucketing extends Migration {
  override name = '0008-flag-bucketing';

  override up(): void {
    this.addSql('alter table flags.flags add column bucketing json null');
  }
}
