import { Field, ID, Int, ObjectType } from 'type-graphql';
import { BillingSubscriptionType } from '../subscriptions/subscription.type.js';

/** Where to pay for a plan, or the plan already changed. */
@ObjectType('CheckoutSession', { description: 'A checkout: the page to pay at, or a plan changed at once.' })
export class CheckoutSessionType {
  @Field(() => String, { description: 'The payment provider: manual or stripe.' })
  provider!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The page to pay at; null when the plan changed at once (manual billing).',
  })
  url!: string | null;

  @Field(() => BillingSubscriptionType, {
    description: 'The subscription now: with Stripe it changes when Stripe reports the payment.',
  })
  subscription!: BillingSubscriptionType;
}

/** A link into the provider's customer portal. */
@ObjectType('BillingPortalSession', { description: 'A short-lived link to the payment provider’s portal.' })
export class BillingPortalSessionType {
  @Field(() => String, { description: 'Where the customer manages cards, invoices and the subscription.' })
  url!: string;
}

/** A credits purchase started: the page to pay at. */
@ObjectType('CreditPurchase', { description: 'A credits purchase: the page to pay at.' })
export class CreditPurchaseType {
  @Field(() => String, { description: 'The payment provider.' })
  provider!: string;

  @Field(() => String, { description: 'The page to pay at; the credit is granted once paid.' })
  url!: string;
}

/** What a plan change would cost now. */
@ObjectType('PlanChangePreview', { description: 'What changing to a plan would charge now.' })
export class PlanChangePreviewType {
  @Field(() => String, { description: 'The plan previewed.' })
  plan!: string;

  @Field(() => Int, {
    description: 'Charged at once for the rest of the period (prorated, net of credit); 0 when nothing is.',
  })
  amountDueCents!: number;

  @Field(() => String, { nullable: true, description: 'ISO currency; null when no money changes hands.' })
  currency!: string | null;
}

/** An organization's prepaid credit. */
@ObjectType('CreditBalance', { description: 'Prepaid credit, which invoices are paid from first.' })
export class CreditBalanceType {
  @Field(() => Int, { description: 'Credit left, in cents.' })
  balanceCents!: number;

  @Field(() => String, { nullable: true, description: 'ISO currency; null when no money changes hands.' })
  currency!: string | null;
}

/** One movement of the credit balance. */
@ObjectType('CreditTransaction', { description: 'A movement of the credit balance.' })
export class CreditTransactionType {
  @Field(() => ID, { description: 'The provider’s id of the movement.' })
  id!: string;

  @Field(() => Int, { description: 'Cents: positive when credit was added, negative when used.' })
  amountCents!: number;

  @Field(() => String, { description: 'ISO currency.' })
  currency!: string;

  @Field(() => String, { nullable: true, description: 'What the movement was.' })
  description!: string | null;

  @Field(() => Date, { description: 'When it happened.' })
  createdAt!: Date;
}

/** What Stripe's webhook delivery did. */
@ObjectType('StripeEventReceipt', { description: 'The answer to a Stripe webhook delivery.' })
export class StripeEventReceiptType {
  @Field(() => Boolean, { description: 'Always true: the event was received and verified.' })
  received!: boolean;

  @Field(() => Boolean, {
    description: 'Whether it changed anything: false for a repeat, an older state or another business.',
  })
  applied!: boolean;
}

/** Why an organization left a plan. */
@ObjectType('DowngradeFeedback', { description: 'Why an owner or admin left a plan.' })
export class DowngradeFeedbackType {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => String, { description: 'The plan in force when it was given.' })
  plan!: string;

  @Field(() => String, { description: 'The reason given.' })
  reason!: string;

  @Field(() => String, { nullable: true, description: 'Anything else said.' })
  comment!: string | null;

  @Field(() => Date, { description: 'When it was given.' })
  createdAt!: Date;
}
