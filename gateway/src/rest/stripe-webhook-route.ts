import type { RestRoute } from './rest-route.js';

/**
 * Stripe's webhook, where each dialect mounts it: the body goes to billing exactly as received, with
 * the `Stripe-Signature` header, and billing verifies both before it reads anything (decision 15).
 */
export function stripeWebhookRoute(path: string): Omit<RestRoute, 'tag'> {
  return {
    method: 'POST',
    path,
    auth: 'public',
    summary: 'Stripe’s events (verified by `Stripe-Signature`, 5 minutes’ tolerance); each is applied once',
    operation: 'ReceiveStripeEvent',
    rawBody: true,
    // Stripe sends bursts (a checkout is several events) from a few addresses: the sign-in budget per
    // address would turn its deliveries away; a forged one costs a signature check and nothing else.
    rateLimit: 'management',
    errors: ['INVALID_SIGNATURE', 'PAYMENT_PROVIDER_NOT_CONFIGURED'],
    variables: ({ rawBody, headers }) => ({
      payload: rawBody ?? '',
      signature: String(headers['stripe-signature'] ?? ''),
    }),
    result: 'receiveStripeEvent',
  };
}
