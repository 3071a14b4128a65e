import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { startTestPlatform, type TestPlatform } from '@vexil/testing';

/** The signing secret the Stripe platforms of the tests verify webhooks with. */
export const WEBHOOK_SECRET = 'whsec_vexil_test_secret';
export const PRICES = { pro: 'price_vexil_pro', enterprise: 'price_vexil_enterprise' };
export const RETENTION_COUPON = 'vexil-retention-20';

const id = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;
const seconds = () => Math.floor(Date.now() / 1000);

/**
 * Reads a Stripe API form body (`items[0][price]=…`, `metadata[key]=…`) into nested objects and
 * arrays, as Stripe's API does.
 */
function readForm(text: string): Record<string, any> {
  const root: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.split(/\[|\]\[|\]/).filter(Boolean);
    let node: any = root;
    path.forEach((part, index) => {
      if (index === path.length - 1) node[part] = value;
      else node = node[part] ??= /^\d+$/.test(path[index + 1]!) ? [] : {};
    });
  }
  return root;
}

interface FakeSubscription {
  id: string;
  object: 'subscription';
  customer: string;
  status: Stripe.Subscription.Status;
  cancel_at_period_end: boolean;
  metadata: Record<string, string>;
  discounts: string[];
  items: {
    object: 'list';
    data: {
      id: string;
      object: 'subscription_item';
      price: { id: string; object: 'price' };
      current_period_end: number;
    }[];
  };
}

/**
 * A local HTTP server that answers the Stripe API calls billing makes, in Stripe's documented shapes
 * (customers, checkout and portal sessions, subscriptions, invoice previews, customer balance
 * transactions), with state kept in memory. The platform reaches it through the stripe package's own
 * host/port/protocol options (`STRIPE_API_BASE`); nothing of the package is patched.
 */
