import { sharedTestPlatform, type HttpAnswer } from '@vexil/testing';
import {
  featureFlagsWorkspace,
  laravelPackage,
  rollout,
  type FeatureFlagsWorkspace,
} from '../../harness/featureflags.js';

// Issue 12: the FeatureFlags Laravel package syncs `{base}/flags` and evaluates locally (routes.md §2).

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const FEATUREFLAGS = { scheme: 'featureflags' };

/**
 * Production of a new workspace: `new-checkout` (pro plans or beta users get it, 25% of the rest),
 * `slow-ramp` (12.5%), `dark-mode` (a Vexil-bucketed 30% rollout, which the package cannot reproduce),
 * `api-version` (a string, off) and `gated` (needs `new-checkout`).
 */
async function seeded(): Promise<FeatureFlagsWorkspace> {
  const ws = await featureFlagsWorkspace(vexil);
  await ws.gql(
    `mutation ($p: ID!, $input: SegmentInput!) { createSegment(projectId: $p, input: $input) { key } }`,
    {
      p: ws.projectId,
      input: {
        key: 'beta-users',
        name: 'Beta users',
        match: 'any',
        conditions: [{ attribute: 'email', operator: 'ends_with', values: ['@beta.example.com'] }],
      },
    },
  );
  const { configure } = ws;
  await configure(await ws.flag({ key: 'new-checkout', name: 'New Checkout Flow', type: 'boolean' }), {
    bucketing: FEATUREFLAGS,
    rules: [
      {
        id: 'pro',
        match: 'all',
        conditions: [{ attribute: 'plan', operator: 'in', values: ['pro', 'enterprise'] }],
        serve: { variation: 'on' },
      },
      {
        id: 'beta',
        match: 'all',
        conditions: [{ attribute: 'segment', operator: 'in_segment', values: ['beta-users'] }],
        serve: { variation: 'on' },
      },
    ],
    defaultServe: rollout(2500),
  });
  await configure(await ws.flag({ key: 'slow-ramp', type: 'boolean' }), {
    bucketing: FEATUREFLAGS,
    defaultServe: rollout(1250),
  });
  await configure(await ws.flag({ key: 'dark-mode', type: 'boolean' }), { defaultServe: rollout(3000) });
  await ws.flag({
    key: 'api-version',
    name: 'API Version',
    type: 'string',
    variations: [
      { key: 'v1', value: 'v1' },
      { key: 'v2', value: 'v2' },
    ],
  });
  await configure(await ws.flag({ key: 'gated', type: 'boolean' }), {
    prerequisites: [{ flagKey: 'new-checkout', variation: 'on' }],
    defaultServe: { variation: 'on' },
  });
  return ws;
}

/** What the package sends (routes.md §2.0). */
const sync = (path: string, key: string, headers: Record<string, string> = {}) =>
  vexil.http('GET', path, {
    headers: { accept: 'application/json', authorization: `Bearer ${key}`, ...headers },
  });

const byKey = (answer: HttpAnswer) =>
  Object.fromEntries(answer.body.flags.map((flag: { key: string }) => [flag.key, flag]));

type PackageContext = { id: string; traits: Record<string, unknown> };

/** Contexts per GraphQL request: each is an aliased `evaluate`, and the graph allows 30 aliases. */
const BATCH = 25;

