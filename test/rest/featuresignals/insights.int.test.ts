import { sharedTestPlatform } from '@vexil/testing';
import { expectError } from '../../harness/featuresignals.js';

// Issue 20: FeatureSignals' entity inspection and comparison and its segment check, answered by the
// shared engine through the flags subgraph.
const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

/** `new-checkout`: on for `vip-1` by name and for the US by rule, off otherwise; a `beta` segment. */
async function seeded() {
  const ws = await vexil.workspace();
  const flagId = await ws.createFlag('new-checkout');
  await ws.createFlag('dark-mode');
  await ws.mutate(
    `mutation ($input: UpdateFlagConfigurationInput!) { updateFlagConfiguration(input: $input) { version } }`,
    {
      input: {
        flagId,
        environmentId: ws.env.production,
        enabled: true,
        targets: [{ variation: 'on', values: ['vip-1'] }],
        rules: [
          {
            id: 'us',
            match: 'all',
            conditions: [{ attribute: 'country', operator: 'in', values: ['US'] }],
            serve: { value: true },
          },
        ],
        defaultServe: { value: false },
      },
    },
  );
  const token = ws.account.accessToken;
  const segment = await vexil.http('POST', `/v1/projects/${ws.projectId}/segments`, {
    token,
    body: {
      key: 'beta',
      name: 'Beta testers',
      match_type: 'all',
      rules: [
        { attribute: 'email', operator: 'ends_with', values: ['@example.com'] },
        { attribute: 'plan', operator: 'eq', values: ['pro'] },
      ],
    },
  });
  expect(segment.status).toBe(201);
  const base = `/v1/projects/${ws.projectId}/environments/${ws.env.production}`;
  return { ws, token, base };
}

describe('FeatureSignals insights over the engine', () => {
  it('inspects one context across every flag, saying which answers name it individually', async () => {
    const { token, base } = await seeded();
    const inspect = (body: unknown) => vexil.http('POST', `${base}/inspect-entity`, { token, body });
    expect((await inspect({ key: 'vip-1' })).body).toEqual([
      {
        flag_key: 'dark-mode',
        value: false,
        reason: 'DISABLED',
        variant_key: 'off',
        individually_targeted: false,
      },
      {
        flag_key: 'new-checkout',
        value: true,
        reason: 'TARGETED',
        variant_key: 'on',
        individually_targeted: true,
      },
    ]);
    const american = (await inspect({ key: 'user-2', attributes: { country: 'US' } })).body;
    expect(american[1]).toEqual({
      flag_key: 'new-checkout',
      value: true,
      reason: 'TARGETED',
      variant_key: 'on',
      individually_targeted: false,
    });
    const missing = await inspect({ attributes: { country: 'US' } });
    expectError(missing, 400, 'VALIDATION_FAILED');
    expect(missing.body.error).toBe('key is required');
  });

  it('compares two contexts side by side', async () => {
    const { token, base } = await seeded();
    const compared = await vexil.http('POST', `${base}/compare-entities`, {
      token,
      body: { entity_a: { key: 'user-1', attributes: { country: 'US' } }, entity_b: { key: 'user-2' } },
    });
    expect(compared.body).toEqual([
      {
        flag_key: 'dark-mode',
        value_a: false,
        value_b: false,
        reason_a: 'DISABLED',
        reason_b: 'DISABLED',
        is_different: false,
      },
      {
        flag_key: 'new-checkout',
        value_a: true,
        value_b: false,
        reason_a: 'TARGETED',
        reason_b: 'FALLTHROUGH',
        is_different: true,
      },
    ]);
    const half = await vexil.http('POST', `${base}/compare-entities`, {
      token,
      body: { entity_a: { key: 'user-1' } },
    });
    expectError(half, 400, 'VALIDATION_FAILED');
    expect(half.body.error).toBe('entity_a.key and entity_b.key are required');
  });

  it('tells whether a context is in a segment, and by how many of its rules', async () => {
    const { ws, token } = await seeded();
    const check = (query: string) =>
      vexil.http('GET', `/v1/projects/${ws.projectId}/segments/beta/evaluate?${query}`, { token });
    expect((await check('key=u1&email=ana%40example.com&plan=pro')).body).toEqual({
      segment_key: 'beta',
      segment_name: 'Beta testers',
      matched: true,
      match_type: 'all',
      total_rules: 2,
      rules_matched: 2,
    });
    expect((await check('key=u2&email=bo%40example.com&plan=free')).body).toMatchObject({
      matched: false,
      rules_matched: 1,
    });
    expectError(
      await vexil.http('GET', `/v1/projects/${ws.projectId}/segments/nobody/evaluate?key=u1`, { token }),
      404,
      'NOT_FOUND',
    );
  });
});
