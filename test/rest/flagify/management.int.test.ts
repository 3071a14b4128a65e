import { sharedTestPlatform, type Workspace } from '@vexil/testing';
import { expectFlagifyError } from '../../harness/flagify.js';

// Issue 13: Flagify's management API beyond what its CLI and MCP server call (those have contract
// tests of their own): credentials, key-scoped routes, aliases, clone and promote, key rotation,
// refusals in Flagify's shape, and nothing crossing workspaces.

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

type Caller = { token?: string; headers?: Record<string, string> };

const flagify = (method: string, path: string, caller: Caller = {}, body?: unknown) =>
  vexil.http(method, `/flagify${path}`, { ...caller, ...(body === undefined ? {} : { body }) });

/** A workspace, its owner as a caller, and a flag made through Flagify. */
async function withFlag(ws?: Workspace) {
  const workspace = ws ?? (await vexil.workspace());
  const owner = { token: workspace.account.accessToken };
  const flag = (
    await flagify('POST', `/v1/projects/${workspace.projectId}/flags`, owner, {
      key: 'checkout',
      name: 'Checkout',
      type: 'boolean',
      defaultValue: true,
      offValue: false,
    })
  ).body;
  return { ws: workspace, owner, flag };
}

describe('Flagify management: who may call', () => {
  it('refuses no credentials (401) and a publishable key (403), in Flagify’s shape', async () => {
    const { ws } = await withFlag();
    const pk = await ws.apiKey('client');
    expectFlagifyError(await flagify('GET', `/v1/projects/${ws.projectId}/flags`), 401, 'unauthenticated');
    expectFlagifyError(
      await flagify('GET', `/v1/projects/${ws.projectId}/flags`, { headers: { 'x-api-key': pk.key } }),
      403,
      'insufficient_permissions',
    );
  });

  it('lets a secret key manage its project, key-scoped: /v1/flags and /v1/flags/{key}', async () => {
    const { ws } = await withFlag();
    const sk = { headers: { 'x-api-key': (await ws.apiKey('server')).key } };
    const listed = await flagify('GET', '/v1/flags', sk);
    expect(listed.status).toBe(200);
    expect(listed.body.map((flag: { key: string }) => flag.key)).toEqual(['checkout']);
    const created = await flagify('POST', '/v1/flags', sk, {
      key: 'new-feature',
      name: 'New feature',
      type: 'boolean',
    });
    expect(created.status).toBe(201);
    expect((await flagify('GET', '/v1/flags/new-feature', sk)).body.id).toBe(created.body.id);
    const patched = await flagify('PATCH', '/v1/flags/new-feature', sk, {
      description: 'Enable the new feature',
    });
    expect(patched.body.description).toBe('Enable the new feature');
    expect((await flagify('DELETE', '/v1/flags/new-feature', sk)).status).toBe(204);
    expect((await flagify('GET', '/v1/flags/new-feature', sk)).body.archivedAt).toEqual(expect.any(String));
    const environments = await flagify('GET', '/v1/environments', {
      headers: { 'x-secret-key': sk.headers['x-api-key'] },
    });
    expect(environments.body.map((e: { key: string }) => e.key)).toEqual(['dev', 'staging', 'production']);
    // What a key may do beyond flags is identity's call: keys are managed by people.
    expectFlagifyError(
      await flagify('POST', `/v1/environments/${ws.env.production}/keys`, sk),
      403,
      'insufficient_permissions',
    );
  });

  it('asks a user for the project of a key-scoped route', async () => {
    const { ws, owner } = await withFlag();
    const refused = await flagify('GET', '/v1/flags', owner);
    expectFlagifyError(refused, 422, 'unprocessable_entity');
    expect(refused.body.fields).toEqual({ projectId: [expect.any(String)] });
    const named = await flagify('GET', `/v1/flags?projectId=${ws.projectId}`, owner);
    expect(named.body.map((flag: { key: string }) => flag.key)).toEqual(['checkout']);
  });

  it('finds nothing of another workspace: flags, flag environments, projects, segments, keys, audit', async () => {
    const mine = await withFlag();
    const theirs = await withFlag();
    const segment = (
      await flagify('POST', `/v1/projects/${theirs.ws.projectId}/segments`, theirs.owner, { name: 'Theirs' })
    ).body;
    const pair = (await flagify('POST', `/v1/environments/${theirs.ws.env.dev}/keys`, theirs.owner)).body;
    const flagEnv = theirs.flag.environments[0].id;
    const probes: [string, string, unknown?][] = [
      ['GET', `/v1/flags/${theirs.flag.id}`],
      ['PATCH', `/v1/flags/${theirs.flag.id}`, { name: 'Mine now' }],
      ['POST', `/v1/flags/${theirs.flag.id}/archive`],
      ['GET', `/v1/flag-environments/${flagEnv}`],
      ['PUT', `/v1/flag-environments/${flagEnv}`, { enabled: true }],
      ['PUT', `/v1/flag-environments/${flagEnv}/targeting-rules`, { rules: [] }],
      ['GET', `/v1/projects/${theirs.ws.projectId}`],
      ['GET', `/v1/projects/${theirs.ws.projectId}/flags`],
      ['PUT', `/v1/projects/${theirs.ws.projectId}/flags/checkout/environments/dev`, { enabled: true }],
      ['DELETE', `/v1/segments/${segment.id}`],
      ['GET', `/v1/environments/${theirs.ws.env.dev}/keys`],
      ['POST', `/v1/environments/${theirs.ws.env.dev}/keys/revoke`],
      ['POST', `/v1/environments/${mine.ws.env.dev}/keys/${pair.secret.id}/revoke`],
      ['GET', `/v1/workspaces/${theirs.ws.account.organizationId}/projects`],
      ['GET', `/v1/workspaces/${theirs.ws.account.organizationId}/audit`],
    ];
    for (const [method, path, body] of probes) {
      const answer = await flagify(method, path, mine.owner, body);
      expect([method, path, answer.status]).toEqual([method, path, 404]);
    }
    const untouched = await flagify('GET', `/v1/flags/${theirs.flag.id}`, theirs.owner);
    expect(untouched.body).toEqual(theirs.flag);
    const sdk = await vexil.http('GET', '/flagify/v1/eval/flags', {
      headers: { 'x-api-key': pair.secretKey },
    });
    expect(sdk.status).toBe(200);
  });
});

