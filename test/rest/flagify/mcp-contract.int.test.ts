import { eventually, sharedTestPlatform } from '@vexil/testing';
import { decodeProblems, mcp, type ClientAnswer, type Shape } from '../../harness/flagify-clients.js';
import { MCP } from '../../harness/flagify-shapes.js';

// Issue 13: every endpoint of Flagify's MCP server (flagifyhq/flagify-mcp `src/client/flagify-api.ts`,
// the tools of `src/tools/`), called exactly as it calls them and checked against the fields its tools
// read. It resolves `/v1/…` against its `apiUrl` with `new URL`, so `FLAGIFY_API_URL=<gateway>/flagify`
// reaches `<gateway>/v1/…`: Vexil serves those as Flagify's because the request says
// `X-Flagify-Source: mcp`.

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

/** The tools treat anything but the statuses they name as a failure; the body must read as their type. */
function read(answer: ClientAnswer, shape: Shape, statuses = [200]) {
  expect({ ok: statuses.includes(answer.status), problems: decodeProblems(shape, answer.body) }).toEqual({
    ok: true,
    problems: [],
  });
  return answer.body;
}

/** A workspace whose owner the MCP server acts for, and the client it builds (tokens from `flagify auth login`). */
async function connected(apiUrl = `${vexil.url}/flagify`) {
  const ws = await vexil.workspace();
  const call = mcp(apiUrl, ws.account.accessToken);
  return { ...ws, call, project: ws.projectId };
}

/** `create_flag`: description defaults to "", values only when given. */
const createFlag = (call: ReturnType<typeof mcp>, project: string, body: Record<string, unknown>) =>
  call('POST', `/v1/projects/${encodeURIComponent(project)}/flags`, { description: '', ...body });

