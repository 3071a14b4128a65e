import { startTestPlatform, type TestPlatform } from '@vexil/testing';
import { expectError } from '../harness/featuresignals.js';
import { NO_LIMITS, plansFile } from '../harness/plans.js';

// Issue 15: the API rate of each organization's plan (`apiRequestsPerMinute`) holds on its REST
// management requests; the gateway knows the plans from billing's events, with no call per request,
// and a gateway that starts learns them from billing's outbox.

const PLANS = {
  small: { name: 'Small', limits: { ...NO_LIMITS, apiRequestsPerMinute: 5 }, features: [] },
  big: { name: 'Big', limits: { ...NO_LIMITS, apiRequestsPerMinute: null }, features: [] },
};

describe('API rate per plan', () => {
  let vexil: TestPlatform;

  beforeAll(async () => {
    vexil = await startTestPlatform({
      BILLING_PLANS_FILE: plansFile(PLANS),
      BILLING_DEFAULT_PLAN: 'small',
    });
  });
  afterAll(() => vexil.dispose());

  const subscription = (token: string) => vexil.http('GET', '/v1/billing/subscription', { token });

  it('refuses an organization’s requests past its plan’s rate, and a bigger plan lifts it', async () => {
    const small = await vexil.workspace();
    const other = await vexil.workspace();
    const token = small.account.accessToken;
    for (let request = 1; request <= 5; request++) {
      const answer = await subscription(token);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-ratelimit-limit')).toBe('5');
      expect(answer.headers.get('x-ratelimit-remaining')).toBe(String(5 - request));
    }
    const refused = await subscription(token);
    expectError(refused, 429, 'RATE_LIMIT_EXCEEDED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Counted per organization: another one on the same plan has its own budget.
    expect((await subscription(other.account.accessToken)).status).toBe(200);

    await small.mutate(`mutation { changePlan(plan: "big") { plan } }`);
    const lifted = await subscription(token);
    expect(lifted.status).toBe(200);
    expect(Number(lifted.headers.get('x-ratelimit-limit'))).toBeGreaterThan(5);
  });

  it('learns the plans from billing’s outbox when the gateway starts', async () => {
    const big = await vexil.workspace();
    await big.mutate(`mutation { changePlan(plan: "big") { plan } }`);
    await vexil.restart();
    for (let request = 1; request <= 7; request++)
      expect((await subscription(big.account.accessToken)).status).toBe(200);
  });
});
