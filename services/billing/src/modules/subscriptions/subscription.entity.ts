import { randomUUID } from 'node:crypto';
import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** Who takes the money: `manual` (an owner picks the plan; every self-hosted install) or a payment provider. */
export const BILLING_PROVIDERS = ['manual', 'stripe'] as const;
export type BillingProvider = (typeof BILLING_PROVIDERS)[number];

/**
 * An organization's billing subscription: one per organization. `plan` is the plan it pays for (plan
 * keys come from the plans file, see `BILLING_PLANS_FILE`); a trial of `trialPlan` is in force until
 * `trialEndsAt`, after which `plan` is again.
 */
@Entity({ tableName: 'subscriptions' })
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

  @Property({ type: 'text' })
  provider: Opt<BillingProvider> = 'manual';

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
