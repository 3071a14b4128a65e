import { DomainError, planOf, type BillingSettings, type StripeSettings } from '@vexil/platform';
import type Stripe from 'stripe';
import type { Subscription } from '../subscriptions/subscription.entity.js';
import type { CreditTransaction, PaymentProvider, PlanChangePreview } from './payment-provider.js';
import { askStripe } from './stripe-client.js';

/** The metadata key Stripe objects carry the organization in, so a webhook finds whose they are. */
export const ORGANIZATION_METADATA = 'vexilOrganizationId';
/** The metadata key of a credits checkout: how many cents of credit it buys. */
export const CREDITS_METADATA = 'vexilCreditsCents';

/**
 * Stripe Billing: checkout and the customer portal are Stripe's pages; plan changes, cancels and the
 * retention coupon are asked of Stripe, and the new state arrives with its webhook events, which are
 * the one writer of a Stripe subscription's plan (see {@link StripeWebhookReceiver}).
 */
export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe';
  readonly immediate = false;

  constructor(
    private readonly stripe: Stripe,
    private readonly settings: StripeSettings,
    private readonly billing: BillingSettings,
    /** Where Stripe's pages send the customer back to. */
    private readonly returnUrl: string,
  ) {}

  async checkout(subscription: Subscription, plan: string): Promise<string> {
    if (subscription.stripeSubscriptionId && subscription.status === 'active') {
      throw new DomainError(
        'CONFLICT',
        'this organization already pays through Stripe; change the plan instead of checking out again',
      );
    }
    const price = this.priceOf(plan);
    const customer = await this.customerOf(subscription);
    const metadata = { [ORGANIZATION_METADATA]: subscription.organizationId };
    const session = await askStripe(() =>
      this.stripe.checkout.sessions.create({
        mode: 'subscription',
        customer,
        client_reference_id: subscription.organizationId,
        line_items: [{ price, quantity: 1 }],
        subscription_data: { metadata },
        metadata,
        success_url: `${this.returnUrl}?status=success`,
        cancel_url: `${this.returnUrl}?status=canceled`,
      }),
    );
    return this.urlOf(session.url);
  }

  async portal(subscription: Subscription): Promise<string> {
    const session = await askStripe(() =>
      this.stripe.billingPortal.sessions.create({
        customer: this.customerIdOf(subscription),
        return_url: this.returnUrl,
      }),
    );
    return session.url;
  }

  async previewChange(subscription: Subscription, plan: string): Promise<PlanChangePreview> {
    const price = this.priceOf(plan);
    if (!subscription.stripeSubscriptionId) {
      // Not subscribed yet: the change is a checkout, which charges the plan's first month.
      const amountDueCents = planOf(this.billing, plan).priceMonthlyCents ?? 0;
      return { plan, amountDueCents, currency: this.settings.currency };
    }
    const item = await this.itemOf(subscription);
    const invoice = await askStripe(() =>
      this.stripe.invoices.createPreview({
        customer: this.customerIdOf(subscription),
        subscription: subscription.stripeSubscriptionId!,
        subscription_details: {
          items: [{ id: item, price }],
          proration_behavior: 'always_invoice',
        },
      }),
    );
    return { plan, amountDueCents: invoice.amount_due, currency: invoice.currency };
  }

  async changePlan(subscription: Subscription, plan: string): Promise<void> {
    const price = this.priceOf(plan);
    const item = await this.itemOf(subscription);
    await askStripe(() =>
      this.stripe.subscriptions.update(subscription.stripeSubscriptionId!, {
        items: [{ id: item, price }],
        proration_behavior: 'always_invoice',
        cancel_at_period_end: false,
      }),
    );
  }

  async cancel(subscription: Subscription): Promise<void> {
    await askStripe(() =>
      this.stripe.subscriptions.update(this.subscriptionIdOf(subscription), { cancel_at_period_end: true }),
    );
  }

  async applyRetentionDiscount(subscription: Subscription): Promise<void> {
    const coupon = this.settings.retentionCoupon;
    if (!coupon) {
      throw new DomainError(
        'PAYMENT_PROVIDER_NOT_CONFIGURED',
        'no retention offer is configured (STRIPE_RETENTION_COUPON)',
      );
    }
    await askStripe(() =>
      this.stripe.subscriptions.update(this.subscriptionIdOf(subscription), { discounts: [{ coupon }] }),
    );
  }

  async purchaseCredits(subscription: Subscription, amountCents: number): Promise<string> {
    const customer = await this.customerOf(subscription);
    const session = await askStripe(() =>
      this.stripe.checkout.sessions.create({
        mode: 'payment',
        customer,
        client_reference_id: subscription.organizationId,
        line_items: [
          {
            price_data: {
              currency: this.settings.currency,
              unit_amount: amountCents,
              product_data: { name: 'Vexil credits' },
            },
            quantity: 1,
          },
        ],
        metadata: {
          [ORGANIZATION_METADATA]: subscription.organizationId,
          [CREDITS_METADATA]: String(amountCents),
        },
        success_url: `${this.returnUrl}?status=success`,
        cancel_url: `${this.returnUrl}?status=canceled`,
      }),
    );
    return this.urlOf(session.url);
  }

  /** Stripe keeps credit as a negative customer balance, which it takes invoices from first. */
  async creditBalance(subscription: Subscription) {
    if (!subscription.stripeCustomerId) return { balanceCents: 0, currency: this.settings.currency };
    const customer = await askStripe(() => this.stripe.customers.retrieve(subscription.stripeCustomerId!));
    if (customer.deleted) return { balanceCents: 0, currency: this.settings.currency };
    return { balanceCents: -customer.balance, currency: customer.currency ?? this.settings.currency };
  }

  async creditHistory(subscription: Subscription, first: number): Promise<CreditTransaction[]> {
    if (!subscription.stripeCustomerId) return [];
    const page = await askStripe(() =>
      this.stripe.customers.listBalanceTransactions(subscription.stripeCustomerId!, { limit: first }),
    );
    return page.data.map((transaction) => ({
      id: transaction.id,
      amountCents: -transaction.amount,
      currency: transaction.currency,
      description: transaction.description,
      createdAt: new Date(transaction.created * 1000),
    }));
  }

  /** Grants purchased credit once Stripe says the credits checkout was paid. */
  async grantCredits(session: Stripe.Checkout.Session, amountCents: number): Promise<void> {
    const customer = typeof session.customer === 'string' ? session.customer : session.customer?.id;
    if (!customer) throw new DomainError('VALIDATION_FAILED', 'the credits checkout has no customer');
    await askStripe(() =>
      this.stripe.customers.createBalanceTransaction(
        customer,
        {
          amount: -amountCents,
          currency: session.currency ?? this.settings.currency,
          description: 'Credits purchased',
          metadata: { checkoutSession: session.id },
        },
        // Stripe's own guard against granting the same purchase twice, should our record be lost.
        { idempotencyKey: `vexil-credits-${session.id}` },
      ),
    );
  }

  /** The plan a Stripe price stands for; null for a price this install does not sell. */
  planOfPrice(price: string): string | null {
    return Object.entries(this.settings.priceIds).find(([, id]) => id === price)?.[0] ?? null;
  }

  private priceOf(plan: string): string {
    const price = this.settings.priceIds[plan];
    if (!price) {
      throw DomainError.validation(
        { plan: [`must be one of ${Object.keys(this.settings.priceIds).join(', ')}`] },
        `the plan "${plan}" is not sold through Stripe (STRIPE_PRICE_IDS); cancel to leave a paid plan`,
      );
    }
    return price;
  }

  /** The organization's Stripe customer, made on its first checkout (the caller records its id). */
  private async customerOf(subscription: Subscription): Promise<string> {
    if (subscription.stripeCustomerId) return subscription.stripeCustomerId;
    const customer = await askStripe(() =>
      this.stripe.customers.create({ metadata: { [ORGANIZATION_METADATA]: subscription.organizationId } }),
    );
    subscription.stripeCustomerId = customer.id;
    return customer.id;
  }

  private customerIdOf(subscription: Subscription): string {
    if (!subscription.stripeCustomerId) throw notSubscribed();
    return subscription.stripeCustomerId;
  }

  private subscriptionIdOf(subscription: Subscription): string {
    if (!subscription.stripeSubscriptionId) throw notSubscribed();
    return subscription.stripeSubscriptionId;
  }

  /** The subscription's one item, whose price is the plan. */
  private async itemOf(subscription: Subscription): Promise<string> {
    const current = await askStripe(() =>
      this.stripe.subscriptions.retrieve(this.subscriptionIdOf(subscription)),
    );
    const item = current.items.data[0];
    if (!item) throw new DomainError('PAYMENT_PROVIDER_FAILED', 'Stripe: the subscription has no item');
    return item.id;
  }

  private urlOf(url: string | null): string {
    if (!url) throw new DomainError('PAYMENT_PROVIDER_FAILED', 'Stripe: the checkout session has no URL');
    return url;
  }
}

const notSubscribed = () =>
  new DomainError('CONFLICT', 'this organization has no Stripe subscription yet; start with a checkout');
