import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  DomainError,
  actorOf,
  type BillingSettings,
  type Principal,
  type ServiceRuntime,
} from '@vexil/platform';
import type Stripe from 'stripe';
import { Subscription } from '../subscriptions/subscription.entity.js';
import { PLAN_CHANGED, recordSubscriptionEvent } from '../subscriptions/subscription.service.js';
import type { Payments } from './payments.js';
import { ProviderEvent } from './provider-event.entity.js';
import { CREDITS_METADATA, ORGANIZATION_METADATA } from './stripe-provider.js';

/** Stripe's own default: a signature older than five minutes is a replay. */
const TOLERANCE_SECONDS = 300;

/** Stripe subscription states in which the organization no longer has the plan it paid for. */
const ENDED = new Set<Stripe.Subscription.Status>(['canceled', 'unpaid', 'incomplete_expired']);

const SUBSCRIPTION_EVENTS = new Set([
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
]);

/**
 * Stripe's webhook (decision 15). The signature is checked by the package's own `constructEvent`
 * over the exact bytes received, before anything is read or written. Each event is applied once
 * (its id is recorded in the transaction that applies it), and a subscription's state is written
 * only by events at least as new as the last one applied, so duplicates and any order converge on
 * Stripe's latest. Every event applied leaves one audit entry by the system actor `stripe`.
 */
export class StripeWebhookReceiver {
  constructor(
    private readonly em: EntityManager,
    private readonly runtime: ServiceRuntime,
    private readonly settings: BillingSettings,
    private readonly payments: Payments,
  ) {}

  async receive(principal: Principal, payload: string, signature: string): Promise<{ applied: boolean }> {
    const { stripe } = this.payments;
    if (!stripe) {
      throw new DomainError('PAYMENT_PROVIDER_NOT_CONFIGURED', 'this install does not bill with Stripe');
    }
    let event: Stripe.Event;
    try {
      event = stripe.client.webhooks.constructEvent(
        payload,
        signature,
        stripe.webhookSecret,
        TOLERANCE_SECONDS,
      );
    } catch {
      throw new DomainError('INVALID_SIGNATURE');
    }
    const actor = { ...actorOf(principal), type: 'system' as const, id: 'stripe' };
    return this.runtime.relay
      .transaction(this.em, async (em) => {
        if (await em.findOne(ProviderEvent, { id: event.id })) return { applied: false };
        em.create(ProviderEvent, {
          id: event.id,
          type: event.type,
          createdAt: new Date(event.created * 1000),
        });
        const change = await this.apply(em, event);
        if (change)
          recordSubscriptionEvent(this.runtime.relay, em, change.subscription, change.type, actor, {
            stripeEventId: event.id,
            ...change.details,
          });
        return { applied: change !== null };
      })
      .catch((error: unknown) => {
        // The same event delivered twice at once: the other delivery applied it.
        if (error instanceof UniqueConstraintViolationException) return { applied: false };
        throw error;
      });
  }

  /** What the event changes, or null when it is none of this install's business or out of date. */
  private async apply(em: EntityManager, event: Stripe.Event) {
    if (event.type === 'checkout.session.completed') return this.checkoutCompleted(em, event.data.object);
    if (SUBSCRIPTION_EVENTS.has(event.type)) {
      return this.converge(em, event.data.object as Stripe.Subscription, event);
    }
    return null;
  }

  /**
   * A paid checkout: a subscription checkout links Stripe's customer and subscription to the
   * organization (the plan comes with the subscription's own events); a credits checkout grants the
   * credit as Stripe customer balance.
   */
  private async checkoutCompleted(em: EntityManager, session: Stripe.Checkout.Session) {
    const organizationId = session.client_reference_id ?? session.metadata?.[ORGANIZATION_METADATA];
    const subscription = organizationId ? await em.findOne(Subscription, { organizationId }) : null;
    if (!subscription) return null;
    const customer = typeof session.customer === 'string' ? session.customer : session.customer?.id;
    if (customer) subscription.stripeCustomerId = customer;
    subscription.provider = 'stripe';
    if (session.mode === 'subscription') {
      const stripeSubscription =
        typeof session.subscription === 'string' ? session.subscription : session.subscription?.id;
      if (stripeSubscription) subscription.stripeSubscriptionId = stripeSubscription;
      return { subscription, type: 'subscription.checkout_completed', details: {} };
    }
    const credits = Number(session.metadata?.[CREDITS_METADATA]);
    if (session.mode !== 'payment' || session.payment_status !== 'paid' || !Number.isInteger(credits))
      return null;
    await this.payments.stripe!.provider.grantCredits(session, credits);
    return { subscription, type: 'subscription.credits_purchased', details: { amountCents: credits } };
  }

  /** Takes the Stripe subscription's state when the event is at least as new as the last one applied. */
  private async converge(em: EntityManager, object: Stripe.Subscription, event: Stripe.Event) {
    const organizationId = object.metadata?.[ORGANIZATION_METADATA];
    const customer = typeof object.customer === 'string' ? object.customer : object.customer.id;
    // Locked: two events of one subscription applied at once must compare their times in turn.
    const lock = { lockMode: LockMode.PESSIMISTIC_WRITE };
    const subscription =
      (organizationId && (await em.findOne(Subscription, { organizationId }, lock))) ||
      (await em.findOne(Subscription, { stripeSubscriptionId: object.id }, lock)) ||
      (await em.findOne(Subscription, { stripeCustomerId: customer }, lock));
    if (!subscription) return null;
    const stateAt = new Date(event.created * 1000);
    // Stripe's `created` counts seconds: two events of one second are applied in the order they came.
    if (subscription.providerStateAt && stateAt < subscription.providerStateAt) return null;
    const item = object.items.data[0];
    const plan = item ? this.payments.stripe!.provider.planOfPrice(item.price.id) : null;
    const ended = event.type === 'customer.subscription.deleted' || ENDED.has(object.status);
    Object.assign(subscription, {
      provider: 'stripe',
      stripeCustomerId: customer,
      stripeSubscriptionId: object.id,
      providerStateAt: stateAt,
      cancelAtPeriodEnd: object.cancel_at_period_end,
      currentPeriodEnd: item ? new Date(item.current_period_end * 1000) : null,
      trialPlan: null,
      ...(ended
        ? { plan: this.settings.defaultPlan, status: 'canceled' }
        : plan
          ? { plan, status: 'active' }
          : {}),
    });
    return { subscription, type: PLAN_CHANGED, details: { stripeStatus: object.status } };
  }
}
