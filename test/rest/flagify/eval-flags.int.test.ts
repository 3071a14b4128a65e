import { sharedTestPlatform } from '@vexil/testing';
import { preflight } from '../../harness/cors.js';
import { expectFlagifyError, flagifyWorkspace } from '../../harness/flagify.js';
import { US_OR_QUARTER_ROLLOUT } from '../../harness/flags.js';

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const CONFIGURE = `mutation ($input: UpdateFlagConfigurationInput!) { updateFlagConfiguration(input: $input) { version } }`;

/** A workspace with a configured boolean rollout flag and a string flag, in production. */
async function seeded(type: 'client' | 'server' = 'client') {
  const ws = await flagifyWorkspace(vexil, type);
  const create = (input: Record<string, unknown>) =>
    ws.gql(
      `mutation ($p: ID!, $input: CreateFlagInput!) { createFlag(projectId: $p, input: $input) { id } }`,
      {
        p: ws.projectId,
        input,
      },
    );
  const checkout = (
    await create({ key: 'new-checkout', name: 'New checkout', description: 'The new flow', type: 'boolean' })
  ).createFlag.id;
  await ws.gql(CONFIGURE, {
    input: {
      flagId: checkout,
      environmentId: ws.env.production,
      expectedVersion: 0,
      enabled: true,
      ...US_OR_QUARTER_ROLLOUT,
    },
  });
  await create({
    key: 'theme',
    type: 'string',
    variations: [
      { key: 'light', value: 'light' },
      { key: 'dark', value: 'dark' },
    ],
  });
  return ws;
}

const get = (path: string, headers: Record<string, string>) =>
  vexil.http('GET', `/flagify/v1${path}`, { headers });

describe('GET /flagify/v1/eval/flags', () => {
  it('lists every flag as FlagifyFlaggy, valued for an anonymous context like GraphQL evaluate', async () => {
    const ws = await seeded();
    const answer = await get('/eval/flags', { 'x-api-key': ws.key });
    expect(answer.status).toBe(200);
    const byKey = Object.fromEntries(answer.body.map((flag: { key: string }) => [flag.key, flag]));
    expect(Object.keys(byKey).sort()).toEqual(['new-checkout', 'theme']);
    expect(byKey['new-checkout']).toEqual({
      key: 'new-checkout',
      name: 'New checkout',
      type: 'boolean',
      value: expect.any(Boolean),
      defaultValue: true,
      offValue: false,
      enabled: true,
      rolloutPercentage: 25,
      targetingRules: [
        {
          id: 'us',
          priority: 0,
          matchType: 'all',
          variantKey: 'on',
          valueOverride: true,
          conditions: [{ type: 'attribute', attribute: 'country', operator: 'equals', values: ['US'] }],
        },
      ],
      variants: [
        { key: 'on', value: true, weight: 25 },
        { key: 'off', value: false, weight: 75 },
      ],
      description: 'The new flow',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(byKey.theme).toEqual(
      expect.objectContaining({
        name: 'theme',
        type: 'string',
        enabled: false,
        value: 'light',
        offValue: 'light',
      }),
    );
    const { evaluate } = await ws.gql(
      `query ($e: ID!) { evaluate(environmentId: $e, context: { key: "anonymous" }) { flagKey value } }`,
      { e: ws.env.production },
    );
    for (const { flagKey, value } of evaluate) expect(byKey[flagKey].value).toEqual(value);
  });

  it('serves one flag at /eval/flags/{key}, the same object as in the list', async () => {
    const ws = await seeded();
    const list = await get('/eval/flags', { 'x-api-key': ws.key });
    const one = await get('/eval/flags/new-checkout', { 'x-api-key': ws.key });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(list.body.find((flag: { key: string }) => flag.key === 'new-checkout'));
  });

  it('answers an unknown flag key with 404 in Flagify’s error shape', async () => {
    const ws = await seeded();
    expectFlagifyError(await get('/eval/flags/nope', { 'x-api-key': ws.key }), 404, 'flag_not_found');
  });

  it('takes a secret key in x-secret-key', async () => {
    const ws = await seeded('server');
    const answer = await get('/eval/flags', { 'x-secret-key': ws.key });
    expect(answer.status).toBe(200);
    expect(answer.body).toHaveLength(2);
  });

  it('refuses a missing, unknown or revoked key with 401 in Flagify’s error shape', async () => {
    const ws = await seeded();
    expectFlagifyError(await get('/eval/flags', {}), 401, 'unauthenticated');
    expectFlagifyError(
      await get('/eval/flags', { 'x-api-key': `${ws.key.slice(0, -4)}XXXX` }),
      401,
      'unauthenticated',
    );
    const revoked = await vexil.http('DELETE', `/v1/api-keys/${ws.keyId}`, { token: ws.account.accessToken });
    expect(revoked.status).toBe(204);
    expectFlagifyError(await get('/eval/flags/theme', { 'x-api-key': ws.key }), 401, 'unauthenticated');
  });

  it('lets browsers preflight with x-api-key, x-secret-key and content-type (CORS)', async () => {
    const headers = ['x-api-key', 'x-secret-key', 'content-type'];
    const answer = await preflight(vexil, 'GET', '/flagify/v1/eval/flags/stream', headers);
    expect(answer.status).toBe(204);
    expect(answer.allowed).toEqual(expect.arrayContaining(headers));
  });

  it('refuses a user’s access token: these routes take API keys only', async () => {
    const ws = await seeded();
    const answer = await vexil.http('GET', '/flagify/v1/eval/flags', { token: ws.account.accessToken });
    expectFlagifyError(answer, 401, 'unauthenticated');
  });
});

describe('POST /flagify/v1/eval/flags/evaluate and /eval/flags/{key}/evaluate', () => {
  it('evaluates for a user with Flagify’s reasons', async () => {
    const ws = await seeded();
    const post = (path: string, body: unknown) =>
      vexil.http('POST', `/flagify/v1${path}`, { headers: { 'x-api-key': ws.key }, body });
    const us = await post('/eval/flags/new-checkout/evaluate', {
      userId: 'u_42',
      attributes: { country: 'US' },
    });
    expect(us.status).toBe(200);
    expect(us.body).toEqual({ key: 'new-checkout', value: true, reason: 'targeting_rule' });
    const all = await post('/eval/flags/evaluate', { userId: 'u_42', attributes: { country: 'FR' } });
    expect(all.status).toBe(200);
    expect(all.body).toEqual(
      expect.arrayContaining([
        { key: 'new-checkout', value: expect.any(Boolean), reason: 'rollout' },
        { key: 'theme', value: 'light', reason: 'disabled' },
      ]),
    );
    expectFlagifyError(await post('/eval/flags/nope/evaluate', { userId: 'u_42' }), 404, 'flag_not_found');
    const invalid = await post('/eval/flags/evaluate', { attributes: {} });
    expectFlagifyError(invalid, 422, 'unprocessable_entity');
  });
});
