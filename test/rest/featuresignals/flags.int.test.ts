import { sharedTestPlatform, type Workspace } from '@vexil/testing';
import { expectError, joinAs } from '../../harness/featuresignals.js';

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const ISO = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/);

/** The FeatureSignals routes of one workspace's default project, as its owner. */
function client(ws: Workspace, token = ws.account.accessToken) {
  const base = `/v1/projects/${ws.projectId}`;
  return {
    base,
    get: (path: string) => vexil.http('GET', `${base}${path}`, { token }),
    send: (method: 'POST' | 'PUT' | 'DELETE', path: string, body?: Record<string, unknown>) =>
      vexil.http(method, `${base}${path}`, { token, ...(body ? { body } : {}) }),
  };
}

/** Asks `/v1/evaluate` until the gateway's ruleset (updated by events) serves `value`. */
async function evaluatesTo(key: string, flagKey: string, value: unknown) {
  const ask = async () =>
    (
      await vexil.http('POST', '/v1/evaluate', {
        headers: { 'x-api-key': key },
        body: { flag_key: flagKey, context: { key: 'user-1' } },
      })
    ).body.value;
  for (let attempt = 0; attempt < 50 && (await ask()) !== value; attempt++)
    await new Promise((resolve) => setTimeout(resolve, 20));
  expect(await ask()).toEqual(value);
}

