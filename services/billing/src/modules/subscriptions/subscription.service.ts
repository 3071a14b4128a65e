import type { EntityManager } from '@mikro-orm/postgresql';
import {
  DomainError,
  actorOf,
  requirePermission,
  type Actor,
  type BillingSettings,
  type Principal,
  type ServiceRuntime,
  type SubscriptionChangedPayload,
} from '@vexil/platform';
import { Subscription } from './subscription.entity.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Changing an organization's plan. Every change is one `subscription.changed` event: analytics audits
 * it, and flags, identity and analytics keep the plan from it to enforce its limits (decision 15).
 */
export class SubscriptionService {
  constructor(
    private readonly em: EntityManager,
    private readonly runtime: ServiceRuntime,
    private readonly settings: BillingSettings,
  ) {}

  /**
   * The manual provider's plan change: an owner or admin picks the plan; a running trial ends (its end
   * date stays, as the record that this organization had its trial).
   */
  changePlan(principal: Principal, plan: string): Promise<Subscription> {
    return this.change(principal, plan, (subscription) => {
      Object.assign(subscription, { plan, status: 'active', trialPlan: null });
    });
  }

  /** A trial of `plan` for `BILLING_TRIAL_DAYS`; when it ends the organization is back on its own plan. */
  startTrial(principal: Principal, plan: string): Promise<Subscription> {
    return this.change(principal, plan, (subscription) => {
      if (subscription.trialEndsAt) {
        throw new DomainError(
          'CONFLICT',
          'this organization has already had a trial; use changePlan instead',
        );
      }
      subscription.trialPlan = plan;
      subscription.trialEndsAt = new Date(this.runtime.now().getTime() + this.settings.trialDays * DAY_MS);
    });
  }

  /** Ends the subscription: the organization returns to the default plan; nothing it made is deleted. */
  cancel(principal: Principal): Promise<Subscription> {
    return this.change(principal, this.settings.defaultPlan, (subscription) => {
      Object.assign(subscription, {
        plan: this.settings.defaultPlan,
        status: 'canceled',
        trialPlan: null,
      });
    });
  }

  /** Reaction to `organization.created`: a subscription on the default plan. */
  provision(em: EntityManager, organizationId: string): void {
    const subscription = em.create(Subscription, { organizationId, plan: this.settings.defaultPlan });
    this.record(em, subscription, 'subscription.created', { type: 'system', id: 'billing' });
  }

  private change(principal: Principal, plan: string, apply: (subscription: Subscription) => void) {
    const organizationId = requirePermission(principal, 'billing:admin');
    if (!this.settings.plans.some((known) => known.key === plan)) {
      throw DomainError.validation(
        { plan: [`must be one of ${this.settings.plans.map((known) => known.key).join(', ')}`] },
        `unknown plan "${plan}"`,
      );
    }
    return this.runtime.relay.transaction(this.em, async (em) => {
      const subscription = await em.findOne(Subscription, { organizationId });
      if (!subscription) throw new DomainError('NOT_FOUND', 'this organization has no subscription yet');
      apply(subscription);
      this.record(em, subscription, 'subscription.changed', actorOf(principal));
      return subscription;
    });
  }

  private record(em: EntityManager, subscription: Subscription, type: string, actor: Actor) {
    const payload: SubscriptionChangedPayload = {
      subscriptionId: subscription.id,
      plan: subscription.plan,
      trialPlan: subscription.trialPlan,
      trialEndsAt: subscription.trialEndsAt?.toISOString() ?? null,
      status: subscription.status,
    };
    this.runtime.relay.record(em, {
      type,
      organizationId: subscription.organizationId,
      aggregateId: subscription.id,
      actor,
      payload: { ...payload },
    });
  }
}
