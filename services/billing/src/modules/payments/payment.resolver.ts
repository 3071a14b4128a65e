import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { BillingContext } from '../../context.js';
import { ORGANIZATION_ID_ARG, requireOwnOrganization } from '../organizations/organization-argument.js';
import { OrganizationRef } from '../organizations/organization.type.js';
import { toBillingSubscriptionType } from '../subscriptions/subscription.type.js';
import {
  BillingPortalSessionType,
  CheckoutSessionType,
  CreditBalanceType,
  CreditPurchaseType,
  CreditTransactionType,
  PlanChangePreviewType,
  StripeEventReceiptType,
} from './payment.types.js';

const PLAN_ARG = { description: 'A plan key of `plans`.' };

/** Paying for plans and credits through the install's payment provider (owner or admin). */
@Resolver(() => OrganizationRef)
export class PaymentResolver {
  @FieldResolver(() => PlanChangePreviewType, {
    description: 'What changing to `plan` would charge now, prorated (owner or admin).',
  })
  async planChangePreview(
    @Root() _organization: OrganizationRef,
    @Arg('plan', () => String, PLAN_ARG) plan: string,
    @Ctx() { subscriptions, principal }: BillingContext,
  ): Promise<PlanChangePreviewType> {
    return Object.assign(new PlanChangePreviewType(), await subscriptions.previewChange(principal, plan));
  }

  @FieldResolver(() => CreditBalanceType, {
    description: 'Prepaid credit, which invoices are paid from first (owner or admin).',
  })
  async creditBalance(
    @Root() _organization: OrganizationRef,
    @Ctx() { subscriptions, principal }: BillingContext,
  ): Promise<CreditBalanceType> {
    return Object.assign(new CreditBalanceType(), await subscriptions.creditBalance(principal));
  }

  @FieldResolver(() => [CreditTransactionType], {
    description: 'Purchases and uses of credit, the latest first (owner or admin).',
  })
  async creditHistory(
    @Root() _organization: OrganizationRef,
    @Arg('first', () => Int, { defaultValue: 20, description: 'How many, at most 100.' }) first: number,
    @Ctx() { subscriptions, principal }: BillingContext,
  ): Promise<CreditTransactionType[]> {
    const transactions = await subscriptions.creditHistory(principal, Math.min(Math.max(first, 1), 100));
    return transactions.map((transaction) => Object.assign(new CreditTransactionType(), transaction));
  }

  @Mutation(() => CheckoutSessionType, {
    description:
      'Starts paying for a plan (owner or admin): Stripe’s checkout page, or with manual billing the plan changes at once.',
  })
  async startCheckout(
    @Arg('plan', () => String, PLAN_ARG) plan: string,
    @Arg('organizationId', () => ID, ORGANIZATION_ID_ARG) organizationId: string | null,
    @Ctx() { subscriptions, principal, settings, now }: BillingContext,
  ): Promise<CheckoutSessionType> {
    requireOwnOrganization(organizationId, principal);
    const { provider, url, subscription } = await subscriptions.checkout(principal, plan);
    return Object.assign(new CheckoutSessionType(), {
      provider,
      url,
      subscription: toBillingSubscriptionType(subscription, settings, now()),
    });
  }

  @Mutation(() => BillingPortalSessionType, {
    description: 'A link to the payment provider’s portal for cards and invoices (owner or admin).',
  })
  async createBillingPortalSession(
    @Arg('organizationId', () => ID, ORGANIZATION_ID_ARG) organizationId: string | null,
    @Ctx() { subscriptions, principal }: BillingContext,
  ): Promise<BillingPortalSessionType> {
    requireOwnOrganization(organizationId, principal);
    return Object.assign(new BillingPortalSessionType(), { url: await subscriptions.portal(principal) });
  }

  @Mutation(() => CreditPurchaseType, {
    description: 'Starts buying prepaid credit (owner or admin): the page to pay at.',
  })
  async purchaseCredits(
    @Arg('amountCents', () => Int, { description: 'How much credit, in cents (100 to 1,000,000).' })
    amountCents: number,
    @Ctx() { subscriptions, principal }: BillingContext,
  ): Promise<CreditPurchaseType> {
    const url = await subscriptions.purchaseCredits(principal, amountCents);
    return Object.assign(new CreditPurchaseType(), { provider: 'stripe', url });
  }

  @Mutation(() => StripeEventReceiptType, {
    description:
      'Stripe’s webhook: a verified event is applied once; a bad or stale signature changes nothing.',
  })
  async receiveStripeEvent(
    @Arg('payload', () => String, { description: 'The request body exactly as Stripe sent it.' })
    payload: string,
    @Arg('signature', () => String, { description: 'The `Stripe-Signature` header.' }) signature: string,
    @Ctx() { stripeWebhook, principal }: BillingContext,
  ): Promise<StripeEventReceiptType> {
    const { applied } = await stripeWebhook.receive(principal, payload, signature);
    return Object.assign(new StripeEventReceiptType(), { received: true, applied });
  }
}
