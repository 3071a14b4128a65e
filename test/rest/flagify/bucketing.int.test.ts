import { sharedTestPlatform } from '@vexil/testing';
import { goMurmur3Sum32 } from '../../harness/flagify-clients.js';

// Issue 13, routes.md §4.3: a flag made through Flagify's management API buckets as Flagify does,
// `murmur3.Sum32(flagKey + ":" + userID) % 100 < rolloutPercentage`, so users keep their side of a
// rollout when they move to Vexil. Flagify's JS SDK does not bucket locally (flagifyhq/javascript:
// `getValue` returns the `value` the server resolved; `evaluate` asks `/v1/eval/flags/…/evaluate`),
// so the check is the server's answers, as the SDK receives them, against the formula computed here
// with a murmur3 of our own (Go's `spaolacci/murmur3`), for 1 200 users.

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const USERS = Array.from({ length: 1200 }, (_, index) => `user-${index}`);
const inRollout = (flagKey: string, userId: string, percentage: number) =>
  goMurmur3Sum32(`${flagKey}:${userId}`) % 100 < percentage;

describe('Flagify bucketing of flags made through its management API', () => {
  it('serves the rollout value exactly to the users Flagify’s formula puts in, rule and environment alike', async () => {
    const ws = await vexil.workspace();
    const owner = { token: ws.account.accessToken };
    const manage = (method: string, path: string, body?: unknown) =>
      vexil.http(method, `/flagify${path}`, { ...owner, ...(body === undefined ? {} : { body }) });
    const project = `/v1/projects/${ws.projectId}`;
    await manage('POST', `${project}/flags`, {
      key: 'new-checkout',
      name: 'New checkout',
      type: 'boolean',
      defaultValue: true,
    });
    await manage('PUT', `${project}/flags/new-checkout/environments/production`, {
      enabled: true,
      rolloutPercentage: 37,
    });
    await manage('POST', `${project}/flags`, {
      key: 'pricing',
      name: 'Pricing',
      type: 'string',
      defaultValue: 'control',
      offValue: 'off',
    });
    await manage('PUT', `${project}/flags/pricing/environments/production`, { enabled: true });
    await manage('PUT', `${project}/flags/pricing/environments/production/targeting-rules`, {
      rules: [
        {
          valueOverride: 'treatment',
          rolloutPercentage: 55,
          conditions: [{ type: 'attribute', attribute: 'plan', operator: 'equals', values: ['pro'] }],
        },
      ],
    });
    const sdk = { 'x-api-key': (await ws.apiKey('client')).key };
    const synced = (await vexil.http('GET', '/flagify/v1/eval/flags', { headers: sdk })).body;
    expect(synced.find((flag: { key: string }) => flag.key === 'new-checkout')).toMatchObject({
      rolloutPercentage: 37,
      offValue: false,
    });

    const wrong: string[] = [];
    let inside = 0;
    for (const userId of USERS) {
      const answer = await vexil.http('POST', '/flagify/v1/eval/flags/evaluate', {
        headers: sdk,
        body: { userId, attributes: { id: userId, plan: 'pro' } },
      });
      const value = Object.fromEntries(
        answer.body.map((result: { key: string; value: unknown }) => [result.key, result.value]),
      );
      const checkout = inRollout('new-checkout', userId, 37);
      const pricing = inRollout('pricing', userId, 55) ? 'treatment' : 'control';
      if (checkout) inside++;
      if (value['new-checkout'] !== checkout || value.pricing !== pricing)
        wrong.push(
          `${userId}: ${JSON.stringify(value)}, expected new-checkout ${checkout}, pricing ${pricing}`,
        );
    }
    expect(wrong).toEqual([]);
    // The formula splits about as asked: a check that the users are not all on one side.
    expect(inside / USERS.length).toBeGreaterThan(0.32);
    expect(inside / USERS.length).toBeLessThan(0.42);
  }, 120_000);

  it('pins the formula: Go murmur3.Sum32 values', () => {
    expect(goMurmur3Sum32('')).toBe(0);
    expect(goMurmur3Sum32('hello')).toBe(0x248bfa47);
    expect(goMurmur3Sum32('new-checkout:user-1') % 100).toBe(31);
  });
});