describe('Flagify MCP server', () => {
  it('reaches Flagify at the origin of its apiUrl, because it says who it is', async () => {
    const { call, project } = await connected();
    const answer = await call('GET', `/v1/projects/${project}/environments`);
    expect(answer.sent.url).toBe(`${vexil.url}/v1/projects/${project}/environments`);
    expect(answer.sent.headers).toEqual({
      Accept: 'application/json',
      'User-Agent': 'flagify-mcp/0.2.0',
      'X-Flagify-Source': 'mcp',
      Authorization: expect.stringMatching(/^Bearer /),
    });
    const environments = read(answer, [MCP.Environment]);
    expect(environments.map((e: { key: string; name: string }) => [e.key, e.name])).toEqual([
      ['dev', 'Development'],
      ['staging', 'Staging'],
      ['production', 'Production'],
    ]);
    // Pointed at the gateway's origin itself, the same.
    const atOrigin = await mcp(vexil.url, (await connected()).account.accessToken)('GET', `/v1/workspaces`);
    expect(atOrigin.status).toBe(200);
  });

  it('create_flag, list_flags, get_flag: a flag with its state in every environment', async () => {
    const { call, project } = await connected();
    const created = read(
      await createFlag(call, project, {
        key: 'new-checkout-flow',
        name: 'New checkout flow',
        type: 'string',
        defaultValue: 'v2',
        offValue: 'v1',
      }),
      MCP.Flag,
      [200, 201],
    );
    expect(created).toMatchObject({
      key: 'new-checkout-flow',
      name: 'New checkout flow',
      type: 'string',
      description: null,
      defaultValue: 'v2',
      offValue: 'v1',
      archivedAt: null,
    });
    const flags = read(await call('GET', `/v1/projects/${project}/flags`), [MCP.Flag]);
    expect(flags).toEqual([created]);
    expect(
      flags[0].environments.map((e: any) => [
        e.environmentKey,
        e.enabled,
        e.targetingRuleCount,
        e.valueOverride,
      ]),
    ).toEqual([
      ['dev', false, 0, null],
      ['staging', false, 0, null],
      ['production', false, 0, null],
    ]);
  });

  it('toggle_flag: enabled, value override and rollout percentage by flag key and environment, read back', async () => {
    const { call, project } = await connected();
    await createFlag(call, project, { key: 'banner', name: 'Banner', type: 'string', defaultValue: 'hello' });
    const path = `/v1/projects/${project}/flags/banner/environments/production`;
    const toggled = read(await call('PUT', path, { enabled: true }), MCP.FlagEnvironment);
    expect(toggled).toMatchObject({ flagKey: 'banner', environmentKey: 'production', enabled: true });
    const tuned = read(
      await call('PUT', path, { valueOverride: 'hello pro', rolloutPercentage: 40 }),
      MCP.FlagEnvironment,
    );
    expect(tuned).toMatchObject({ enabled: true, valueOverride: 'hello pro', rolloutPercentage: 40 });
    // One part at a time keeps the other.
    const wider = read(await call('PUT', path, { rolloutPercentage: 60 }), MCP.FlagEnvironment);
    expect(wider).toMatchObject({ valueOverride: 'hello pro', rolloutPercentage: 60 });
    const [flag] = read(await call('GET', `/v1/projects/${project}/flags`), [MCP.Flag]);
    expect(flag.environments[2]).toEqual(wider);
    expect(flag.environments[0]).toMatchObject({
      enabled: false,
      valueOverride: null,
      rolloutPercentage: null,
    });
  });

  it('update_flag: name, description, default and off value; environments serving the defaults follow', async () => {
    const { call, project } = await connected();
    const flag = (
      await createFlag(call, project, { key: 'limit', name: 'Limit', type: 'number', defaultValue: 10 })
    ).body;
    await call('PUT', `/v1/projects/${project}/flags/limit/environments/staging`, { valueOverride: 50 });
    const updated = read(
      await call('PATCH', `/v1/flags/${encodeURIComponent(flag.id)}`, {
        name: 'Item limit',
        description: 'How many items',
        defaultValue: 20,
        offValue: 0,
      }),
      MCP.Flag,
    );
    expect(updated).toMatchObject({
      name: 'Item limit',
      description: 'How many items',
      defaultValue: 20,
      offValue: 0,
    });
    expect(updated.environments.map((e: any) => e.valueOverride)).toEqual([null, 50, null]);
  });

  it('get_targeting_rules, update_targeting_rules: segment and attribute conditions, override, rollout, variant', async () => {
    const { call, project, account } = await connected();
    await createFlag(call, project, {
      key: 'pricing-page',
      name: 'Pricing page',
      type: 'boolean',
      defaultValue: true,
      offValue: false,
    });
    const segment = (
      await vexil.http('POST', `/flagify/v1/projects/${project}/segments`, {
        token: account.accessToken,
        body: { name: 'Beta testers', rules: [{ attribute: 'beta', operator: 'equals', values: ['true'] }] },
      })
    ).body;
    const path = `/v1/projects/${project}/flags/${encodeURIComponent('pricing-page')}/environments/${encodeURIComponent('production')}/targeting-rules`;
    const rules = [
      {
        priority: 1,
        description: 'Beta testers',
        matchType: 'all',
        valueOverride: true,
        conditions: [{ type: 'segment', segmentId: segment.id }],
      },
      {
        priority: 2,
        matchType: 'any',
        valueOverride: true,
        rolloutPercentage: 25,
        conditions: [
          { type: 'attribute', attribute: 'email', operator: 'ends_with', values: ['@acme.com'] },
          { type: 'attribute', attribute: 'country', operator: 'in', values: ['US', 'CA'] },
        ],
      },
      {
        priority: 3,
        matchType: 'all',
        variantKey: 'off',
        conditions: [{ type: 'attribute', attribute: 'plan', operator: 'equals', values: ['free'] }],
      },
    ];
    const saved = read(await call('PUT', path, { rules }), [MCP.TargetingRule]);
    expect(saved.length).toBe(3);
    const got = read(await call('GET', path), [MCP.TargetingRule]);
    expect(got).toEqual(saved);
    expect(
      got.map((r: any) => [
        r.priority,
        r.description,
        r.matchType,
        r.valueOverride,
        r.rolloutPercentage,
        r.variantKey,
        r.conditions,
      ]),
    ).toEqual([
      [0, 'Beta testers', 'all', true, null, 'on', [{ type: 'segment', segmentId: segment.id }]],
      [
        1,
        null,
        'any',
        true,
        25,
        'on',
        [
          expect.objectContaining({
            type: 'attribute',
            attribute: 'email',
            operator: 'ends_with',
            values: ['@acme.com'],
          }),
          expect.objectContaining({
            type: 'attribute',
            attribute: 'country',
            operator: 'in',
            values: ['US', 'CA'],
          }),
        ],
      ],
      [
        2,
        null,
        'all',
        false,
        null,
        'off',
        [expect.objectContaining({ attribute: 'plan', values: ['free'] })],
      ],
    ]);
    const [flag] = (await call('GET', `/v1/projects/${project}/flags`)).body;
    expect(flag.environments[2].targetingRuleCount).toBe(3);
  });

  it('list_segments: key, name, match type and rules', async () => {
    const { call, project, account } = await connected();
    await vexil.http('POST', `/flagify/v1/projects/${project}/segments`, {
      token: account.accessToken,
      body: {
        name: 'Pro Users',
        description: 'Paying',
        matchType: 'any',
        rules: [{ attribute: 'plan', operator: 'in', values: ['pro', 'team'] }],
      },
    });
    const segments = read(await call('GET', `/v1/projects/${project}/segments`), [MCP.Segment]);
    expect(segments).toEqual([
      expect.objectContaining({
        key: 'pro-users',
        name: 'Pro Users',
        description: 'Paying',
        matchType: 'any',
        rules: [expect.objectContaining({ attribute: 'plan', operator: 'in', values: ['pro', 'team'] })],
      }),
    ]);
  });

  it('delete_flag: archives, after which the flag leaves the list', async () => {
    const { call, project } = await connected();
    const flag = (await createFlag(call, project, { key: 'old-flag', name: 'Old flag', type: 'boolean' }))
      .body;
    const answer = await call('POST', `/v1/flags/${encodeURIComponent(flag.id)}/archive`);
    expect(answer.sent.headers['Content-Type']).toBeUndefined();
    expect([200, 204]).toContain(answer.status);
    expect(read(await call('GET', `/v1/projects/${project}/flags`), [MCP.Flag])).toEqual([]);
    expect((await call('POST', `/v1/flags/${flag.id}/archive`)).status).toBe(409);
  });

  it('get_audit_log: the workspace’s changes, filtered and paged, made "via mcp"', async () => {
    const { call, project, account } = await connected();
    await createFlag(call, project, { key: 'audited', name: 'Audited', type: 'boolean' });
    await call('PUT', `/v1/projects/${project}/flags/audited/environments/dev`, { enabled: true });
    const workspace = account.organizationId;
    const query = (params: Record<string, string>) =>
      call(
        'GET',
        `/v1/workspaces/${encodeURIComponent(workspace)}/audit?${new URLSearchParams({ limit: '50', ...params, projectId: project })}`,
      );
    // The audit log is written as analytics handles the events: a moment after the change.
    const toggled = read(
      await eventually(
        () => query({ action: 'flag.toggled', source: 'mcp' }),
        (answer) => answer.body?.events?.length > 0,
      ),
      MCP.AuditLogResponse,
    );
    expect(toggled.events).toEqual([
      expect.objectContaining({
        workspaceId: workspace,
        actorId: account.userId,
        actorEmail: account.email,
        actorType: 'user',
        source: 'mcp',
        action: 'flag.toggled',
        resourceType: 'flag',
      }),
    ]);
    expect(toggled.nextCursor).toBeNull();
    const byActor = read(
      await query({ actorUserId: account.userId, resourceType: 'flag', limit: '1' }),
      MCP.AuditLogResponse,
    );
    expect(byActor.events).toHaveLength(1);
    expect(byActor.nextCursor).toEqual(expect.any(String));
    const next = read(
      await query({
        actorUserId: account.userId,
        resourceType: 'flag',
        limit: '1',
        cursor: byActor.nextCursor,
      }),
      MCP.AuditLogResponse,
    );
    expect(next.events).toHaveLength(1);
    expect(next.events[0].id).not.toBe(byActor.events[0].id);
    expect(read(await query({ source: 'cli' }), MCP.AuditLogResponse).events).toEqual([]);
  });

  it('refreshes on a 401 without a token, then retries (tryRefresh)', async () => {
    const { account } = await connected();
    const stale = mcp(`${vexil.url}/flagify`, 'expired.or.bad');
    expect((await stale('GET', '/v1/workspaces')).status).toBe(401);
    const refreshed = read(
      await mcp(`${vexil.url}/flagify`)('POST', '/v1/auth/refresh', { refreshToken: account.refreshToken }),
      MCP.TokenPair,
    );
    expect((await mcp(`${vexil.url}/flagify`, refreshed.accessToken)('GET', '/v1/workspaces')).status).toBe(
      200,
    );
  });

  it('is refused with an API key, as its own check expects: pk_ 403', async () => {
    const ws = await vexil.workspace();
    const { key } = await ws.apiKey('client');
    const answer = await mcp(`${vexil.url}/flagify`, key)('GET', `/v1/projects/${ws.projectId}/flags`);
    expect(answer.status).toBe(403);
  });
});
