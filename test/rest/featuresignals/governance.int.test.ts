import { sharedTestPlatform, type Workspace } from '@vexil/testing';
import { expectError, joinAs } from '../../harness/featuresignals.js';

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const ISO = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/);

/** FeatureSignals `/v1` calls as one user. */
function as(token: string) {
  return {
    get: (path: string) => vexil.http('GET', `/v1${path}`, { token }),
    send: (method: 'POST' | 'PUT', path: string, body: Record<string, unknown> = {}) =>
      vexil.http(method, `/v1${path}`, { token, body }),
  };
}

/** A workspace whose production environment requires approval, with flag `gated` and an admin reviewer. */
async function governed() {
  const ws = await vexil.workspace();
  await ws.mutate(
    `mutation ($id: ID!) { updateEnvironment(id: $id, input: { requiresApproval: true }) { id } }`,
    {
      id: ws.env.production,
    },
  );
  const owner = as(ws.account.accessToken);
  const flag = await owner.send('POST', `/projects/${ws.projectId}/flags`, {
    key: 'gated',
    name: 'Gated',
    flag_type: 'boolean',
  });
  const admin = await joinAs(vexil, ws.account, await vexil.register(), 'admin');
  return { ws, owner, reviewer: as(admin.accessToken), flagId: flag.body.id as string };
}

const statePath = (ws: Workspace, flagKey: string, envId: string) =>
  `/projects/${ws.projectId}/flags/${flagKey}/environments/${envId}`;

