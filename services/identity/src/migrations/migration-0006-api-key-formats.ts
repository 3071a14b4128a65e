import { Migration } from '@mikro-orm/migrations';

/** How each key is written (`ApiKeyFormat`); every key issued so far is Vexil's `sk_`/`pk_`. */
export class Migration0006ApiKeyFormats extends Migration {
  override name = '0006-api-key-formats';

  override up(): void {
    this.addSql(`alter table identity.api_keys add column format text not null default 'vexil'`);
    // Only the keys already there take the default: a new key always says how it is written.
    this.addSql(`alter table identity.api_keys alter column format drop default`);
  }
}
