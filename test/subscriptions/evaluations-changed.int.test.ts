import { sharedTestPlatform, subscribe, type Workspace } from '@vexil/testing';

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const EVALUATIONS = `subscription ($context: JSON!) {
  evaluationsChanged(context: $context) { sequence action evaluations { flagKey value variation reason } }
}`;

/** Production: on, serving `on` to plans in `plans` and `off` to everyone else. */
const target = (ws: Workspace, flagId: string, plans: string[]) =>
  ws.mutate(
    `mutation ($input: UpdateFlagConfigurationInput!) { updateFlagConfiguration(input: $input) { version } }`,
    {
      input: {
        flagId,
        environmentId: ws.env.production,
        enabled: true,
        rules: [
          {
            id: 'plans',
            match: 'all',
            conditions: [{ attribute: 'plan', operator: 'in', values: plans }],
            serve: { variation: 'on' },
          },
        ],
        defaultServe: { variation: 'off' },
      },
    },
  );

describe('evaluationsChanged over graphql-ws (SDKs)', () => {
  it('sends the context’s values first, then only the changes that alter one of them', async () => {
    const ws = await vexil.workspace();
    const checkout = await ws.createFlag('checkout');
    await target(ws, checkout, ['pro']);
    const feed = subscribe(vexil.ws({ apiKey: (await ws.apiKey('client')).key }), EVALUATIONS, {
      context: { key: 'user-1', plan: 'pro' },
    });
    const [first] = await feed.received(1);
    expect(first!.errors).toBeUndefined();
    expect(first!.data.evaluationsChanged).toMatchObject({
      action: 'subscription.started',
      evaluations: [{ flagKey: 'checkout', value: true, variation: 'on', reason: 'TARGETING_MATCH' }],
    });

    // Neither changes what user-1 is served: another environment, and a rule that still matches "pro".
    await ws.setEnabled(checkout, 'dev', false);
    await target(ws, checkout, ['pro', 'team']);
    // This one does.
    await ws.setEnabled(checkout, 'production', false);

    // Payloads resolve when delivered (docs/decisions/0006), so the change that shows the new value is the
    // toggle's or, if it was delivered after the toggle committed, the re-targeting's: one payload either way.
    const [, second] = await feed.received(2);
    expect(second!.data.evaluationsChanged).toMatchObject({
      evaluations: [{ flagKey: 'checkout', value: false, variation: 'off', reason: 'DISABLED' }],
    });
    expect(second!.data.evaluationsChanged.sequence).toBeGreaterThan(first!.data.evaluationsChanged.sequence);

    // A new flag is a new value for the context.
    await ws.createFlag('banner');
    const [, , third] = await feed.received(3);
    expect(third!.data.evaluationsChanged.action).toBe('flag.created');
    expect(third!.data.evaluationsChanged.evaluations.map((e: { flagKey: string }) => e.flagKey)).toEqual([
      'banner',
      'checkout',
    ]);
    expect(feed.results).toHaveLength(3);
    feed.stop();
  });

  it('keeps subscribers with different contexts apart', async () => {
    const ws = await vexil.workspace();
    const checkout = await ws.createFlag('checkout');
    await target(ws, checkout, ['pro']);
    const key = (await ws.apiKey('client')).key;
    const pro = subscribe(vexil.ws({ apiKey: key }), EVALUATIONS, { context: { key: 'a', plan: 'pro' } });
    const free = subscribe(vexil.ws({ apiKey: key }), EVALUATIONS, { context: { key: 'b', plan: 'free' } });
    await Promise.all([pro.received(1), free.received(1)]);

    // Widening the rule to "free" changes b's value only; then narrowing it to "free" changes a's only.
    await target(ws, checkout, ['pro', 'free']);
    const [, freeChange] = await free.received(2);
    await target(ws, checkout, ['free']);
    const [, proChange] = await pro.received(2);
    expect(proChange!.data.evaluationsChanged.evaluations[0]).toMatchObject({ value: false });
    expect(freeChange!.data.evaluationsChanged.evaluations[0]).toMatchObject({ value: true });
    // b's second change and a's first are different events: each feed only saw its own.
    expect(freeChange!.data.evaluationsChanged.sequence).toBeLessThan(
      proChange!.data.evaluationsChanged.sequence,
    );
    pro.stop();
    free.stop();
  });

  it('refuses a context without a key, and a signed-in user without an API key', async () => {
    const ws = await vexil.workspace();
    const noKey = subscribe(vexil.ws({ apiKey: (await ws.apiKey('client')).key }), EVALUATIONS, {
      context: { plan: 'pro' },
    });
    const [invalid] = await noKey.received(1);
    expect(invalid!.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');

    const user = subscribe(vexil.ws({ authorization: `Bearer ${ws.account.accessToken}` }), EVALUATIONS, {
      context: { key: 'u' },
    });
    const [refused] = await user.received(1);
    expect(refused!.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
