import { murmur3 } from '@vexil/evaluation';
import { sharedTestPlatform, type Workspace } from '@vexil/testing';
import { expectError } from '../../harness/featuresignals.js';

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

/** The FeatureSignals routes of one workspace's default project and production SDK key, as its owner. */
async function client(ws: Workspace) {
  const base = `/v1/projects/${ws.projectId}`;
  const token = ws.account.accessToken;
  const { key } = await ws.apiKey('server', 'production');
  const evaluate = (flagKey: string, user: string, attributes: Record<string, string> = {}) =>
    vexil.http('POST', '/v1/evaluate', {
      headers: { 'x-api-key': key },
      body: { flag_key: flagKey, context: { key: user, attributes } },
    });
  return {
    get: (path: string) => vexil.http('GET', `${base}${path}`, { token }),
    send: (method: 'POST' | 'PUT', path: string, body: Record<string, unknown>) =>
      vexil.http(method, `${base}${path}`, { token, body }),
    state: (flagKey: string) => `/flags/${flagKey}/environments/${ws.env.production}`,
    evaluate,
    /** Asks until `probe` holds: SDK routes answer from rulesets the gateway updates from events. */
    async settled(probe: () => Promise<boolean>) {
      for (let attempt = 0; attempt < 100 && !(await probe()); attempt++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await probe()).toBe(true);
    },
  };
}

/** The flag's variations as GraphQL shows them. */
async function variationsOf(ws: Workspace, flagKey: string) {
  const data = await ws.mutate(
    `query ($p: ID!, $k: String!) { project(id: $p) { flag(key: $k) { variations { key value } } } }`,
    { p: ws.projectId, k: flagKey },
  );
  return data.project.flag.variations as { key: string; value: unknown }[];
}

/** A rule serving `value` to contexts whose `plan` is `plan`. */
const planRule = (id: string, priority: number, plan: string, value: unknown) => ({
  id,
  priority,
  match_type: 'all',
  conditions: [{ attribute: 'plan', operator: 'eq', values: [plan] }],
  segment_keys: [],
  percentage: 10000,
  value,
});

