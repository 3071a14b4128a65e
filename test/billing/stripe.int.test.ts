import { eventually, sharedTestPlatform, type TestPlatform, type Workspace } from '@vexil/testing';
import { expectError, joinAs } from '../harness/featuresignals.js';
import { expectFlagifyError } from '../harness/flagify.js';
import {
  PRICES,
  RETENTION_COUPON,
  fakeStripe,
  startStripePlatform,
  stripeEvent,
  stripeSignature,
  type FakeStripe,
} from '../harness/stripe.js';

// Issue 15: billing through Stripe. The Stripe API is a local server speaking its documented shapes,
// reached through the stripe package's own host/port/protocol options; webhooks are signed by the
// package's own test helper. The webhook is the one writer of a Stripe subscription's state: each
// event applied once, in any order converging on Stripe's latest, and a bad or stale signature is a
// 400 that changes nothing.

const FS_WEBHOOK = '/v1/billing/stripe/webhook';
const FLAGIFY_WEBHOOK = '/flagify/v1/webhooks/stripe';
const CREATE_PROJECT = `mutation ($n: String!) { createProject(input: { name: $n }) { id } }`;
const PLAN = `{ organization { subscription { plan status provider cancelAtPeriodEnd }
  limits { resource limit } } }`;

describe('billing with Stripe', () => {
  let stripe: FakeStripe;
  let vexil: TestPlatform;

  beforeAll(async () => {
    stripe = fakeStripe();
    vexil = await startStripePlatform(await stripe.start());
  });
  afterAll(async () => {
    await vexil.dispose();
    await stripe.stop();
  });

  /** Delivers a payload to a webhook route as Stripe does, signed unless a signature is given. */
  const deliver = (payload: string, path = FS_WEBHOOK, signature = stripeSignature(payload)) =>
    vexil.http('POST', path, {
      body: payload,
      headers: { 'stripe-signature': signature, 'content-type': 'application/json; charset=utf-8' },
    });

  /** What billing holds of an organization, and how many Stripe events and audit entries it has. */
  const stateOf = async (ws: Workspace) => {
    const organizationId = ws.account.organizationId;
    const [subscription] = await vexil.sql(
      `select plan, status, stripe_customer_id, stripe_subscription_id, provider_state_at, cancel_at_period_end
         from billing.subscriptions where organization_id = ?`,
      [organizationId],
    );
    const [events] = await vexil.sql(`select count(*)::int as count from billing.provider_events`);
    const [audited] = await vexil.sql(
      `select count(*)::int as count from analytics.audit_events where organization_id = ? and actor_id = 'stripe'`,
      [organizationId],
    );
    return { subscription, events: events!.count, audited: audited!.count };
  };

  /** An organization that checked out `plan` and whose Stripe subscription events arrived. */
  async function subscribed(plan: 'pro' | 'enterprise') {
    const ws = await vexil.workspace();
    const checkout = await vexil.http('POST', '/v1/billing/checkout', {
      token: ws.account.accessToken,
      body: { plan },
    });
    expect(checkout.status).toBe(200);
    const { session, subscription } = stripe.completeCheckout(stripe.sessionOf(ws.account.organizationId).id);
    expect((await deliver(stripeEvent('checkout.session.completed', session))).status).toBe(200);
    expect((await deliver(stripeEvent('customer.subscription.created', subscription))).status).toBe(200);
    // Both events are in the audit log (analytics writes it after the fact) before a test counts.
    await eventually(
      () => stateOf(ws),
      (state) => state.audited === 2,
    );
    return { ws, subscription: subscription! };
  }

  const limitOf = (limits: { resource: string; limit: number | null }[], resource: string) =>
    limits.find((limit) => limit.resource === resource)!.limit;

  it('checks out, takes the plan from the webhook, and the new limits hold in REST and GraphQL', async () => {
    const ws = await vexil.workspace();
    const token = ws.account.accessToken;
    const before = await ws.gql(PLAN);
    expect(before.data.organization.subscription).toEqual({
      plan: 'free',
      status: 'active',
      provider: 'manual',
      cancelAtPeriodEnd: false,
    });
    expect((await ws.gql(CREATE_PROJECT, { n: 'Second' })).errors?.[0]?.extensions?.code).toBe(
      'PLAN_LIMIT_EXCEEDED',
    );

    const checkout = await vexil.http('POST', '/v1/billing/checkout', { token, body: { plan: 'pro' } });
    expect(checkout.status).toBe(200);
    expect(checkout.body).toMatchObject({
      gateway: 'stripe',
      redirect_url: expect.stringMatching(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/),
      subscription: { plan: 'free', provider: 'manual' },
    });
    const created = stripe.requests.find((request) => request.path === '/v1/checkout/sessions')!;
    expect(created.form).toMatchObject({
      mode: 'subscription',
      client_reference_id: ws.account.organizationId,
      line_items: [{ price: PRICES.pro, quantity: '1' }],
      subscription_data: { metadata: { vexilOrganizationId: ws.account.organizationId } },
    });
    // Nothing is paid yet: the plan is what it was.
    expect((await ws.gql(PLAN)).data.organization.subscription.plan).toBe('free');

    const { session, subscription } = stripe.completeCheckout(stripe.sessionOf(ws.account.organizationId).id);
    const completed = await deliver(stripeEvent('checkout.session.completed', session));
    expect({ status: completed.status, body: completed.body }).toEqual({
      status: 200,
      body: { received: true },
    });
    expect((await deliver(stripeEvent('customer.subscription.created', subscription))).status).toBe(200);

    const after = await ws.gql(PLAN);
    expect(after.data.organization.subscription).toEqual({
      plan: 'pro',
      status: 'active',
      provider: 'stripe',
      cancelAtPeriodEnd: false,
    });
    expect(limitOf(after.data.organization.limits, 'projects')).toBe(10);
    const usage = await vexil.http('GET', '/v1/billing/usage', { token });
    expect(usage.body).toContainEqual({ resource: 'projects', limit: 10, used: 1, reached: false });
    const limits = await vexil.http('GET', '/v1/limits', { token });
    expect(limits.body).toMatchObject({ projects: 10, seats: 20 });
    // Flags enforces from billing's event: the second project is now allowed.
    await eventually(
      () => ws.gql(CREATE_PROJECT, { n: 'Second' }),
      (answer) => !answer.errors,
    );
  });

  it('does the same round trip through Flagify’s routes', async () => {
    const ws = await vexil.workspace();
    const token = ws.account.accessToken;
    const wid = ws.account.organizationId;
    const checkout = await vexil.http('POST', `/flagify/v1/workspaces/${wid}/billing/checkout`, {
      token,
      body: { plan: 'enterprise' },
    });
    expect(checkout.status).toBe(200);
    expect(checkout.body).toMatchObject({
      provider: 'stripe',
      url: expect.stringContaining('https://checkout.stripe.com/'),
      subscription: { plan: 'free' },
    });
    const { session, subscription } = stripe.completeCheckout(stripe.sessionOf(wid).id);
    expect((await deliver(stripeEvent('checkout.session.completed', session), FLAGIFY_WEBHOOK)).status).toBe(
      200,
    );
    expect(
      (await deliver(stripeEvent('customer.subscription.created', subscription), FLAGIFY_WEBHOOK)).status,
    ).toBe(200);
    const billing = await vexil.http('GET', `/flagify/v1/workspaces/${wid}/billing`, { token });
    expect(billing.body.subscription).toMatchObject({
      plan: 'enterprise',
      provider: 'stripe',
      status: 'active',
    });
    expect(billing.body.limits).toContainEqual({
      resource: 'projects',
      limit: null,
      used: 1,
      reached: false,
    });

    const elsewhere = await vexil.http(
      'POST',
      `/flagify/v1/workspaces/${(await vexil.register()).organizationId}/billing/checkout`,
      {
        token,
        body: { plan: 'pro' },
      },
    );
    expectFlagifyError(elsewhere, 404, 'organization_not_found');
  });

  it('applies a valid event once: a replay answers 200 and changes nothing', async () => {
    const { ws, subscription } = await subscribed('pro');
    const upgraded = {
      ...subscription,
      items: {
        ...subscription.items,
        data: [{ ...subscription.items.data[0]!, price: { id: PRICES.enterprise, object: 'price' } }],
      },
    };
    const payload = stripeEvent('customer.subscription.updated', upgraded, Math.floor(Date.now() / 1000) + 5);
    const before = await stateOf(ws);
    expect((await deliver(payload)).status).toBe(200);
    const once = await eventually(
      () => stateOf(ws),
      (state) => state.audited === before.audited + 1,
    );
    expect(once.subscription!.plan).toBe('enterprise');
    expect(once.events).toBe(before.events + 1);

    const replayed = await deliver(payload);
    expect({ status: replayed.status, body: replayed.body }).toEqual({
      status: 200,
      body: { received: true },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await stateOf(ws)).toEqual(once);
  });

  it('converges on Stripe’s latest state whatever order the events come in', async () => {
    const { ws, subscription } = await subscribed('pro');
    const now = Math.floor(Date.now() / 1000);
    const withPrice = (price: string, status = 'active') => ({
      ...subscription,
      status,
      items: {
        ...subscription.items,
        data: [{ ...subscription.items.data[0]!, price: { id: price, object: 'price' } }],
      },
    });
    const newer = stripeEvent('customer.subscription.updated', withPrice(PRICES.enterprise), now + 20);
    const older = stripeEvent('customer.subscription.updated', withPrice(PRICES.pro), now + 10);
    const olderEnd = stripeEvent(
      'customer.subscription.deleted',
      withPrice(PRICES.pro, 'canceled'),
      now + 15,
    );
    for (const payload of [newer, older, olderEnd]) expect((await deliver(payload)).status).toBe(200);
    const { subscription: state } = await stateOf(ws);
    expect(state).toMatchObject({ plan: 'enterprise', status: 'active' });
    expect(new Date(state!.provider_state_at).getTime()).toBe((now + 20) * 1000);
    expect((await ws.gql(PLAN)).data.organization.subscription.plan).toBe('enterprise');

    // The end, when it is the latest word, returns the organization to the default plan.
    const ended = stripeEvent(
      'customer.subscription.deleted',
      withPrice(PRICES.enterprise, 'canceled'),
      now + 30,
    );
    expect((await deliver(ended, FLAGIFY_WEBHOOK)).status).toBe(200);
    expect((await ws.gql(PLAN)).data.organization.subscription).toMatchObject({
      plan: 'free',
      status: 'canceled',
    });
  });

  it('answers 400 to a bad or stale signature and changes nothing', async () => {
    const { ws, subscription } = await subscribed('pro');
    const later = Math.floor(Date.now() / 1000) + 60;
    const payload = stripeEvent(
      'customer.subscription.deleted',
      { ...subscription, status: 'canceled' },
      later,
    );
    const before = await stateOf(ws);
    const stale = stripeSignature(payload, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    const forged = stripeSignature(payload, { secret: 'whsec_someone_else' });
    const tampered = stripeSignature(payload).replace(
      /v1=([0-9a-f])/,
      (_m, digit) => `v1=${digit === '0' ? '1' : '0'}`,
    );

    expectError(await deliver(payload, FS_WEBHOOK, stale), 400, 'INVALID_SIGNATURE');
    expectError(await deliver(payload, FS_WEBHOOK, forged), 400, 'INVALID_SIGNATURE');
    expectFlagifyError(await deliver(payload, FLAGIFY_WEBHOOK, tampered), 400, 'invalid_signature');
    expectFlagifyError(await deliver(payload, FLAGIFY_WEBHOOK, ''), 400, 'invalid_signature');
    // A body changed after signing is refused just the same.
    expectError(
      await deliver(payload.replace('"canceled"', '"active"'), FS_WEBHOOK, stripeSignature(payload)),
      400,
      'INVALID_SIGNATURE',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await stateOf(ws)).toEqual(before);
    // The very same event, signed properly, is then applied.
    expect((await deliver(payload)).status).toBe(200);
    expect((await stateOf(ws)).subscription).toMatchObject({ plan: 'free', status: 'canceled' });
  });

  it('previews and changes the plan through Stripe, prorated, and cancels at the period’s end', async () => {
    const { ws, subscription } = await subscribed('pro');
    const token = ws.account.accessToken;
    const wid = ws.account.organizationId;
    const preview = await vexil.http('POST', `/flagify/v1/workspaces/${wid}/billing/preview-change`, {
      token,
      body: { plan: 'enterprise' },
    });
    expect(preview.body).toEqual({ plan: 'enterprise', amountDueCents: 24_950, currency: 'usd' });

    const changed = await vexil.http('POST', `/flagify/v1/workspaces/${wid}/billing/change-plan`, {
      token,
      body: { plan: 'enterprise' },
    });
    // Stripe was asked; the plan follows when its webhook says so.
    expect(changed.body).toMatchObject({ plan: 'pro', provider: 'stripe' });
    expect(stripe.subscriptions.get(subscription.id)!.items.data[0]!.price.id).toBe(PRICES.enterprise);
    const update = stripe.requests
      .filter((request) => request.path === `/v1/subscriptions/${subscription.id}`)
      .at(-1)!;
    expect(update.form).toMatchObject({ proration_behavior: 'always_invoice' });
    expectFlagifyError(
      await vexil.http('POST', `/flagify/v1/workspaces/${wid}/billing/change-plan`, {
        token,
        body: { plan: 'free' },
      }),
      422,
      'unprocessable_entity',
    );
    const updated = stripeEvent(
      'customer.subscription.updated',
      stripe.subscriptions.get(subscription.id),
      Math.floor(Date.now() / 1000) + 1,
    );
    expect((await deliver(updated)).status).toBe(200);
    expect((await ws.gql(PLAN)).data.organization.subscription.plan).toBe('enterprise');

    const cancel = await vexil.http('POST', '/v1/billing/cancel', { token });
    expect(cancel.status).toBe(200);
    expect(stripe.subscriptions.get(subscription.id)!.cancel_at_period_end).toBe(true);
    const scheduled = stripeEvent(
      'customer.subscription.updated',
      stripe.subscriptions.get(subscription.id),
      Math.floor(Date.now() / 1000) + 2,
    );
    expect((await deliver(scheduled)).status).toBe(200);
    expect((await ws.gql(PLAN)).data.organization.subscription).toMatchObject({
      plan: 'enterprise',
      cancelAtPeriodEnd: true,
    });
  });

  it('opens the portal, applies the retention discount once and keeps downgrade feedback', async () => {
    const { ws, subscription } = await subscribed('pro');
    const token = ws.account.accessToken;
    const wid = ws.account.organizationId;
    const portal = await vexil.http('POST', '/v1/billing/portal', { token });
    expect(portal.body).toEqual({
      url: expect.stringMatching(/^https:\/\/billing\.stripe\.com\/p\/session\//),
    });
    const flagifyPortal = await vexil.http('POST', `/flagify/v1/workspaces/${wid}/billing/portal`, { token });
    expect(flagifyPortal.body.url).toContain('https://billing.stripe.com/');

    const discount = await vexil.http(
      'POST',
      `/flagify/v1/workspaces/${wid}/billing/apply-retention-discount`,
      { token },
    );
    expect(discount.status).toBe(200);
    expect(stripe.subscriptions.get(subscription.id)!.discounts).toEqual([RETENTION_COUPON]);
    expectFlagifyError(
      await vexil.http('POST', `/flagify/v1/workspaces/${wid}/billing/apply-retention-discount`, { token }),
      409,
      'conflict',
    );

    const feedback = await vexil.http('POST', `/flagify/v1/workspaces/${wid}/billing/downgrade-feedback`, {
      token,
      body: { reason: 'too expensive', comment: 'two flags only' },
    });
    expect(feedback.status).toBe(201);
    expect(feedback.body).toMatchObject({ plan: 'pro', reason: 'too expensive', comment: 'two flags only' });
    const stored = await vexil.sql(
      `select reason, comment, plan from billing.downgrade_feedback where organization_id = ?`,
      [wid],
    );
    expect(stored).toEqual([{ reason: 'too expensive', comment: 'two flags only', plan: 'pro' }]);
  });

  it('buys credits: paid once, granted once as Stripe customer balance', async () => {
    const { ws } = await subscribed('pro');
    const token = ws.account.accessToken;
    const purchase = await vexil.http('POST', '/v1/billing/credits/purchase', {
      token,
      body: { amount_cents: 5000 },
    });
    expect(purchase.body).toEqual({
      gateway: 'stripe',
      redirect_url: expect.stringContaining('https://checkout.stripe.com/'),
    });
    const { session } = stripe.completeCheckout(stripe.sessionOf(ws.account.organizationId).id);
    const paid = stripeEvent('checkout.session.completed', session);
    expect((await deliver(paid)).status).toBe(200);
    expect((await deliver(paid)).status).toBe(200);

    const balance = await vexil.http('GET', '/v1/billing/credits/balance', { token });
    expect(balance.body).toEqual({ balance_cents: 5000, currency: 'usd' });
    const history = await vexil.http('GET', '/v1/billing/credits/history?limit=10', { token });
    expect(history.body).toEqual([
      {
        id: expect.stringMatching(/^cbtxn_/),
        amount_cents: 5000,
        currency: 'usd',
        description: 'Credits purchased',
        created_at: expect.any(String),
      },
    ]);
    const credits = await vexil.http('GET', '/v1/billing/credits', { token });
    expect(credits.body).toMatchObject({
      credit_balance: { balance_cents: 5000 },
      credit_history: [{ amount_cents: 5000 }],
    });
    expectError(
      await vexil.http('POST', '/v1/billing/credits/purchase', { token, body: { amount_cents: 5 } }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('takes the install’s provider as the only gateway', async () => {
    const ws = await vexil.workspace();
    const token = ws.account.accessToken;
    const chosen = await vexil.http('PUT', '/v1/billing/gateway', { token, body: { gateway: 'stripe' } });
    expect(chosen.body).toEqual({ gateway: 'stripe' });
    expectError(
      await vexil.http('PUT', '/v1/billing/gateway', { token, body: { gateway: 'payu' } }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('billing without a payment provider', () => {
  const vexil = sharedTestPlatform();
  afterAll(() => vexil.dispose());

  it('changes the plan at once on checkout, and answers what needs a provider with a clear 400', async () => {
    const ws = await vexil.workspace();
    const token = ws.account.accessToken;
    const wid = ws.account.organizationId;
    const checkout = await vexil.http('POST', '/v1/billing/checkout', { token, body: { plan: 'pro' } });
    expect(checkout.body).toMatchObject({
      gateway: 'manual',
      redirect_url: null,
      subscription: { plan: 'pro' },
    });
    const preview = await vexil.http('POST', `/flagify/v1/workspaces/${wid}/billing/preview-change`, {
      token,
      body: { plan: 'enterprise' },
    });
    expect(preview.body).toEqual({ plan: 'enterprise', amountDueCents: 0, currency: null });
    expectError(
      await vexil.http('POST', '/v1/billing/portal', { token }),
      400,
      'PAYMENT_PROVIDER_NOT_CONFIGURED',
    );
    expectFlagifyError(
      await vexil.http('POST', `/flagify/v1/workspaces/${wid}/billing/apply-retention-discount`, { token }),
      400,
      'payment_provider_not_configured',
    );
    const payload = stripeEvent('customer.subscription.updated', {});
    expectError(
      await vexil.http('POST', FS_WEBHOOK, {
        body: payload,
        headers: { 'stripe-signature': stripeSignature(payload) },
      }),
      400,
      'PAYMENT_PROVIDER_NOT_CONFIGURED',
    );
    const balance = await vexil.http('GET', '/v1/billing/credits/balance', { token });
    expect(balance.body).toEqual({ balance_cents: 0, currency: null });
  });

  it('leaves paying and the billing details to owners and admins', async () => {
    const ws = await vexil.workspace();
    const developer = await joinAs(vexil, ws.account, await vexil.register(), 'developer');
    const token = developer.accessToken;
    const wid = ws.account.organizationId;
    expectError(
      await vexil.http('POST', '/v1/billing/checkout', { token, body: { plan: 'pro' } }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
    expectError(await vexil.http('GET', '/v1/billing/credits', { token }), 403, 'INSUFFICIENT_PERMISSIONS');
    expectFlagifyError(
      await vexil.http('POST', `/flagify/v1/workspaces/${wid}/billing/downgrade-feedback`, {
        token,
        body: { reason: 'nope' },
      }),
      403,
      'insufficient_permissions',
    );
    expect(
      (await ws.gql(`{ organization { subscription { plan } } }`)).data.organization.subscription.plan,
    ).toBe('self-hosted');
  });
});
