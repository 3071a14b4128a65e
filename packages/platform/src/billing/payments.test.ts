import { readPlatformConfig } from '../config/platform-config.js';

const STRIPE = {
  BILLING_PROVIDER: 'stripe',
  STRIPE_SECRET_KEY: 'sk_test_1',
  STRIPE_WEBHOOK_SECRET: 'whsec_1',
  STRIPE_PRICE_IDS: 'pro=price_pro, enterprise=price_ent',
};

describe('payment provider configuration', () => {
  it('bills manually unless told otherwise', () => {
    expect(readPlatformConfig({}).payments).toEqual({ provider: 'manual' });
  });

  it('reads Stripe’s keys, a price per paid plan and another address of its API', () => {
    const { payments } = readPlatformConfig({ ...STRIPE, STRIPE_API_BASE: 'http://127.0.0.1:12111' });
    expect(payments).toEqual({
      provider: 'stripe',
      stripe: {
        secretKey: 'sk_test_1',
        webhookSecret: 'whsec_1',
        priceIds: { pro: 'price_pro', enterprise: 'price_ent' },
        retentionCoupon: undefined,
        currency: 'usd',
        api: { host: '127.0.0.1', port: 12111, protocol: 'http' },
      },
    });
  });

  it('stops at start naming what Stripe billing lacks', () => {
    expect(() => readPlatformConfig({ ...STRIPE, STRIPE_WEBHOOK_SECRET: '' })).toThrow(
      'STRIPE_WEBHOOK_SECRET is required',
    );
    expect(() => readPlatformConfig({ ...STRIPE, STRIPE_PRICE_IDS: 'gold=price_1' })).toThrow(
      /STRIPE_PRICE_IDS must list plan=price pairs of the plans \(self-hosted, free, pro, enterprise\), got "gold=price_1"/,
    );
    expect(() => readPlatformConfig({ ...STRIPE, STRIPE_API_BASE: 'ftp://stripe' })).toThrow(
      'STRIPE_API_BASE must be an http(s) URL',
    );
    expect(() => readPlatformConfig({ BILLING_PROVIDER: 'paypal' })).toThrow(
      /BILLING_PROVIDER must be one of/,
    );
  });
});
