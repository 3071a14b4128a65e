import type { PaymentProviderName } from '@vexil/platform';
import type { Subscription } from '../subscriptions/subscription.entity.js';

/** What changing to a plan would cost now. */
export interface PlanChangePreview {
  plan: string;
  /** Charged at once for the rest of the period (prorated); 0 when nothing is charged now. */
  amountDueCents: number;
  /** Null when no money changes hands (manual billing). */
  currency: string | null;
}

/** One movement of an organization's credit balance; a purchase is positive. */
export interface CreditTransaction {
  id: string;
  amountCents: number;
  currency: string;
  description: string | null;
  createdAt: Date;
}

/** An organization's prepaid credit, which the provider takes invoices from first. */
export interface CreditBalance {
  balanceCents: number;
  currency: string | null;
}

/**
 * Who takes the money (decision 15). A provider either changes the subscription at once (`manual`: the
 * owner's word is the payment) or asks the payment provider, whose webhook then brings the new state
 * (`stripe`); `immediate` says which. Methods that change the subscription locally set its fields; the
 * service persists them and records the event.
 */
export interface PaymentProvider {
  readonly name: PaymentProviderName;
  /** Changes take effect here when the call returns, rather than arriving with the provider's events. */
  readonly immediate: boolean;
  /** Starts paying for `plan`: the URL to pay at, or null when the plan changed at once. */
  checkout(subscription: Subscription, plan: string): Promise<string | null>;
  /** A link to the provider's page where the customer manages cards and invoices. */
  portal(subscription: Subscription): Promise<string>;
  previewChange(subscription: Subscription, plan: string): Promise<PlanChangePreview>;
  /** Moves a subscription to `plan`, prorated. */
  changePlan(subscription: Subscription, plan: string): Promise<void>;
  /** Ends the subscription (at the end of the paid period where there is one). */
  cancel(subscription: Subscription): Promise<void>;
  /** Applies the retention offer to a subscription about to be left. */
  applyRetentionDiscount(subscription: Subscription): Promise<void>;
  /** The URL to pay for `amountCents` of credit at. */
  purchaseCredits(subscription: Subscription, amountCents: number): Promise<string>;
  creditBalance(subscription: Subscription): Promise<CreditBalance>;
  /** The latest movements first. */
  creditHistory(subscription: Subscription, first: number): Promise<CreditTransaction[]>;
}
