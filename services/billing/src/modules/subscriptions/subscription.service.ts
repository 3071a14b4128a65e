import type { EntityManager } from '@mikro-orm/postgresql';
import {
  DomainError,
  actorOf,
  effectivePlanKey,
  requirePermission,
  type Actor,
  type BillingSettings,
  type OutboxRelay,
  type Principal,
  type ServiceRuntime,
  type SubscriptionChangedPayload,
} from '@vexil/platform';
import type { PaymentProvider } from '../payments/payment-provider.js';
import { DowngradeFeedback } from './downgrade-feedback.entity.js';
import { Subscription } from './subscription.entity.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The event that says which plan an organization is on; flags, identity and analytics keep it. */
export const PLAN_CHANGED = 'subscription.changed';

/**
 * Changing an organization's plan and paying for it, through the install's payment provider. Every
 * call is one event on the subscription: analytics audits it, and `subscription.changed` (a plan in
 * force changed) also tells flags, identity and analytics the plan whose limits they enforce
 * (decision 15). A provider that answers later (Stripe) leaves a `…_requested` event now and its
 * webhook the `subscription.changed`.
 */
export class SubscriptionService {
  constructor(
    private readonly em: EntityManager,
    private readonly runtime: ServiceRuntime,
    private readonly settings: BillingSettings,
    private readonly provider: PaymentProvider,
  ) {}

  /** Upgrades or downgrades, prorated where money changes hands; nothing is deleted. */
  changePlan(principal: Principal, plan: string): Promise<Subscription> {
    return this.act(principal, this.providerEvent('subscription.plan_change_requested'), { plan }, (s) =>
      this.provider.changePlan(s, this.knownPlan(plan)),
    ).then(({ subscription }) => subscription);
  }

  /** A trial of `plan` for `BILLING_TRIAL_DAYS`; when it ends the organization is back on its own plan. */
  startTrial(principal: Principal, plan: string): Promise<Subscription> {
    return this.act(
      principal,
      PLAN_CHANGED,
      {},
      async (subscription) => {
        if (subscription.trialEndsAt) {
          throw new DomainError(
            'CONFLICT',
            'this organization has already had a trial; use changePlan instead',
          );
        }
        subscription.trialPlan = this.knownPlan(plan);
        subscription.trialEndsAt = new Date(this.runtime.now().getTime() + this.settings.trialDays * DAY_MS);
      },
      false,
    ).then(({ subscription }) => subscription);
  }

  /** Ends the subscription (Stripe: at the end of the paid period); nothing it made is deleted. */
  cancel(principal: Principal): Promise<Subscription> {
    return this.act(principal, this.providerEvent('subscription.cancel_requested'), {}, (s) =>
      this.provider.cancel(s),
    ).then(({ subscription }) => subscription);
  }

  /** Starts paying for `plan`: a URL to pay at, or none when the plan changed at once (manual). */
  async checkout(principal: Principal, plan: string) {
    const { subscription, result } = await this.act(
      principal,
      this.providerEvent('subscription.checkout_started'),
      { plan },
      (s) => this.provider.checkout(s, this.knownPlan(plan)),
    );
    return { provider: this.provider.name, url: result, subscription };
  }

  /** A link to the provider's page for cards and invoices. */
  async portal(principal: Principal): Promise<string> {
    const { result } = await this.act(principal, 'subscription.portal_opened', {}, (s) =>
      this.provider.portal(s),
    );
    return result;
  }

  /** What changing to `plan` would charge now. */
  async previewChange(principal: Principal, plan: string) {
    const subscription = await this.current(principal);
    return this.provider.previewChange(subscription, this.knownPlan(plan));
  }

  /** The retention offer for an organization about to leave; once per organization. */
  async applyRetentionDiscount(principal: Principal): Promise<Subscription> {
    const { subscription } = await this.act(
      principal,
      'subscription.retention_discount_applied',
      {},
      async (s) => {
        if (s.retentionDiscountAt)
          throw new DomainError('CONFLICT', 'the retention discount has already been applied');
        await this.provider.applyRetentionDiscount(s);
        s.retentionDiscountAt = this.runtime.now();
      },
    );
    return subscription;
  }

  /** Why the organization is leaving its plan, stored with the plan it was on. */
  async submitDowngradeFeedback(
    principal: Principal,
    reason: string,
    comment: string | null,
  ): Promise<DowngradeFeedback> {
    const problems = {
      ...(reason.trim().length < 1 || reason.length > 200 ? { reason: ['must be 1 to 200 characters'] } : {}),
      ...(comment && comment.length > 2000 ? { comment: ['must be at most 2000 characters'] } : {}),
    };
    if (Object.keys(problems).length) throw DomainError.validation(problems);
    const organizationId = requirePermission(principal, 'billing:admin');
    const actor = actorOf(principal);
    return this.runtime.relay.transaction(this.em, async (em) => {
      const subscription = await this.subscriptionOf(em, organizationId);
      const feedback = em.create(DowngradeFeedback, {
        organizationId,
        userId: actor.id,
        plan: effectivePlanKey(subscription, this.settings, this.runtime.now()),
        reason,
        comment,
      });
      this.record(em, subscription, 'subscription.downgrade_feedback_given', actor, {
        feedbackId: feedback.id,
        reason,
      });
      return feedback;
    });
  }