export function fakeStripe() {
  const requests: { method: string; path: string; form: Record<string, any> }[] = [];
  const customers = new Map<
    string,
    {
      id: string;
      object: 'customer';
      balance: number;
      currency: string | null;
      metadata: Record<string, string>;
    }
  >();
  const balanceTransactions = new Map<string, any[]>();
  const sessions = new Map<string, any>();
  const subscriptions = new Map<string, FakeSubscription>();

  const routes: [string, RegExp, (match: string[], form: Record<string, any>) => [number, unknown]][] = [
    [
      'POST',
      /^\/v1\/customers$/,
      (_m, form) => {
        const customer = {
          id: id('cus'),
          object: 'customer' as const,
          balance: 0,
          currency: null,
          metadata: form.metadata ?? {},
        };
        customers.set(customer.id, customer);
        return [200, customer];
      },
    ],
    ['GET', /^\/v1\/customers\/([^/]+)$/, ([, customer]) => lookup(customers.get(customer!))],
    [
      'POST',
      /^\/v1\/customers\/([^/]+)\/balance_transactions$/,
      ([, customerId], form) => {
        const customer = customers.get(customerId!);
        if (!customer) return missing();
        const transaction = {
          id: id('cbtxn'),
          object: 'customer_balance_transaction',
          amount: Number(form.amount),
          currency: form.currency,
          customer: customer.id,
          description: form.description ?? null,
          metadata: form.metadata ?? {},
          created: seconds(),
          type: 'adjustment',
          ending_balance: customer.balance + Number(form.amount),
        };
        customer.balance += transaction.amount;
        customer.currency ??= transaction.currency;
        balanceTransactions.set(customer.id, [transaction, ...(balanceTransactions.get(customer.id) ?? [])]);
        return [200, transaction];
      },
    ],
    [
      'GET',
      /^\/v1\/customers\/([^/]+)\/balance_transactions$/,
      ([, customer]) => [
        200,
        {
          object: 'list',
          data: balanceTransactions.get(customer!) ?? [],
          has_more: false,
          url: `/v1/customers/${customer}/balance_transactions`,
        },
      ],
    ],
    [
      'POST',
      /^\/v1\/checkout\/sessions$/,
      (_m, form) => {
        const session = {
          id: id('cs_test'),
          object: 'checkout.session',
          url: `https://checkout.stripe.com/c/pay/${id('cs_test')}`,
          mode: form.mode,
          customer: form.customer ?? null,
          client_reference_id: form.client_reference_id ?? null,
          metadata: form.metadata ?? {},
          line_items: form.line_items,
          subscription_data: form.subscription_data,
          status: 'open',
          payment_status: 'unpaid',
          currency: form.line_items?.[0]?.price_data?.currency ?? 'usd',
          amount_total: Number(form.line_items?.[0]?.price_data?.unit_amount ?? 0),
          subscription: null as string | null,
          success_url: form.success_url,
          cancel_url: form.cancel_url,
        };
        sessions.set(session.id, session);
        return [200, session];
      },
    ],
    [
      'POST',
      /^\/v1\/billing_portal\/sessions$/,
      (_m, form) => [
        200,
        {
          id: id('bps'),
          object: 'billing_portal.session',
          customer: form.customer,
          return_url: form.return_url,
          url: `https://billing.stripe.com/p/session/${id('test')}`,
        },
      ],
    ],
    ['GET', /^\/v1\/subscriptions\/([^/]+)$/, ([, subscription]) => lookup(subscriptions.get(subscription!))],
    [
      'POST',
      /^\/v1\/subscriptions\/([^/]+)$/,
      ([, subscriptionId], form) => {
        const subscription = subscriptions.get(subscriptionId!);
        if (!subscription) return missing();
        const price = form.items?.[0]?.price;
        if (price) subscription.items.data[0]!.price = { id: price, object: 'price' };
        if (form.cancel_at_period_end !== undefined)
          subscription.cancel_at_period_end = form.cancel_at_period_end === 'true';
        if (form.discounts)
          subscription.discounts = form.discounts.map((discount: { coupon: string }) => discount.coupon);
        return [200, subscription];
      },
    ],
    [
      'POST',
      /^\/v1\/invoices\/create_preview$/,
      (_m, form) => {
        const price = form.subscription_details?.items?.[0]?.price;
        // A stand-in proration: half a month of the new plan.
        const monthly = price === PRICES.enterprise ? 49_900 : 2_900;
        return [
          200,
          {
            id: id('upcoming'),
            object: 'invoice',
            amount_due: monthly / 2,
            currency: 'usd',
            customer: form.customer,
            subscription: form.subscription,
          },
        ];
      },
    ],
  ];

  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      const path = (request.url ?? '/').split('?')[0]!;
      const form = readForm(request.method === 'GET' ? ((request.url ?? '').split('?')[1] ?? '') : text);
      requests.push({ method: request.method!, path, form });
      const route = routes.find(([method, pattern]) => method === request.method && pattern.test(path));
      const [status, body] = route ? route[2](path.match(route[1])!, form) : missing();
      response.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') });
      response.end(JSON.stringify(body));
    });
  });

  return {
    requests,
    subscriptions,
    customers,
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    /** The last checkout session made for an organization. */
    sessionOf(organizationId: string): { id: string; mode: string; url: string } {
      const found = [...sessions.values()].filter(
        (session) => session.client_reference_id === organizationId,
      );
      if (!found.length) throw new Error(`no checkout session for ${organizationId}`);
      return found.at(-1);
    },
    /** What Stripe does when the customer pays a checkout: a paid session (and a subscription for a plan). */
    completeCheckout(sessionId: string) {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`no checkout session ${sessionId}`);
      Object.assign(session, { status: 'complete', payment_status: 'paid' });
      if (session.mode !== 'subscription') return { session, subscription: null };
      const subscription: FakeSubscription = {
        id: id('sub'),
        object: 'subscription',
        customer: session.customer,
        status: 'active',
        cancel_at_period_end: false,
        metadata: session.subscription_data?.metadata ?? {},
        discounts: [],
        items: {
          object: 'list',
          data: [
            {
              id: id('si'),
              object: 'subscription_item',
              price: { id: session.line_items[0].price, object: 'price' },
              current_period_end: seconds() + 30 * 86_400,
            },
          ],
        },
      };
      subscriptions.set(subscription.id, subscription);
      session.subscription = subscription.id;
      return { session, subscription };
    },
  };

  function lookup(found: unknown): [number, unknown] {
    return found ? [200, found] : missing();
  }
  function missing(): [number, unknown] {
    return [
      404,
      { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such object' } },
    ];
  }
}

export type FakeStripe = ReturnType<typeof fakeStripe>;

/** A Stripe event as its webhook delivers it, made `createdAt` seconds (default now). */
export function stripeEvent(type: string, object: unknown, created = seconds()) {
  return JSON.stringify({
    id: id('evt'),
    object: 'event',
    api_version: Stripe.API_VERSION,
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  });
}

/** The `Stripe-Signature` header of a payload, by the package's own test helper. */
export function stripeSignature(payload: string, { secret = WEBHOOK_SECRET, timestamp = seconds() } = {}) {
  return new Stripe('sk_test_vexil').webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

/** A platform that bills with Stripe, reaching the fake Stripe at `stripeUrl`; new organizations on `free`. */
export function startStripePlatform(
  stripeUrl: string,
  env: Record<string, string> = {},
): Promise<TestPlatform> {
  return startTestPlatform({
    BILLING_PROVIDER: 'stripe',
    BILLING_DEFAULT_PLAN: 'free',
    STRIPE_SECRET_KEY: 'sk_test_vexil',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_PRICE_IDS: `pro=${PRICES.pro},enterprise=${PRICES.enterprise}`,
    STRIPE_RETENTION_COUPON: RETENTION_COUPON,
    STRIPE_API_BASE: stripeUrl,
    ...env,
  });
}