describe('FeatureSignals /v1 flags', () => {
  it('lists, creates, reads, updates, archives, restores and deletes flags by key', async () => {
    const ws = await vexil.workspace();
    const fs = client(ws);
    const created = await fs.send('POST', '/flags', {
      key: 'new-checkout',
      name: 'New checkout',
      description: 'The redesigned checkout',
      flag_type: 'boolean',
      tags: ['web'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      key: 'new-checkout',
      name: 'New checkout',
      description: 'The redesigned checkout',
      flag_type: 'boolean',
      default_value: false,
      status: 'active',
      tags: ['web'],
      expires_at: null,
      created_at: ISO,
      updated_at: ISO,
    });
    const color = await fs.send('POST', '/flags', {
      key: 'color',
      name: 'Color',
      flag_type: 'string',
      default_value: 'red',
    });
    expect(color.body).toMatchObject({ flag_type: 'string', default_value: 'red' });

    expectError(
      await fs.send('POST', '/flags', { key: 'new-checkout', flag_type: 'boolean' }),
      409,
      'FLAG_KEY_CONFLICT',
    );
    expect(await fs.get('/flags?limit=1')).toMatchObject({
      status: 200,
      body: { data: [created.body], total: 2, limit: 1, offset: 0, has_more: true },
    });
    expect((await fs.get('/flags/new-checkout')).body).toEqual(created.body);

    const updated = await fs.send('PUT', '/flags/new-checkout', {
      description: 'Redesign',
      tags: ['web', 'q3'],
    });
    expect(updated.body).toMatchObject({
      name: 'New checkout',
      description: 'Redesign',
      tags: ['web', 'q3'],
    });

    expect((await fs.send('POST', '/flags/new-checkout/archive')).body.status).toBe('archived');
    expect((await fs.get('/flags')).body.total).toBe(1);
    expect((await fs.send('POST', '/flags/new-checkout/restore')).body.status).toBe('active');

    expect((await fs.send('DELETE', '/flags/new-checkout')).status).toBe(204);
    expectError(await fs.get('/flags/new-checkout'), 404, 'FLAG_NOT_FOUND');
  });

  it('reads back a flag state exactly as it was put, and refuses a stale version', async () => {
    const ws = await vexil.workspace();
    const fs = client(ws);
    await fs.send('POST', '/flags', { key: 'beta', name: 'Beta', flag_type: 'boolean' });
    await ws.mutate(
      `mutation ($p: ID!) { createSegment(projectId: $p, input: { key: "staff", conditions: [] }) { id } }`,
      { p: ws.projectId },
    );
    const path = `/flags/beta/environments/${ws.env.staging}`;
    const initial = await fs.get(path);
    expect(initial.body).toMatchObject({
      enabled: false,
      default_value: true,
      percentage_rollout: 0,
      rules: [],
      version: 0,
    });

    const state = {
      enabled: true,
      default_value: true,
      percentage_rollout: 2500,
      variants: [],
      rules: [
        {
          id: 'fr-users',
          priority: 1,
          description: 'French users',
          match_type: 'any',
          conditions: [
            { attribute: 'country', operator: 'eq', values: ['FR'] },
            { attribute: 'email', operator: 'endsWith', values: ['@example.fr'] },
          ],
          segment_keys: [],
          percentage: 10000,
          value: true,
        },
        {
          id: 'staff-half',
          priority: 2,
          match_type: 'all',
          conditions: [],
          segment_keys: ['staff'],
          percentage: 5000,
          value: false,
        },
      ],
    };
    const put = await fs.send('PUT', path, { ...state, version: 0 });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({
      ...state,
      id: expect.any(String),
      flag_key: 'beta',
      env_id: ws.env.staging,
      version: 1,
      updated_at: ISO,
    });
    expect((await fs.get(path)).body).toEqual(put.body);

    const stale = await fs.send('PUT', path, { enabled: false, version: 0 });
    expectError(stale, 409, 'CONFLICT');
    expect((await fs.get(path)).body).toEqual(put.body);

    const states = await fs.get(`/environments/${ws.env.staging}/flag-states`);
    expect(states.body).toMatchObject({ total: 1, data: [put.body] });
  });

  it('toggles through PUT state and the kill switch, and SDK evaluation follows', async () => {
    const ws = await vexil.workspace();
    const fs = client(ws);
    const { key } = await ws.apiKey('server', 'production');
    await fs.send('POST', '/flags', { key: 'switch', name: 'Switch', flag_type: 'boolean' });
    await evaluatesTo(key, 'switch', false);

    const on = await fs.send('PUT', `/flags/switch/environments/${ws.env.production}`, { enabled: true });
    expect(on.body).toMatchObject({ enabled: true, version: 1 });
    await evaluatesTo(key, 'switch', true);

    const killed = await fs.send('POST', '/flags/switch/kill', { env_id: ws.env.production });
    expect(killed.status).toBe(200);
    expect(killed.body).toMatchObject({ enabled: false, version: 2 });
    await evaluatesTo(key, 'switch', false);
  });

  it('promotes a state and rolls back to an earlier version', async () => {
    const ws = await vexil.workspace();
    const fs = client(ws);
    await fs.send('POST', '/flags', { key: 'promo', name: 'Promo', flag_type: 'boolean' });
    const staged = await fs.send('PUT', `/flags/promo/environments/${ws.env.staging}`, {
      enabled: true,
      percentage_rollout: 1000,
    });
    const promoted = await fs.send('POST', '/flags/promo/promote', {
      source_env_id: ws.env.staging,
      target_env_id: ws.env.production,
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({
      enabled: true,
      percentage_rollout: 1000,
      env_id: ws.env.production,
    });

    await fs.send('PUT', `/flags/promo/environments/${ws.env.staging}`, { enabled: false });
    const rolledBack = await fs.send('POST', '/flags/promo/rollback', { env_id: ws.env.staging, version: 1 });
    expect(rolledBack.body).toEqual({ ...staged.body, version: 3, updated_at: ISO });
  });

  it('refuses bad input in the FeatureSignals shape and writes nothing', async () => {
    const ws = await vexil.workspace();
    const fs = client(ws);
    await fs.send('POST', '/flags', { key: 'safe', name: 'Safe', flag_type: 'boolean' });
    expectError(await fs.send('POST', '/flags', { key: 'x', flag_type: 'colour' }), 400, 'VALIDATION_FAILED');
    expectError(await fs.send('POST', '/flags', { key: 7, flag_type: 'boolean' }), 400, 'VALIDATION_FAILED');
    expectError(
      await fs.send('POST', '/flags', { key: 'no-values', flag_type: 'string' }),
      422,
      'VARIATION_COUNT_INVALID',
    );
    expect((await fs.get('/flags')).body.total).toBe(1);

    const path = `/flags/safe/environments/${ws.env.dev}`;
    const before = (await fs.get(path)).body;
    expectError(await fs.send('PUT', path, { enabled: 'yes' }), 400, 'VALIDATION_FAILED');
    expectError(await fs.send('PUT', path, { percentage_rollout: 12000 }), 422, 'RULE_ROLLOUT_EXCEEDS_100');
    expectError(
      await fs.send('PUT', path, {
        rules: [{ conditions: [{ attribute: 'a', operator: 'bogus', values: ['1'] }], value: true }],
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect((await fs.get(path)).body).toEqual(before);
    expectError(await fs.get(`/flags/missing/environments/${ws.env.dev}`), 404, 'FLAG_NOT_FOUND');
  });

  it('hides another organization’s flags and keeps viewers from writing', async () => {
    const alice = await vexil.workspace();
    const mallory = await vexil.workspace();
    await client(alice).send('POST', '/flags', { key: 'secret', name: 'Secret', flag_type: 'boolean' });
    const intruder = client(alice, mallory.account.accessToken);
    expect((await intruder.get('/flags/secret')).status).toBe(404);
    expect((await intruder.get('/flags')).status).toBe(404);
    expect((await intruder.send('POST', '/flags/secret/kill', { env_id: alice.env.production })).status).toBe(
      404,
    );
    expect(
      (await intruder.send('PUT', `/flags/secret/environments/${alice.env.production}`, { enabled: true }))
        .status,
    ).toBe(404);

    const viewer = await joinAs(vexil, alice.account, await vexil.register(), 'viewer');
    const asViewer = client(alice, viewer.accessToken);
    expect((await asViewer.get('/flags/secret')).status).toBe(200);
    expectError(
      await asViewer.send('PUT', `/flags/secret/environments/${alice.env.production}`, { enabled: true }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
    expectError(
      await asViewer.send('POST', '/flags', { key: 'mine', flag_type: 'boolean' }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
    expect((await client(alice).get(`/flags/secret/environments/${alice.env.production}`)).body.enabled).toBe(
      false,
    );
  });
});

describe('FeatureSignals /v1 segments', () => {
  it('lists, creates, updates and deletes segments by key', async () => {
    const ws = await vexil.workspace();
    const fs = client(ws);
    const segment = {
      key: 'beta-testers',
      name: 'Beta testers',
      description: 'Opted in',
      match_type: 'any',
      rules: [{ attribute: 'plan', operator: 'in', values: ['pro', 'enterprise'] }],
    };
    const created = await fs.send('POST', '/segments', segment);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ ...segment, id: expect.any(String), created_at: ISO, updated_at: ISO });
    const updated = await fs.send('PUT', '/segments/beta-testers', { match_type: 'all' });
    expect(updated.body).toMatchObject({ ...segment, match_type: 'all' });
    expect((await fs.get('/segments')).body).toMatchObject({ total: 1, data: [updated.body] });
    expectError(
      await fs.send('POST', '/segments', { ...segment, match_type: 'most' }),
      400,
      'VALIDATION_FAILED',
    );
    expect((await fs.send('DELETE', '/segments/beta-testers')).status).toBe(204);
    expect((await fs.get('/segments')).body.total).toBe(0);
  });
});
