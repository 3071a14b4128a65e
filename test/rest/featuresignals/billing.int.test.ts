import { sharedTestPlatform } from '@vexil/testing';
import { expectError } from '../../harness/featuresignals.js';

// Issue 15: FeatureSignals' billing routes (routes.md §1.5) over the plans file; a self-hosted
// install runs every organization on `self-hosted`, which has no limits.

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

describe('FeatureSignals billing', () => {
  it('shows the plans to anyone at /v1/pricing', async () => {
    const answer = await vexil.http('GET', '/v1/pricing');
    expect(answer.status).toBe(200);
    expect(answer.body.map((plan: { key: string }) => plan.key)).toEqual([
      'self-hosted',
      'free',
      'pro',
      'enterprise',
    ]);
    expect(answer.body[1]).toEqual({
      key: 'free',
      name: 'Free',
      description: expect.any(String),
      price_monthly_cents: 0,
      limits: {
        seats: 3,
        projects: 1,
        environments: 3,
        flags: 50,
        mau: 1000,
        evaluations_per_month: 1000000,
        api_requests_per_minute: 60,
      },
      features: ['mfa'],
    });
  });

  it('answers the subscription, usage, limits and features of the caller’s organization', async () => {
    const { accessToken: token } = await vexil.register();
    const subscription = await vexil.http('GET', '/v1/billing/subscription', { token });
    expect(subscription.status).toBe(200);
    expect(subscription.body).toEqual({
      id: expect.any(String),
      plan: 'self-hosted',
      plan_details: { name: 'Self-hosted', price_monthly_cents: 0 },
      status: 'active',
      trial_plan: null,
      trial_ends_at: null,
      provider: 'manual',
      cancel_at_period_end: false,
      current_period_end: null,
      created_at: expect.any(String),
    });
    const usage = await vexil.http('GET', '/v1/billing/usage', { token });
    expect(usage.body).toContainEqual({ resource: 'projects', limit: null, used: 1, reached: false });
    expect(usage.body).toContainEqual({ resource: 'environments', limit: null, used: 3, reached: false });
    const limits = await vexil.http('GET', '/v1/limits', { token });
    expect(limits.body).toMatchObject({ seats: null, flags: null, mau: null, api_requests_per_minute: null });
    const features = await vexil.http('GET', '/v1/features', { token });
    expect(features.body).toEqual(
      expect.arrayContaining(['webhooks', 'approvals', 'sso', 'scim', 'customRoles', 'ipAllowlist']),
    );
    expect((await vexil.http('GET', '/v1/billing/usage')).status).toBe(401);
  });

  it('cancels back to the default plan, owner or admin only', async () => {
    const owner = await vexil.register();
    const canceled = await vexil.http('POST', '/v1/billing/cancel', { token: owner.accessToken });
    expect(canceled.status).toBe(200);
    expect(canceled.body).toMatchObject({ plan: 'self-hosted', status: 'canceled' });
    const keyed = await vexil.workspace();
    const { key } = await keyed.apiKey('server');
    const byKey = await vexil.http('POST', '/v1/billing/cancel', { headers: { 'x-api-key': key } });
    expect(byKey.status).toBe(403);
    expectError(byKey, 403, byKey.body.code);
  });
});