  /** The URL to pay for credit at. */
  async purchaseCredits(principal: Principal, amountCents: number): Promise<string> {
    if (!Number.isInteger(amountCents) || amountCents < 100 || amountCents > 1_000_000) {
      throw DomainError.validation(
        { amountCents: ['must be whole cents from 100 to 1000000'] },
        'credits are bought for 1.00 to 10,000.00',
      );
    }
    const { result } = await this.act(
      principal,
      'subscription.credits_checkout_started',
      { amountCents },
      (s) => this.provider.purchaseCredits(s, amountCents),
    );
    return result;
  }

  async creditBalance(principal: Principal) {
    return this.provider.creditBalance(await this.current(principal));
  }

  async creditHistory(principal: Principal, first: number) {
    return this.provider.creditHistory(await this.current(principal), first);
  }

  /**
   * Puts the organization on a gateway (FeatureSignals' `PUT /v1/billing/gateway`): only the install's
   * provider can bill, so that is the one gateway there is to choose.
   */
  async setGateway(principal: Principal, gateway: string): Promise<Subscription> {
    if (gateway !== this.provider.name) {
      throw DomainError.validation(
        { gateway: [`must be ${this.provider.name}`] },
        `this install bills with ${this.provider.name} (BILLING_PROVIDER)`,
      );
    }
    const { subscription } = await this.act(
      principal,
      'subscription.gateway_set',
      { gateway },
      async (s) => {
        s.provider = this.provider.name;
      },
      false,
    );
    return subscription;
  }

  /** Reaction to `organization.created`: a subscription on the default plan. */
  provision(em: EntityManager, organizationId: string): void {
    const subscription = em.create(Subscription, { organizationId, plan: this.settings.defaultPlan });
    this.record(em, subscription, 'subscription.created', { type: 'system', id: 'billing' });
  }

  /**
   * One action on the caller's subscription (owner or admin), recorded as one event. A local action
   * runs in the transaction that writes it. A `remote` one asks the payment provider outside any
   * transaction (a slow Stripe holds no connection), and the fields it set are then written with the
   * event.
   */
  private async act<T>(
    principal: Principal,
    type: string,
    details: Record<string, unknown>,
    action: (subscription: Subscription) => Promise<T>,
    remote = !this.provider.immediate,
  ): Promise<{ subscription: Subscription; result: T }> {
    const actor = actorOf(principal);
    const organizationId = requirePermission(principal, 'billing:admin');
    const write = (apply: (subscription: Subscription) => Promise<T>) =>
      this.runtime.relay.transaction(this.em, async (em) => {
        const subscription = await this.subscriptionOf(em, organizationId);
        const result = await apply(subscription);
        this.record(em, subscription, type, actor, details);
        return { subscription, result };
      });
    if (!remote) return write(action);
    const current = await this.subscriptionOf(this.em, organizationId);
    const before = { ...current };
    const result = await action(current);
    const changed = Object.fromEntries(
      Object.entries(current).filter(([field, value]) => before[field as keyof Subscription] !== value),
    );
    return write(async (row) => {
      Object.assign(row, changed);
      return result;
    });
  }

  /** The caller's subscription, read for an action (owner or admin). */
  private async current(principal: Principal): Promise<Subscription> {
    return this.subscriptionOf(this.em, requirePermission(principal, 'billing:admin'));
  }

  private async subscriptionOf(em: EntityManager, organizationId: string): Promise<Subscription> {
    const subscription = await em.findOne(Subscription, { organizationId });
    if (!subscription) throw new DomainError('NOT_FOUND', 'this organization has no subscription yet');
    return subscription;
  }

  /** A provider that changes the plan at once changes it now; another one only says it was asked. */
  private providerEvent(requested: string): string {
    return this.provider.immediate ? PLAN_CHANGED : requested;
  }

  /** `plan`, when the plans file has it. */
  private knownPlan(plan: string): string {
    if (!this.settings.plans.some((known) => known.key === plan)) {
      throw DomainError.validation(
        { plan: [`must be one of ${this.settings.plans.map((known) => known.key).join(', ')}`] },
        `unknown plan "${plan}"`,
      );
    }
    return plan;
  }

  private record(
    em: EntityManager,
    subscription: Subscription,
    type: string,
    actor: Actor,
    details: Record<string, unknown> = {},
  ) {
    recordSubscriptionEvent(this.runtime.relay, em, subscription, type, actor, details);
  }
}

/** Records an event of a subscription, carrying its plan state (what plan consumers keep) and `details`. */
export function recordSubscriptionEvent(
  relay: OutboxRelay,
  em: EntityManager,
  subscription: Subscription,
  type: string,
  actor: Actor,
  details: Record<string, unknown> = {},
): void {
  const payload: SubscriptionChangedPayload = {
    subscriptionId: subscription.id,
    plan: subscription.plan,
    trialPlan: subscription.trialPlan,
    trialEndsAt: subscription.trialEndsAt?.toISOString() ?? null,
    status: subscription.status,
  };
  relay.record(em, {
    type,
    organizationId: subscription.organizationId,
    aggregateId: subscription.id,
    actor,
    payload: { ...details, ...payload },
  });
}
