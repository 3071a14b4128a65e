import type { Opt } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A service's copy of an organization's plan, kept from billing's `subscription.changed` events, so the
 * service can check a limit inside the transaction that creates the resource (decision 15).
 */
@Entity({ tableName: 'organization_plans' })
export class OrganizationPlan {
  @PrimaryKey({ type: 'uuid' })
  organizationId!: string;

  @Property({ type: 'text' })
  plan!: string;

  @Property({ type: 'text', nullable: true })
  trialPlan: Opt<string> | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  trialEndsAt: Opt<Date> | null = null;

  /** Billing's outbox `seq` of the event this row reflects: an older event never overwrites a newer one. */
  @Property({ type: 'bigint' })
  billingSeq!: number;
}