describe('Flagify management: refusals', () => {
  it('answers a malformed or mistyped body with 422 validation failed, naming the field, writing nothing', async () => {
    const { ws, owner } = await withFlag();
    const path = `/v1/projects/${ws.projectId}/flags`;
    const malformed = await vexil.http('POST', `/flagify${path}`, {
      ...owner,
      body: '{"key": "oops",',
      headers: { 'content-type': 'application/json' },
    });
    expectFlagifyError(malformed, 422, 'unprocessable_entity');
    expect(malformed.body.message).toBe('validation failed');
    const mistyped = await flagify('POST', path, owner, { name: 'X', type: 'boolean', defaultValue: 'yes' });
    expectFlagifyError(mistyped, 422, 'unprocessable_entity');
    expect(Object.keys(mistyped.body.fields)).toEqual(['defaults.onValue']);
    const badType = await flagify('POST', path, owner, { name: 'X', type: 'colour' });
    expect(badType.body.fields).toEqual({ type: [expect.any(String)] });
    const percent = await flagify('PUT', `/v1/flag-environments/${ws.env.dev}`, owner, {
      rolloutPercentage: 140,
    });
    expect(percent.body.fields).toEqual({ rolloutPercentage: [expect.any(String)] });
    const listed = await flagify('GET', path, owner);
    expect(listed.body.map((flag: { key: string }) => flag.key)).toEqual(['checkout']);
  });

  it('answers a clash with 409 conflict', async () => {
    const { ws, owner } = await withFlag();
    const again = await flagify('POST', `/v1/projects/${ws.projectId}/flags`, owner, {
      key: 'checkout',
      name: 'Checkout',
      type: 'boolean',
    });
    expectFlagifyError(again, 409, 'conflict');
    const registered = await flagify(
      'POST',
      '/v1/auth/register',
      {},
      {
        email: ws.account.email,
        password: 'correct-horse-battery',
        name: 'Again',
      },
    );
    expectFlagifyError(registered, 409, 'conflict');
  });

  it('leaves FeatureSignals’ /v1 alone for clients that do not say they are Flagify’s', async () => {
    const { ws, owner } = await withFlag();
    const featureSignals = await vexil.http('GET', `/v1/projects/${ws.projectId}/flags`, owner);
    expect(featureSignals.body).toMatchObject({
      data: [expect.objectContaining({ key: 'checkout', flag_type: 'boolean' })],
    });
    const mcp = await vexil.http('GET', `/v1/projects/${ws.projectId}/flags`, {
      ...owner,
      headers: { 'x-flagify-source': 'mcp' },
    });
    expect(mcp.body).toEqual([expect.objectContaining({ key: 'checkout', type: 'boolean' })]);
  });
});

