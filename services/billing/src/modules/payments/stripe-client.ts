import { DomainError, type StripeSettings } from '@vexil/platform';
import Stripe from 'stripe';

/**
 * The official client, pinned to the API version of the package (the shapes billing reads are that
 * version's). `STRIPE_API_BASE` points it elsewhere through its own host/port/protocol options.
 */
export function createStripeClient(settings: StripeSettings): Stripe {
  return new Stripe(settings.secretKey, {
    ...(settings.api ?? {}),
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
  });
}

/** Runs a Stripe call; what Stripe refuses or cannot answer is a failure of the provider, with its words. */
export async function askStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError)
      throw new DomainError('PAYMENT_PROVIDER_FAILED', `Stripe: ${error.message}`);
    throw error;
  }
}
