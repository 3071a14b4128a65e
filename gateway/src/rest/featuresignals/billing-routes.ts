import { Type } from '@sinclair/typebox';
import { resource, type RestRoute } from '../rest-route.js';
import { stripeWebhookRoute } from '../stripe-webhook-route.js';

const PLAN = Type.String({ minLength: 1, maxLength: 64 });

/**
 * FeatureSignals' billing, limits and pricing routes (routes.md §1.5). Plans come from the plans file
 * (decision 15); a self-hosted install's plan has no limits, so these answer what the install runs on.
 * Checkout with manual billing changes the plan at once and answers no `redirect_url`; the portal and
 * credits purchase need a payment provider (`PAYMENT_PROVIDER_NOT_CONFIGURED`, 400).
 */
export const featureSignalsBillingRoutes = resource<RestRoute>('Billing', [
  {
    method: 'GET',
    path: '/billing/subscription',
    auth: 'user',
    summary: 'The organization’s plan, its status, and a trial’s end',
    operation: 'FeatureSignalsBillingSubscription',
    result: 'organization.subscription',
  },
  {
    method: 'GET',
    path: '/billing/usage',
    auth: 'user',
    summary: 'Each limit of the plan with what the organization uses of it',
    operation: 'BillingUsage',
    result: 'organization.limits',
  },
  {
    method: 'POST',
    path: '/billing/cancel',
    auth: 'user',
    summary: 'Cancel the subscription (billing:admin): back to the default plan, nothing is deleted',
    operation: 'CancelSubscription',
    result: 'cancelSubscription',
  },
  {
    method: 'POST',
    path: '/billing/checkout',
    auth: 'user',
    summary:
      'Pay for a plan (billing:admin; default pro): Stripe’s checkout page, or with manual billing the plan at once',
    operation: 'FeatureSignalsCheckout',
    request: { body: Type.Object({ plan: Type.Optional(PLAN) }) },
    example: { plan: 'pro' },
    errors: ['CONFLICT', 'PAYMENT_PROVIDER_FAILED'],
    variables: ({ body }) => ({ plan: body.plan ?? 'pro' }),
    result: 'startCheckout',
  },
  {
    method: 'POST',
    path: '/billing/portal',
    auth: 'user',
    summary: 'A link to Stripe’s billing portal (billing:admin)',
    operation: 'BillingPortal',
    errors: ['CONFLICT', 'PAYMENT_PROVIDER_NOT_CONFIGURED', 'PAYMENT_PROVIDER_FAILED'],
    result: 'createBillingPortalSession',
  },
  {
    method: 'GET',
    path: '/billing/credits',
    auth: 'user',
    summary: 'Prepaid credit and its latest movements (billing:admin)',
    operation: 'Credits',
    variables: () => ({ first: 50 }),
    result: 'organization',
  },
  {
    method: 'GET',
    path: '/billing/credits/balance',
    auth: 'user',
    summary: 'Prepaid credit left (billing:admin)',
    operation: 'CreditBalance',
    result: 'organization.creditBalance',
  },
  {
    method: 'GET',
    path: '/billing/credits/history',
    auth: 'user',
    summary: 'Purchases and uses of credit, the latest first (billing:admin)',
    operation: 'CreditHistory',
    request: {
      query: Type.Object({ limit: Type.Optional(Type.String({ pattern: '^(100|[1-9][0-9]?)$' })) }),
    },
    variables: ({ query }) => ({ first: Number(query.get('limit') ?? 50) }),
    result: 'organization.creditHistory',
  },
  {
    method: 'POST',
    path: '/billing/credits/purchase',
    auth: 'user',
    summary: 'Buy prepaid credit (billing:admin): Stripe’s checkout page to pay at',
    operation: 'PurchaseCredits',
    request: {
      body: Type.Object({ amount_cents: Type.Integer({ minimum: 100, maximum: 1_000_000 }) }),
    },
    example: { amount_cents: 5000 },
    errors: ['PAYMENT_PROVIDER_NOT_CONFIGURED', 'PAYMENT_PROVIDER_FAILED'],
    variables: ({ body }) => ({ amountCents: body.amount_cents }),
    result: 'purchaseCredits',
  },
  {
    method: 'PUT',
    path: '/billing/gateway',
    auth: 'user',
    summary: 'Choose the payment gateway (billing:admin): the install’s BILLING_PROVIDER is the one there is',
    operation: 'SetBillingGateway',
    request: { body: Type.Object({ gateway: Type.String({ minLength: 1, maxLength: 32 }) }) },
    example: { gateway: 'manual' },
    variables: ({ body }) => ({ gateway: body.gateway }),
    result: 'setBillingGateway',
  },
  stripeWebhookRoute('/billing/stripe/webhook'),
  {
    method: 'GET',
    path: '/limits',
    auth: 'user',
    summary: 'The caps of the organization’s plan (null: no limit)',
    operation: 'PlanLimits',
    result: 'organization.subscription.planDetails.limits',
  },
  {
    method: 'GET',
    path: '/features',
    auth: 'user',
    summary: 'The features the organization’s plan includes',
    operation: 'PlanFeatures',
    result: 'organization.subscription.planDetails.features',
  },
  {
    method: 'GET',
    path: '/pricing',
    auth: 'public',
    summary: 'The plans of this install with their prices, limits and features',
    operation: 'Pricing',
    result: 'plans',
  },
]);