describe('Flagify management: flags and their environments', () => {
  it('a flag environment read by id, by key, and variants that split the default serve', async () => {
    const { ws, owner, flag } = await withFlag();
    const staging = flag.environments[1];
    const byId = await flagify('GET', `/v1/flag-environments/${staging.id}`, owner);
    const byKey = await flagify(
      'GET',
      `/v1/projects/${ws.projectId}/flags/checkout/environments/staging`,
      owner,
    );
    expect(byId.body).toEqual(byKey.body);
    expect(byId.body).toMatchObject({
      id: staging.id,
      flagId: flag.id,
      environmentId: ws.env.staging,
      variants: [],
    });
    const split = await flagify('PUT', `/v1/flag-environments/${staging.id}`, owner, {
      enabled: true,
      variants: [
        { key: 'on', value: true, weight: 70 },
        { key: 'off', value: false, weight: 30 },
      ],
    });
    expect(split.status).toBe(200);
    // A two-way split against the off value is a rollout percentage in Flagify's words.
    expect(split.body).toMatchObject({
      enabled: true,
      rolloutPercentage: 70,
      valueOverride: null,
      variants: [],
    });
    const back = await flagify('PUT', `/v1/flag-environments/${staging.id}`, owner, {
      rolloutPercentage: null,
    });
    expect(back.body).toMatchObject({ rolloutPercentage: null, valueOverride: null, variants: [] });
    const clash = await flagify('PUT', `/v1/flag-environments/${staging.id}`, owner, {
      rolloutPercentage: 5,
      variants: [{ key: 'on', value: true, weight: 100 }],
    });
    expectFlagifyError(clash, 422, 'unprocessable_entity');
  });

  it('keeps an environment’s id from the flag’s creation on, and gives new environments one', async () => {
    const { ws, owner, flag } = await withFlag();
    const qa = await ws.mutate(
      `mutation ($p: ID!) { createEnvironment(projectId: $p, input: { name: "QA", key: "qa" }) { id } }`,
      { p: ws.projectId },
    );
    const got = (await flagify('GET', `/v1/flags/${flag.id}`, owner)).body;
    expect(got.environments.slice(0, 3).map((e: { id: string }) => e.id)).toEqual(
      flag.environments.map((e: { id: string }) => e.id),
    );
    expect(got.environments[3]).toMatchObject({
      environmentId: qa.createEnvironment.id,
      environmentKey: 'qa',
    });
  });

  it('clones a flag with its state everywhere, and promotes one environment’s state to another', async () => {
    const { ws, owner, flag } = await withFlag();
    await flagify('PUT', `/v1/projects/${ws.projectId}/flags/checkout/environments/staging`, owner, {
      enabled: true,
      rolloutPercentage: 35,
    });
    const clone = await flagify('POST', `/v1/flags/${flag.id}/clone`, owner, { key: 'checkout-v2' });
    expect(clone.status).toBe(201);
    expect(clone.body).toMatchObject({
      key: 'checkout-v2',
      name: 'checkout-v2',
      defaultValue: true,
      offValue: false,
    });
    expect(clone.body.environments[1]).toMatchObject({ enabled: true, rolloutPercentage: 35 });
    expect(clone.body.environments[1].id).not.toBe(flag.environments[1].id);
    const promoted = await flagify('POST', `/v1/flags/${flag.id}/promote`, owner, {
      sourceEnvironmentId: ws.env.staging,
      targetEnvironmentId: ws.env.production,
    });
    expect(promoted.body).toMatchObject({
      environmentKey: 'production',
      enabled: true,
      rolloutPercentage: 35,
    });
  });

  it('serves the targeting rules at /targeting too, by id and by key', async () => {
    const { ws, owner, flag } = await withFlag();
    const rules = [
      {
        matchType: 'ANY',
        valueOverride: false,
        conditions: [{ attribute: 'plan', operator: 'equals', values: ['free'] }],
      },
    ];
    const put = await flagify('PUT', `/v1/flag-environments/${flag.environments[0].id}/targeting`, owner, {
      rules,
    });
    expect(put.body).toEqual([
      expect.objectContaining({ matchType: 'any', valueOverride: false, priority: 0 }),
    ]);
    const byKey = await flagify(
      'GET',
      `/v1/projects/${ws.projectId}/flags/checkout/environments/dev/targeting`,
      owner,
    );
    expect(byKey.body).toEqual(put.body);
  });
});

describe('Flagify management: keys', () => {
  it('serves /api-keys like /keys, and rotates: the new pair works at once, the old keys until the grace ends', async () => {
    const { ws, owner } = await withFlag();
    const path = `/v1/environments/${ws.env.production}/api-keys`;
    const first = (await flagify('POST', path, owner)).body;
    const sdk = (key: string) =>
      vexil.http('GET', '/flagify/v1/eval/flags', { headers: { 'x-api-key': key } });
    const rotated = await flagify('POST', `${path}/rotate`, owner, { graceMinutes: 60 });
    expect(rotated.status).toBe(201);
    expect((await sdk(rotated.body.publishableKey)).status).toBe(200);
    expect((await sdk(first.publishableKey)).status).toBe(200);
    const now = await flagify('POST', `${path}/rotate`, owner, { graceMinutes: 0 });
    expect((await sdk(now.body.secretKey)).status).toBe(200);
    expect((await sdk(rotated.body.publishableKey)).status).toBe(401);
    const listed = (await flagify('GET', path, owner)).body;
    expect(listed).toHaveLength(6);
  });
});

describe('Flagify health check', () => {
  it('answers at the root of the API, with no credentials', async () => {
    const answer = await vexil.http('GET', '/flagify/health/check');
    expect({ status: answer.status, body: answer.body }).toEqual({ status: 200, body: { status: 'ok' } });
  });
});
