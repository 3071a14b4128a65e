import { ConfigError, type EnvReader } from '../config/env.js';
import type { PlanDefinition } from './plans.js';

/** Who takes the money: `manual` (an owner picks the plan; every self-hosted install) or Stripe. */
export const PAYMENT_PROVIDERS = ['manual', 'stripe'] as const;
export type PaymentProviderName = (typeof PAYMENT_PROVIDERS)[number];

/** How billing reaches Stripe (`BILLING_PROVIDER=stripe`). */
export interface StripeSettings {
  /** `STRIPE_SECRET_KEY`. */
  secretKey: string;
  /** `STRIPE_WEBHOOK_SECRET`: the endpoint's signing secret (`whsec_…`) the receiver verifies with. */
  webhookSecret: string;
  /** `STRIPE_PRICE_IDS` (`pro=price_…,enterprise=price_…`): the recurring price of each paid plan. */
  priceIds: Record<string, string>;
  /** `STRIPE_RETENTION_COUPON`: the coupon a subscriber who is about to leave is offered; none, no offer. */
  retentionCoupon: string | undefined;
  /** `STRIPE_CURRENCY`: what credits are bought in. */
  currency: string;
  /**
   * `STRIPE_API_BASE`: another address of Stripe's API (a local stand-in in tests), handed to the
   * package's own `host`/`port`/`protocol` options.
   */
  api: { host: string; port: number; protocol: 'http' | 'https' } | undefined;
}

/** The payment provider of this install. */
export type PaymentSettings = { provider: 'manual' } | { provider: 'stripe'; stripe: StripeSettings };

/**
 * `BILLING_PROVIDER` and, for Stripe, its keys and a price per paid plan; every problem names the
 * variable at fault, so an install that means to take money stops at start rather than at checkout.
 */
export function readPaymentSettings(read: EnvReader, plans: PlanDefinition[]): PaymentSettings {
  const provider = read.oneOf('BILLING_PROVIDER', PAYMENT_PROVIDERS, 'manual');
  if (provider === 'manual') return { provider };
  const priceIds: Record<string, string> = {};
  for (const pair of read.string('STRIPE_PRICE_IDS').split(',')) {
    const [plan, price] = pair.split('=').map((part) => part.trim());
    if (!plan || !price || !plans.some((known) => known.key === plan)) {
      throw new ConfigError(
        `STRIPE_PRICE_IDS must list plan=price pairs of the plans (${plans.map((p) => p.key).join(', ')}), got "${pair}"`,
      );
    }
    priceIds[plan] = price;
  }
  const base = read.url('STRIPE_API_BASE');
  const url = base ? new URL(base) : undefined;
  const protocol = url?.protocol.replace(':', '');
  if (url && protocol !== 'http' && protocol !== 'https')
    throw new ConfigError(`STRIPE_API_BASE must be an http(s) URL, got "${base}"`);
  return {
    provider,
    stripe: {
      secretKey: read.string('STRIPE_SECRET_KEY'),
      webhookSecret: read.string('STRIPE_WEBHOOK_SECRET'),
      priceIds,
      retentionCoupon: read.optionalString('STRIPE_RETENTION_COUPON'),
      currency: read.string('STRIPE_CURRENCY', 'usd').toLowerCase(),
      api: url
        ? {
            host: url.hostname,
            port: Number(url.port || (protocol === 'https' ? 443 : 80)),
            protocol: protocol as 'http' | 'https',
          }
        : undefined,
    },
  };
}