describe('FeatureSignals /v1/approvals', () => {
  it('requests a change, lists it by status, and applies it when someone else approves', async () => {
    const { ws, owner, reviewer, flagId } = await governed();
    const created = await owner.send('POST', '/approvals', {
      flag_id: flagId,
      env_id: ws.env.production,
      change_type: 'toggle',
      payload: { enabled: true },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      flag_id: flagId,
      env_id: ws.env.production,
      change_type: 'toggle',
      status: 'pending',
      note: null,
      review_note: null,
      created_at: ISO,
      updated_at: ISO,
    });
    expect(await owner.get('/approvals?status=pending')).toMatchObject({
      status: 200,
      body: { data: [created.body], total: 1, limit: 50, offset: 0, has_more: false },
    });
    expect((await owner.get(`/approvals/${created.body.id}`)).body).toEqual(created.body);

    expectError(
      await owner.send('POST', `/approvals/${created.body.id}/review`, { action: 'approve' }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
    expect((await owner.get(statePath(ws, 'gated', ws.env.production))).body.enabled).toBe(false);

    const approved = await reviewer.send('POST', `/approvals/${created.body.id}/review`, {
      action: 'approve',
      note: 'ship it',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ id: created.body.id, status: 'applied', review_note: 'ship it' });
    expect((await owner.get(statePath(ws, 'gated', ws.env.production))).body).toMatchObject({
      enabled: true,
      version: 1,
    });
    expect((await owner.get('/approvals?status=approved')).body).toMatchObject({ total: 1 });
    expect((await owner.get('/approvals?status=pending')).body).toMatchObject({ total: 0, data: [] });
  });

  it('rejects a change without applying it', async () => {
    const { ws, owner, reviewer, flagId } = await governed();
    const created = await owner.send('POST', '/approvals', {
      flag_id: flagId,
      env_id: ws.env.production,
      change_type: 'update_rollout',
      payload: { enabled: true, percentage_rollout: 2500 },
      note: 'a quarter first',
    });
    expect(created.body).toMatchObject({ status: 'pending', note: 'a quarter first' });
    const rejected = await reviewer.send('POST', `/approvals/${created.body.id}/review`, {
      action: 'reject',
    });
    expect(rejected.body).toMatchObject({ status: 'rejected' });
    expectError(
      await reviewer.send('POST', `/approvals/${created.body.id}/review`, { action: 'approve' }),
      409,
      'CONFLICT',
    );
    expect((await owner.get(statePath(ws, 'gated', ws.env.production))).body).toMatchObject({
      enabled: false,
      version: 0,
    });
    expect((await owner.get('/approvals?status=rejected')).body.total).toBe(1);
  });

  it('refuses bad input in the FeatureSignals shape and writes nothing', async () => {
    const { ws, owner, reviewer, flagId } = await governed();
    const request = { flag_id: flagId, env_id: ws.env.production, change_type: 'toggle' };
    const { change_type: _omitted, ...untyped } = request;
    expectError(await owner.send('POST', '/approvals', untyped), 400, 'VALIDATION_FAILED');
    expectError(
      await owner.send('POST', '/approvals', { ...request, payload: 'on' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await owner.send('POST', '/approvals', { ...request, payload: { enabled: 'yes' } }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await owner.send('POST', '/approvals', { ...request, env_id: ws.env.dev, payload: { enabled: true } }),
      409,
      'CONFLICT',
    );
    expectError(await owner.get('/approvals?status=maybe'), 400, 'VALIDATION_FAILED');
    expect((await owner.get('/approvals')).body.total).toBe(0);

    const created = await owner.send('POST', '/approvals', { ...request, payload: { enabled: true } });
    expectError(
      await reviewer.send('POST', `/approvals/${created.body.id}/review`, { action: 'maybe' }),
      400,
      'VALIDATION_FAILED',
    );
    expect((await owner.get(`/approvals/${created.body.id}`)).body.status).toBe('pending');
  });

  it('hides another organization’s approvals and keeps viewers from writing', async () => {
    const { ws, owner, flagId } = await governed();
    const created = await owner.send('POST', '/approvals', {
      flag_id: flagId,
      env_id: ws.env.production,
      change_type: 'toggle',
      payload: { enabled: true },
    });
    const mallory = as((await vexil.workspace()).account.accessToken);
    expectError(await mallory.get(`/approvals/${created.body.id}`), 404, 'NOT_FOUND');
    expectError(
      await mallory.send('POST', `/approvals/${created.body.id}/review`, { action: 'approve' }),
      404,
      'NOT_FOUND',
    );
    expect((await mallory.get('/approvals')).body.total).toBe(0);
    expect(
      (
        await mallory.send('POST', '/approvals', {
          flag_id: flagId,
          env_id: ws.env.production,
          change_type: 'toggle',
        })
      ).status,
    ).toBe(404);

    const viewer = as((await joinAs(vexil, ws.account, await vexil.register(), 'viewer')).accessToken);
    expect((await viewer.get(`/approvals/${created.body.id}`)).status).toBe(200);
    expectError(
      await viewer.send('POST', '/approvals', {
        flag_id: flagId,
        env_id: ws.env.production,
        change_type: 'x',
      }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
    expectError(
      await viewer.send('POST', `/approvals/${created.body.id}/review`, { action: 'approve' }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
    expect((await owner.get('/approvals')).body).toMatchObject({ total: 1, data: [{ status: 'pending' }] });
  });
});

describe('FeatureSignals /v1 flag history, archived flags and segment by key', () => {
  it('lists a flag’s versions in one environment and reads one back as the state it was', async () => {
    const ws = await vexil.workspace();
    const fs = as(ws.account.accessToken);
    const base = `/projects/${ws.projectId}/flags`;
    await fs.send('POST', base, { key: 'hist', name: 'Hist', flag_type: 'boolean' });
    const first = await fs.send('PUT', statePath(ws, 'hist', ws.env.staging), {
      enabled: true,
      percentage_rollout: 1000,
    });
    await fs.send('PUT', statePath(ws, 'hist', ws.env.staging), { enabled: false });

    const history = await fs.get(`${base}/hist/history?env_id=${ws.env.staging}`);
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({ total: 2, has_more: false });
    expect(history.body.data.map((entry: { version: number }) => entry.version)).toEqual([2, 1]);
    expect(history.body.data[0]).toMatchObject({ enabled: false, percentage_rollout: 1000 });
    expect(
      (await fs.get(`${base}/hist/history?env_id=${ws.env.staging}&limit=1&offset=1`)).body,
    ).toMatchObject({
      total: 2,
      data: [{ version: 1 }],
    });

    const one = await fs.get(`${base}/hist/history/1?env_id=${ws.env.staging}`);
    expect(one.body).toEqual({
      ...first.body,
      updated_at: ISO,
      changed_by: `user:${ws.account.userId}`,
      created_at: ISO,
    });
    expectError(await fs.get(`${base}/hist/history/9?env_id=${ws.env.staging}`), 404, 'NOT_FOUND');
    expectError(
      await fs.get(`${base}/hist/history/first?env_id=${ws.env.staging}`),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await fs.get(`${base}/hist/history`), 400, 'VALIDATION_FAILED');
    expectError(await fs.get(`${base}/missing/history?env_id=${ws.env.staging}`), 404, 'FLAG_NOT_FOUND');

    const mallory = as((await vexil.workspace()).account.accessToken);
    expect((await mallory.get(`${base}/hist/history?env_id=${ws.env.staging}`)).status).toBe(404);
  });

  it('pages a long history by limit and offset, each version with the values it served', async () => {
    const ws = await vexil.workspace();
    const fs = as(ws.account.accessToken);
    const base = `/projects/${ws.projectId}/flags`;
    await fs.send('POST', base, { key: 'copy', name: 'Copy', flag_type: 'string', default_value: 'v0' });
    for (let version = 1; version <= 7; version++)
      await fs.send('PUT', statePath(ws, 'copy', ws.env.staging), { default_value: `v${version}` });
    const page = async (offset: number) =>
      (await fs.get(`${base}/copy/history?env_id=${ws.env.staging}&limit=3&offset=${offset}`)).body;

    const pages = [await page(0), await page(3), await page(6)];
    expect(pages.map(({ total, limit, offset, has_more }) => ({ total, limit, offset, has_more }))).toEqual([
      { total: 7, limit: 3, offset: 0, has_more: true },
      { total: 7, limit: 3, offset: 3, has_more: true },
      { total: 7, limit: 3, offset: 6, has_more: false },
    ]);
    expect(pages.map(({ data }) => data.map((entry: any) => [entry.version, entry.default_value]))).toEqual([
      [
        [7, 'v7'],
        [6, 'v6'],
        [5, 'v5'],
      ],
      [
        [4, 'v4'],
        [3, 'v3'],
        [2, 'v2'],
      ],
      [[1, 'v1']],
    ]);
    expect(await page(9)).toMatchObject({ total: 7, data: [], has_more: false });
    expect((await fs.get(`${base}/copy/history/4?env_id=${ws.env.staging}`)).body).toMatchObject({
      version: 4,
      default_value: 'v4',
    });
  });

  it('lists only archived flags', async () => {
    const ws = await vexil.workspace();
    const fs = as(ws.account.accessToken);
    const base = `/projects/${ws.projectId}/flags`;
    await fs.send('POST', base, { key: 'live', name: 'Live', flag_type: 'boolean' });
    await fs.send('POST', base, { key: 'old', name: 'Old', flag_type: 'boolean' });
    await fs.send('POST', `${base}/old/archive`);
    const archived = await fs.get(`${base}/archived`);
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ total: 1, data: [{ key: 'old', status: 'archived' }] });
    expect((await fs.get(base)).body).toMatchObject({ total: 1, data: [{ key: 'live' }] });
  });

  it('reads one segment by key', async () => {
    const ws = await vexil.workspace();
    const fs = as(ws.account.accessToken);
    const base = `/projects/${ws.projectId}/segments`;
    const created = await fs.send('POST', base, {
      key: 'staff',
      name: 'Staff',
      match_type: 'all',
      rules: [{ attribute: 'email', operator: 'ends_with', values: ['@example.com'] }],
    });
    expect(await fs.get(`${base}/staff`)).toMatchObject({ status: 200, body: created.body });
    expectError(await fs.get(`${base}/nobody`), 404, 'NOT_FOUND');
    const mallory = as((await vexil.workspace()).account.accessToken);
    expect((await mallory.get(`${base}/staff`)).status).toBe(404);
  });
});

describe('FeatureSignals /v1 compare and sync environments', () => {
  it('diffs two environments and syncs the listed flags, all or none', async () => {
    const ws = await vexil.workspace();
    const fs = as(ws.account.accessToken);
    const base = `/projects/${ws.projectId}/flags`;
    for (const key of ['alpha', 'beta', 'gamma'])
      await fs.send('POST', base, { key, name: key, flag_type: 'boolean' });
    await fs.send('PUT', statePath(ws, 'alpha', ws.env.staging), { enabled: true, percentage_rollout: 2500 });
    await fs.send('PUT', statePath(ws, 'beta', ws.env.staging), { enabled: true });

    const envs = `source_env_id=${ws.env.staging}&target_env_id=${ws.env.production}`;
    const compared = await fs.get(`${base}/compare-environments?${envs}`);
    expect(compared.status).toBe(200);
    expect(compared.body).toEqual({
      total: 3,
      diff_count: 2,
      diffs: [
        {
          flag_key: 'alpha',
          source_enabled: true,
          target_enabled: false,
          source_rollout: 2500,
          target_rollout: 0,
          source_rules: [],
          target_rules: [],
          differences: ['enabled', 'rollout'],
        },
        expect.objectContaining({ flag_key: 'beta', differences: ['enabled'] }),
      ],
    });

    const sync = (body: Record<string, unknown>) => fs.send('POST', `${base}/sync-environments`, body);
    const move = { source_env_id: ws.env.staging, target_env_id: ws.env.production };
    expectError(await sync({ ...move, flag_keys: ['alpha', 'nope'] }), 404, 'FLAG_NOT_FOUND');
    expectError(await sync({ ...move, flag_keys: [] }), 400, 'VALIDATION_FAILED');
    expectError(await sync({ ...move, flag_keys: 'alpha' }), 400, 'VALIDATION_FAILED');
    expect((await fs.get(statePath(ws, 'alpha', ws.env.production))).body.version).toBe(0);

    const synced = await sync({ ...move, flag_keys: ['alpha', 'beta'] });
    expect(synced.status).toBe(200);
    expect(synced.body).toMatchObject({
      synced: 2,
      states: [
        { flag_key: 'alpha', env_id: ws.env.production, enabled: true, percentage_rollout: 2500 },
        { flag_key: 'beta', env_id: ws.env.production, enabled: true },
      ],
    });
    expect((await fs.get(`${base}/compare-environments?${envs}`)).body).toEqual({
      total: 3,
      diff_count: 0,
      diffs: [],
    });
    expectError(
      await fs.get(`${base}/compare-environments?source_env_id=${ws.env.staging}`),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('hides another organization’s environments and keeps viewers from syncing', async () => {
    const ws = await vexil.workspace();
    const fs = as(ws.account.accessToken);
    const base = `/projects/${ws.projectId}/flags`;
    await fs.send('POST', base, { key: 'alpha', name: 'Alpha', flag_type: 'boolean' });
    await fs.send('PUT', statePath(ws, 'alpha', ws.env.staging), { enabled: true });
    const move = { source_env_id: ws.env.staging, target_env_id: ws.env.production, flag_keys: ['alpha'] };

    const mallory = as((await vexil.workspace()).account.accessToken);
    expect(
      (
        await mallory.get(
          `${base}/compare-environments?source_env_id=${ws.env.staging}&target_env_id=${ws.env.dev}`,
        )
      ).status,
    ).toBe(404);
    expect((await mallory.send('POST', `${base}/sync-environments`, move)).status).toBe(404);

    const viewer = as((await joinAs(vexil, ws.account, await vexil.register(), 'viewer')).accessToken);
    expectError(
      await viewer.send('POST', `${base}/sync-environments`, move),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
    expect((await fs.get(statePath(ws, 'alpha', ws.env.production))).body.enabled).toBe(false);
  });
});
