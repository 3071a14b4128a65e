import type { PlatformConfig } from '@vexil/platform';
import type Stripe from 'stripe';
import { ManualProvider } from './manual-provider.js';
import type { PaymentProvider } from './payment-provider.js';
import { createStripeClient } from './stripe-client.js';
import { StripeProvider } from './stripe-provider.js';

/** The install's payment provider (`BILLING_PROVIDER`), made once per process. */
export interface Payments {
  provider: PaymentProvider;
  /** Set when Stripe bills: what its webhook receiver needs. */
  stripe: { client: Stripe; provider: StripeProvider; webhookSecret: string } | null;
}

/** Stripe's pages send the customer back to the billing settings of the app. */
const BILLING_PAGE = '/settings/billing';

export function createPayments(config: PlatformConfig): Payments {
  const { payments, billing } = config;
  if (payments.provider === 'manual') return { provider: new ManualProvider(billing), stripe: null };
  const client = createStripeClient(payments.stripe);
  const provider = new StripeProvider(
    client,
    payments.stripe,
    billing,
    new URL(BILLING_PAGE, config.appUrl).toString(),
  );
  return { provider, stripe: { client, provider, webhookSecret: payments.stripe.webhookSecret } };
}
