import { Migration } from '@mikro-orm/migrations';

/**
 * A payment provider joins the subscription: Stripe's customer and subscription, the moment of the
 * last Stripe state applied (so an older event never overwrites a newer one), the Stripe events
 * already processed (each is applied once), and what owners say when they downgrade.
 */
export class Migration0004PaymentProviders extends Migration {
  override name = '0004-payment-providers';

  override up(): void {
    this.addSql(`alter table billing.subscriptions
      add column stripe_customer_id text null,
      add column stripe_subscription_id text null,
      add column provider_state_at timestamptz null,
      add column cancel_at_period_end boolean not null default false,
      add column current_period_end timestamptz null,
      add column retention_discount_at timestamptz null`);
    this.addSql(
      `create index subscriptions_stripe_customer_id_index on billing.subscriptions (stripe_customer_id)`,
    );
    this.addSql(`create table billing.provider_events (
      id text primary key,
      type text not null,
      created_at timestamptz not null,
      received_at timestamptz not null)`);
    this.addSql(`create table billing.downgrade_feedback (
      id uuid primary key,
      organization_id uuid not null,
      user_id text null,
      plan text not null,
      reason text not null,
      comment text null,
      created_at timestamptz not null)`);
    this.addSql(
      `create index downgrade_feedback_organization_id_index on billing.downgrade_feedback (organization_id)`,
    );
  }
}
