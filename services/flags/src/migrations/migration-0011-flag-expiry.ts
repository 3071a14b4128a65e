import { Migration } from '@mikro-orm/migrations';

/** A flag may carry the date it is meant to be removed by (FeatureSignals' `expires_at`). */
export class Migration0011FlagExpiry extends Migration {
  override name = '0011-flag-expiry';

  override up(): void {
    this.addSql('alter table flags.flags add column expires_at timestamptz null');
  }
}