describe('GET {base}/flags', () => {
  let ws: FeatureFlagsWorkspace;
  beforeAll(async () => {
    ws = await seeded();
  });

  it('serves the same sync at every path both package generations and the docs use', async () => {
    const answer = await sync('/featureflags/v1/flags', ws.key);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    for (const path of ['/featureflags/v1/api/flags', '/api/flags'])
      expect((await sync(path, ws.key)).body).toEqual(answer.body);
  });

  it('renders every field the package reads, with data, flags, segments and cache_ttl', async () => {
    const { body } = await sync('/featureflags/v1/flags', ws.key);
    expect(Object.keys(body).sort()).toEqual(['cache_ttl', 'data', 'flags', 'segments']);
    expect(body.data).toEqual(body.flags);
    expect(body.cache_ttl).toBeGreaterThan(0);
    const flags = byKey({ body } as HttpAnswer);
    expect(Object.keys(flags).sort()).toEqual([
      'api-version',
      'dark-mode',
      'gated',
      'new-checkout',
      'slow-ramp',
    ]);
    expect(flags['new-checkout']).toEqual({
      key: 'new-checkout',
      name: 'New Checkout Flow',
      type: 'boolean',
      enabled: true,
      default_value: true,
      rollout_percentage: 25,
      rules: [
        {
          priority: 1,
          conditions: [{ trait: 'plan', operator: 'in', value: ['pro', 'enterprise'] }],
          value: true,
        },
        { priority: 2, conditions: [{ type: 'segment', segment: 'beta-users' }], value: true },
      ],
      dependencies: [],
      variants: [true, false],
      experiment: null,
    });
    expect(flags['slow-ramp']).toMatchObject({ default_value: true, rollout_percentage: 12.5 });
    // Bucketed by Vexil's own hash: the package could only split other users, so it gets no split.
    expect(flags['dark-mode']).toMatchObject({ default_value: false, rollout_percentage: null });
    // Off: the package serves `default_value`, so that is the off value.
    expect(flags['api-version']).toMatchObject({
      type: 'string',
      enabled: false,
      default_value: 'v1',
      rollout_percentage: null,
      variants: ['v1', 'v2'],
    });
    expect(flags.gated).toMatchObject({
      default_value: true,
      dependencies: [{ flag_key: 'new-checkout', required_value: true }],
    });
    expect(body.segments).toEqual([
      {
        key: 'beta-users',
        rules: [{ conditions: [{ trait: 'email', operator: 'ends_with', value: '@beta.example.com' }] }],
      },
    ]);
  });

  it('puts 1 000 contexts where Vexil does: the package’s PHP client syncs and evaluates as Vexil does', async () => {
    const contexts = Array.from({ length: 1000 }, (_, index): PackageContext => ({
      id: `user-${index}`,
      traits: {
        // A quarter on a plan the first rule serves; every tenth in the beta segment.
        plan: index % 4 === 0 ? 'pro' : 'free',
        email: index % 10 === 0 ? `u${index}@beta.example.com` : `u${index}@example.com`,
      },
    }));
    const php = await laravelPackage(vexil, ws.key).sync(contexts);
    expect(php.status).toBe(200);
    // `dark-mode` splits by Vexil's hash and `gated` serves the off value when its prerequisite fails:
    // the package can say neither (featureflags-renderer.ts), so those two are not compared.
    const compared = ['new-checkout', 'slow-ramp', 'api-version'];
    const disagreements: string[] = [];
    const served: Record<string, number> = { 'new-checkout': 0, 'slow-ramp': 0 };
    for (let start = 0; start < contexts.length; start += BATCH) {
      const batch = contexts.slice(start, start + BATCH);
      const variables = Object.fromEntries(
        batch.map((context, index) => [`c${index}`, { key: context.id, ...context.traits }]),
      );
      const data = await ws.gql(
        `query ($e: ID!, $keys: [String!], ${batch.map((_c, index) => `$c${index}: JSON!`).join(', ')}) {
          ${batch
            .map(
              (_c, index) =>
                `c${index}: evaluate(environmentId: $e, flagKeys: $keys, context: $c${index}) { flagKey value }`,
            )
            .join('\n')}
        }`,
        { e: ws.env.production, keys: compared, ...variables },
      );
      batch.forEach((context, index) => {
        for (const { flagKey, value } of data[`c${index}`]) {
          const expected = php.values[flagKey]![start + index];
          if (value === true) served[flagKey]!++;
          if (value !== expected)
            disagreements.push(`${flagKey} ${context.id}: vexil ${value}, package ${expected}`);
        }
      });
    }
    expect(disagreements).toEqual([]);
    // Both sides of each rollout were reached.
    for (const key of ['new-checkout', 'slow-ramp']) {
      expect(served[key]).toBeGreaterThan(50);
      expect(served[key]).toBeLessThan(950);
    }
  }, 60_000);

  it('answers an unchanged sync with 304 to If-None-Match, and a changed one with a new ETag', async () => {
    const own = await featureFlagsWorkspace(vexil);
    const first = await sync('/featureflags/v1/flags', own.key);
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const again = await sync('/featureflags/v1/flags', own.key, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    await own.flag({ key: 'fresh', type: 'boolean' });
    const changed = await sync('/featureflags/v1/flags', own.key, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(changed.body.flags.map((flag: { key: string }) => flag.key)).toEqual(['fresh']);
  });

  it('refuses a missing or unknown key with Laravel’s 401', async () => {
    const bare = await vexil.http('GET', '/featureflags/v1/flags', {
      headers: { accept: 'application/json' },
    });
    expect({ status: bare.status, body: bare.body }).toEqual({
      status: 401,
      body: { message: 'Unauthenticated.' },
    });
    const wrong = await sync('/api/flags', `${ws.key.slice(0, -4)}XXXX`);
    expect({ status: wrong.status, body: wrong.body }).toEqual({
      status: 401,
      body: { message: 'Unauthenticated.' },
    });
  });

  it('answers an unknown route with Laravel’s 404', async () => {
    const answer = await sync('/featureflags/v1/nothing-here', ws.key);
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 404,
      body: { message: 'Resource not found.' },
    });
  });
});
