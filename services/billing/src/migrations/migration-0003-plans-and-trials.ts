import { Migration } from '@mikro-orm/migrations';

/**
 * Plans come from the plans file now: trials and the provider join the subscription. Subscriptions
 * made before this were `free` in name only (nothing was enforced), so they move to `self-hosted`, the
 * shipped plan without limits, and nobody's install starts refusing writes on upgrade.
 */
export class Migration0003PlansAndTrials extends Migration {
  override name = '0003-plans-and-trials';

  override up(): void {
    this.addSql(`alter table billing.subscriptions alter column plan drop default`);
    this.addSql(`alter table billing.subscriptions add column trial_plan text null`);
    this.addSql(`alter table billing.subscriptions add column trial_ends_at timestamptz null`);
    this.addSql(`alter table billing.subscriptions add column provider text not null default 'manual'`);
    this.addSql(`update billing.subscriptions set plan = 'self-hosted' where plan = 'free'`);
  }
}
