import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { PaymentProviderName } from '@vexil/platform';

/**
 * An organization's billing subscription: one per organization. `plan` is the plan it pays for (plan
 * keys come from the plans file, see `BILLING_PLANS_FILE`); a trial of `trialPlan` is in force until
 * `trialEndsAt`, after which `plan` is again.
 */
@Entity({ tableName: 'subscriptions' })
@Index({ properties: ['stripeCustomerId'] })
export class Subscription {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ type: 'uuid', unique: true })
  organizationId!: string;

  @Property({ type: 'text' })
  plan!: string;

  @Property({ type: 'text' })
  status: Opt<'active' | 'canceled'> = 'active';

  @Property({ type: 'text', nullable: true })
  trialPlan: Opt<string> | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  trialEndsAt: Opt<Date> | null = null;

  /** Who bills the organization; `stripe` once a Stripe subscription is linked to it. */
  @Property({ type: 'text' })
  provider: Opt<PaymentProviderName> = 'manual';

  @Property({ type: 'text', nullable: true })
  stripeCustomerId: Opt<string> | null = null;

  @Property({ type: 'text', nullable: true })
  stripeSubscriptionId: Opt<string> | null = null;

  /**
   * When Stripe said what `plan` and `status` now hold (the `created` of the event applied last): an
   * event older than this is not applied, so the state converges on Stripe's latest (decision 15).
   */
  @Property({ type: 'timestamptz', nullable: true })
  providerStateAt: Opt<Date> | null = null;

  /** The provider ends the subscription when the paid period ends. */
  @Property({ type: 'boolean' })
  cancelAtPeriodEnd: Opt<boolean> = false;

  @Property({ type: 'timestamptz', nullable: true })
  currentPeriodEnd: Opt<Date> | null = null;

  /** When the retention discount was applied: it is offered once. */
  @Property({ type: 'timestamptz', nullable: true })
  retentionDiscountAt: Opt<Date> | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
