import { DomainError, type BillingSettings } from '@vexil/platform';
import type { Subscription } from '../subscriptions/subscription.entity.js';
import type { PaymentProvider } from './payment-provider.js';

const needsProvider = (what: string) =>
  new DomainError(
    'PAYMENT_PROVIDER_NOT_CONFIGURED',
    `${what} needs a payment provider (BILLING_PROVIDER=stripe); with manual billing an owner or admin changes the plan directly`,
  );

/**
 * Manual billing, every self-hosted install's: no money changes hands here, so an owner's or admin's
 * word puts the organization on a plan at once, and checkout is that plan change.
 */
export class ManualProvider implements PaymentProvider {
  readonly name = 'manual';
  readonly immediate = true;

  constructor(private readonly settings: BillingSettings) {}

  async checkout(subscription: Subscription, plan: string): Promise<null> {
    await this.changePlan(subscription, plan);
    return null;
  }

  async portal(): Promise<string> {
    throw needsProvider('a billing portal');
  }

  async previewChange(_subscription: Subscription, plan: string) {
    return { plan, amountDueCents: 0, currency: null };
  }

  /** A running trial ends (its end date stays, as the record that this organization had its trial). */
  async changePlan(subscription: Subscription, plan: string): Promise<void> {
    Object.assign(subscription, { plan, status: 'active', trialPlan: null });
  }

  async cancel(subscription: Subscription): Promise<void> {
    Object.assign(subscription, { plan: this.settings.defaultPlan, status: 'canceled', trialPlan: null });
  }

  async applyRetentionDiscount(): Promise<void> {
    throw needsProvider('a retention discount');
  }

  async purchaseCredits(): Promise<string> {
    throw needsProvider('buying credits');
  }

  async creditBalance() {
    return { balanceCents: 0, currency: null };
  }

  async creditHistory() {
    return [];
  }
}