describe('FeatureSignals flag values', () => {
  it('serves a string flag two values by rule and one by default, each its own variation', async () => {
    const ws = await vexil.workspace();
    const fs = await client(ws);
    expect(
      (
        await fs.send('POST', '/flags', {
          key: 'greeting',
          name: 'Greeting',
          flag_type: 'string',
          default_value: 'Hello',
        })
      ).status,
    ).toBe(201);
    const state = {
      enabled: true,
      default_value: 'Hello World',
      percentage_rollout: 0,
      variants: [],
      rules: [
        planRule('pro', 1, 'pro', 'Hello Pro'),
        planRule('enterprise', 2, 'enterprise', 'Hello Enterprise'),
      ],
    };
    const put = await fs.send('PUT', fs.state('greeting'), state);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject(state);
    expect((await fs.get(fs.state('greeting'))).body).toEqual(put.body);
    expect((await fs.get('/flags/greeting')).body.default_value).toBe('Hello');

    await fs.settled(async () => (await fs.evaluate('greeting', 'u-1')).body.value === 'Hello World');
    const answers = await Promise.all(
      [{ plan: 'pro' }, { plan: 'enterprise' }, { plan: 'free' }].map(async (attributes, index) => {
        const { body } = await fs.evaluate('greeting', `user-${index}`, attributes);
        return [body.value, body.reason];
      }),
    );
    expect(answers).toEqual([
      ['Hello Pro', 'TARGETED'],
      ['Hello Enterprise', 'TARGETED'],
      ['Hello World', 'FALLTHROUGH'],
    ]);

    // Putting the same values again finds their variations instead of adding more.
    expect((await fs.send('PUT', fs.state('greeting'), state)).status).toBe(200);
    expect((await variationsOf(ws, 'greeting')).map((variation) => variation.value)).toEqual([
      'Hello',
      'Hello Pro',
      'Hello Enterprise',
      'Hello World',
    ]);
  });

  it('serves a number flag by rule and by default', async () => {
    const ws = await vexil.workspace();
    const fs = await client(ws);
    await fs.send('POST', '/flags', { key: 'limit', name: 'Limit', flag_type: 'number', default_value: 10 });
    const put = await fs.send('PUT', fs.state('limit'), {
      enabled: true,
      default_value: 50,
      rules: [planRule('pro', 1, 'pro', 1000), planRule('team', 2, 'team', 250.5)],
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ default_value: 50, rules: [{ value: 1000 }, { value: 250.5 }] });

    await fs.settled(async () => (await fs.evaluate('limit', 'u-1')).body.value === 50);
    expect((await fs.evaluate('limit', 'u-2', { plan: 'pro' })).body).toMatchObject({
      value: 1000,
      reason: 'TARGETED',
    });
    expect((await fs.evaluate('limit', 'u-3', { plan: 'team' })).body.value).toBe(250.5);
    expect((await fs.get('/flags/limit')).body.default_value).toBe(10);
  });

  it('refuses a value of the wrong type with field errors, and writes nothing', async () => {
    const ws = await vexil.workspace();
    const fs = await client(ws);
    await fs.send('POST', '/flags', {
      key: 'greeting',
      name: 'Greeting',
      flag_type: 'string',
      default_value: 'Hi',
    });
    const before = (await fs.get(fs.state('greeting'))).body;

    const refused = await fs.send('PUT', fs.state('greeting'), {
      enabled: true,
      default_value: 'Hello World',
      rules: [planRule('pro', 1, 'pro', 'Hello Pro'), planRule('bad', 2, 'team', 42)],
    });
    expectError(refused, 400, 'VALIDATION_FAILED');
    expect(refused.body.details).toEqual({ 'rules.1.serve.value': ['must be a string'] });
    expectError(
      await fs.send('PUT', fs.state('greeting'), { default_value: { text: 'hi' } }),
      400,
      'VALIDATION_FAILED',
    );

    // Neither the state nor the values named before the bad one were kept.
    expect((await fs.get(fs.state('greeting'))).body).toEqual(before);
    expect(await variationsOf(ws, 'greeting')).toEqual([{ key: 'Hi', value: 'Hi' }]);
  });

  it('serves part of a string flag a value by percentage_rollout and the rest its default_value', async () => {
    const ws = await vexil.workspace();
    const fs = await client(ws);
    await fs.send('POST', '/flags', {
      key: 'banner',
      name: 'Banner',
      flag_type: 'string',
      default_value: 'Old',
    });
    const put = await fs.send('PUT', fs.state('banner'), {
      enabled: true,
      default_value: 'New',
      percentage_rollout: 5000,
    });
    expect(put.body).toMatchObject({ default_value: 'New', percentage_rollout: 5000, variants: [] });
    const users = Array.from({ length: 20 }, (_, index) => `user-${index}`);
    await fs.settled(async () => (await fs.evaluate('banner', users[0]!)).body.reason !== 'DISABLED');
    for (const user of users) {
      const inside = murmur3(`banner.${user}`) % 10_000 < 5000;
      expect((await fs.evaluate('banner', user)).body).toMatchObject(
        inside ? { value: 'New', reason: 'ROLLOUT' } : { value: 'Old', reason: 'FALLTHROUGH' },
      );
    }
  });

  it('edits a boolean flag whose variations are not named on and off', async () => {
    const ws = await vexil.workspace();
    const fs = await client(ws);
    await ws.mutate(
      `mutation ($p: ID!) { createFlag(projectId: $p, input: { key: "dark-mode", type: "boolean", variations: [{ key: "shown", value: true }, { key: "hidden", value: false }] }) { id } }`,
      { p: ws.projectId },
    );
    const state = {
      enabled: true,
      default_value: true,
      percentage_rollout: 0,
      variants: [],
      rules: [planRule('legacy', 1, 'legacy', false)],
    };
    const put = await fs.send('PUT', fs.state('dark-mode'), state);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject(state);
    expect((await fs.get(fs.state('dark-mode'))).body).toEqual(put.body);
    expect(await variationsOf(ws, 'dark-mode')).toEqual([
      { key: 'shown', value: true },
      { key: 'hidden', value: false },
    ]);

    await fs.settled(async () => (await fs.evaluate('dark-mode', 'u-1')).body.value === true);
    expect((await fs.evaluate('dark-mode', 'u-2', { plan: 'legacy' })).body).toMatchObject({
      value: false,
      variant_key: 'hidden',
      reason: 'TARGETED',
    });
    expect((await fs.send('PUT', fs.state('dark-mode'), { enabled: false })).status).toBe(200);
    await fs.settled(async () => (await fs.evaluate('dark-mode', 'u-1')).body.value === false);
  });

  it('splits an ab flag over its weighted variants, deterministically, with reason VARIANT', async () => {
    const ws = await vexil.workspace();
    const fs = await client(ws);
    const created = await fs.send('POST', '/flags', {
      key: 'cta-color',
      name: 'CTA color',
      flag_type: 'ab',
      default_value: 'blue',
    });
    expect(created.status).toBe(201);
    const variants = [
      { key: 'control', value: 'blue', weight: 5000 },
      { key: 'treatment', value: 'green', weight: 3000 },
      { key: 'bold', value: { color: 'red', weight: 700 }, weight: 2000 },
    ];
    const put = await fs.send('PUT', fs.state('cta-color'), { enabled: true, variants });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ enabled: true, variants, default_value: 'blue', percentage_rollout: 0 });
    expect((await fs.get(fs.state('cta-color'))).body.variants).toEqual(variants);

    await fs.settled(async () => (await fs.evaluate('cta-color', 'u-1')).body.reason === 'VARIANT');
    const users = Array.from({ length: 2000 }, (_, index) => `user-${index}`);
    const ask = async () => {
      const answers: { value: unknown; variant_key: string; reason: string }[] = [];
      for (let start = 0; start < users.length; start += 100) {
        const batch = users.slice(start, start + 100);
        answers.push(
          ...(await Promise.all(batch.map(async (user) => (await fs.evaluate('cta-color', user)).body))),
        );
      }
      return answers;
    };
    const answers = await ask();
    const counts: Record<string, number> = {};
    answers.forEach((answer, index) => {
      // routes.md §1.6 step 8: the first variant whose cumulative weight exceeds the user's bucket.
      const bucket = murmur3(`cta-color.${users[index]}`) % 10_000;
      const expected = bucket < 5000 ? variants[0]! : bucket < 8000 ? variants[1]! : variants[2]!;
      expect(answer).toMatchObject({ value: expected.value, variant_key: expected.key, reason: 'VARIANT' });
      counts[answer.variant_key] = (counts[answer.variant_key] ?? 0) + 1;
    });
    for (const variant of variants)
      expect(Math.abs(counts[variant.key]! - (2000 * variant.weight) / 10_000)).toBeLessThanOrEqual(80);
    expect(await ask()).toEqual(answers);

    // Off, an ab flag serves its default_value.
    await fs.send('POST', '/flags/cta-color/kill', { env_id: ws.env.production });
    await fs.settled(async () => (await fs.evaluate('cta-color', 'u-1')).body.reason === 'DISABLED');
    expect((await fs.evaluate('cta-color', 'u-1')).body.value).toBe('blue');
  });

  it('refuses a variant whose key already holds another value', async () => {
    const ws = await vexil.workspace();
    const fs = await client(ws);
    await fs.send('POST', '/flags', { key: 'exp', name: 'Exp', flag_type: 'ab', default_value: 'a' });
    await fs.send('PUT', fs.state('exp'), { variants: [{ key: 'x', value: 'one', weight: 10000 }] });
    const refused = await fs.send('PUT', fs.state('exp'), {
      variants: [{ key: 'x', value: 'two', weight: 10000 }],
    });
    expectError(refused, 400, 'VALIDATION_FAILED');
    expect(Object.keys(refused.body.details)).toEqual(['default_serve.rollout.0.value']);
  });
});
