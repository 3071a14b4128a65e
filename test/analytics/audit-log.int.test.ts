import { eventually, sharedTestPlatform, type Workspace } from '@vexil/testing';
import { expectError, joinAs } from '../harness/featuresignals.js';

// Issue 14: the audit log, read in GraphQL and REST: who changed what, from where, in which request.

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const TOGGLE = `mutation ($f: ID!, $e: ID!, $on: Boolean!) { setFlagEnabled(flagId: $f, environmentId: $e, enabled: $on) { version } }`;

/** Entries of the organization's log, oldest first, once `count` of them are there. */
async function entries(ws: Workspace, count: number) {
  const rows = await eventually(
    () =>
      vexil.sql(
        'select action, source, request_id, project_id, environment_id from analytics.audit_events where organization_id = ? order by occurred_at, id',
        [ws.account.organizationId],
      ),
    (found) => found.length >= count,
  );
  return rows;
}

/** A workspace with a flag toggled in production by REST (a request id of its own) and by the "CLI". */
async function seeded() {
  const ws = await vexil.workspace();
  const flagId = await ws.createFlag('new-checkout');
  const before = (await entries(ws, 1)).length;
  const toggled = await vexil.http(
    'PUT',
    `/v1/projects/${ws.projectId}/flags/new-checkout/environments/${ws.env.production}`,
    {
      token: ws.account.accessToken,
      headers: { 'x-request-id': 'req-audit-1' },
      body: { enabled: true },
    },
  );
  expect(toggled.status).toBe(200);
  const cli = await vexil.http('POST', '/graphql', {
    token: ws.account.accessToken,
    headers: { 'x-flagify-source': 'cli' },
    body: { query: TOGGLE, variables: { f: flagId, e: ws.env.staging, on: true } },
  });
  expect(cli.body.errors).toBeUndefined();
  await entries(ws, before + 2);
  return { ws, flagId };
}

describe('audit log', () => {
  it('records where each change came from, its request, project and environment, before and after', async () => {
    const { ws, flagId } = await seeded();
    const { data } = await vexil.graphql(
      `query ($f: ID!) { flag(id: $f) { key auditLog(filter: { actions: ["flag.toggled"] }) { totalCount nodes {
        action actorType actorId source requestId projectId environmentId resourceType resourceId data } } } }`,
      { f: flagId },
      ws.account.accessToken,
    );
    const [cli, rest] = data.flag.auditLog.nodes;
    expect(data.flag.auditLog.totalCount).toBe(2);
    expect(rest).toMatchObject({
      action: 'flag.toggled',
      actorType: 'user',
      actorId: ws.account.userId,
      source: 'api',
      requestId: 'req-audit-1',
      projectId: ws.projectId,
      environmentId: ws.env.production,
      resourceType: 'flag',
      resourceId: flagId,
    });
    expect(rest.data).toMatchObject({ before: { enabled: false }, after: { enabled: true } });
    expect(cli).toMatchObject({
      source: 'cli',
      environmentId: ws.env.staging,
      requestId: expect.any(String),
    });
  });

  it('filters by action, resource, actor, project, environment, source and time, and pages by cursor', async () => {
    const { ws } = await seeded();
    const log = async (filter: Record<string, unknown>, page = '') =>
      (
        await vexil.graphql(
          `query ($filter: AuditLogFilter) { organization { auditLog(filter: $filter${page}) { totalCount
            pageInfo { endCursor hasNextPage } nodes { action source environmentId } } } }`,
          { filter },
          ws.account.accessToken,
        )
      ).data.organization.auditLog;
    const all = await log({});
    expect(all.totalCount).toBeGreaterThanOrEqual(5);
    expect((await log({ source: 'cli' })).nodes).toEqual([
      { action: 'flag.toggled', source: 'cli', environmentId: ws.env.staging },
    ]);
    expect((await log({ environmentId: ws.env.production })).nodes.map((n: any) => n.action)).toEqual([
      'flag.toggled',
    ]);
    expect((await log({ resourceTypes: ['flag'], actions: ['flag.created'] })).totalCount).toBe(1);
    expect((await log({ projectId: ws.projectId })).totalCount).toBeGreaterThanOrEqual(3);
    expect((await log({ actorId: ws.account.userId })).totalCount).toBeGreaterThanOrEqual(3);
    expect((await log({ since: new Date(Date.now() + 60_000).toISOString() })).totalCount).toBe(0);

    // Two entries a page: the pages join up to the whole log, newest first, none twice.
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (
        await vexil.graphql(
          `query ($after: String) { organization { auditLog(first: 2, after: $after) { totalCount
            pageInfo { endCursor hasNextPage } nodes { id } } } }`,
          { after },
          ws.account.accessToken,
        )
      ).data.organization.auditLog;
      seen.push(...page.nodes.map((node: { id: string }) => node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(all.totalCount);
    expect(new Set(seen).size).toBe(seen.length);

    const bad = await vexil.graphql(
      `{ organization { auditLog(filter: { source: "fax" }) { totalCount } } }`,
      {},
      ws.account.accessToken,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const badCursor = await vexil.graphql(
      `{ organization { auditLog(after: "bm9wZQ") { totalCount } } }`,
      {},
      ws.account.accessToken,
    );
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
  });

  it('reads a project’s activity and a flag’s history beside the project and flag, never another organization’s', async () => {
    const { ws, flagId } = await seeded();
    const stranger = await vexil.workspace();
    const query = `query ($p: ID!) { project(id: $p) { name auditLog { totalCount nodes { action } }
      flags { nodes { key auditLog(first: 1) { nodes { action } } } } } }`;
    const { data } = await vexil.graphql(query, { p: ws.projectId }, ws.account.accessToken);
    expect(data.project.auditLog.totalCount).toBeGreaterThanOrEqual(3);
    expect(data.project.flags.nodes).toEqual([
      { key: 'new-checkout', auditLog: { nodes: [{ action: 'flag.toggled' }] } },
    ]);
    const theirs = await vexil.graphql(
      `query ($f: ID!) { flag(id: $f) { auditLog { totalCount } } }`,
      { f: flagId },
      stranger.account.accessToken,
    );
    expect(theirs.data?.flag?.auditLog?.totalCount ?? 0).toBe(0);
  });
});

describe('FeatureSignals /v1/audit', () => {
  it('pages the log with limit and offset, and a project’s activity', async () => {
    const { ws } = await seeded();
    const token = ws.account.accessToken;
    const page = await vexil.http('GET', '/v1/audit?limit=2&offset=1', { token });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ limit: 2, offset: 1, has_more: true, total: expect.any(Number) });
    expect(page.body.data).toHaveLength(2);
    expect(page.body.data[0]).toEqual({
      id: expect.any(String),
      actor_id: ws.account.userId,
      actor_type: 'user',
      action: expect.any(String),
      resource_type: expect.any(String),
      resource_id: expect.any(String),
      project_id: expect.anything(),
      env_id: expect.anything(),
      source: expect.anything(),
      request_id: expect.anything(),
      data: expect.any(Object),
      created_at: expect.any(String),
    });
    const toggles = await vexil.http('GET', '/v1/audit?action=flag.toggled&source=api', { token });
    expect(toggles.body.data.map((entry: any) => [entry.action, entry.request_id])).toEqual([
      ['flag.toggled', 'req-audit-1'],
    ]);
    const activity = await vexil.http('GET', `/v1/projects/${ws.projectId}/activity?resource_type=flag`, {
      token,
    });
    expect(activity.body.data.map((entry: any) => entry.action).sort()).toEqual([
      'flag.created',
      'flag.toggled',
      'flag.toggled',
    ]);
    const future = encodeURIComponent(new Date(Date.now() + 60_000).toISOString());
    const none = await vexil.http('GET', `/v1/audit?action=flag.toggled&since=${future}`, { token });
    expect([none.status, none.body.data]).toEqual([200, []]);
    expectError(await vexil.http('GET', '/v1/audit?source=fax', { token }), 400, 'VALIDATION_FAILED');
    expectError(await vexil.http('GET', '/v1/audit?since=yesterday', { token }), 400, 'VALIDATION_FAILED');
  });

  it('exports the whole log as NDJSON and CSV, streamed page by page, for owners and admins', async () => {
    const { ws, flagId } = await seeded();
    const token = ws.account.accessToken;
    // More entries than one export page holds.
    for (let round = 0; round < 110; round++)
      await ws.mutate(TOGGLE, { f: flagId, e: ws.env.dev, on: round % 2 === 0 });
    const total = (await entries(ws, 220)).length;

    const ndjson = await vexil.http('GET', '/v1/audit/export', { token });
    expect(ndjson.status).toBe(200);
    expect(ndjson.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(ndjson.headers.get('content-disposition')).toBe('attachment; filename="audit.ndjson"');
    const lines = ndjson.text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(total);
    expect(new Set(lines.map((line) => line.id)).size).toBe(total);

    const csv = await vexil.http(
      'GET',
      '/v1/audit/export?format=csv&action=flag.toggled&env_id=' + ws.env.dev,
      { token },
    );
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = csv.text.trimEnd().split('\r\n');
    expect(rows[0]).toBe(
      'id,actor_id,actor_type,action,resource_type,resource_id,project_id,env_id,source,request_id,data,created_at',
    );
    expect(rows).toHaveLength(111);
    // The before/after JSON is one quoted field.
    expect(rows[1]).toMatch(/^[0-9a-f-]{36},[^,]+,user,flag\.toggled,flag,[^,]+,[^,]+,[^,]+,api,[^,]+,"\{""/);

    const developer = await vexil.register();
    const session = await joinAs(vexil, ws.account, developer, 'developer');
    expectError(
      await vexil.http('GET', '/v1/audit/export', { token: session.accessToken }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
    expect((await vexil.http('GET', '/v1/audit', { token: session.accessToken })).status).toBe(200);
    expectError(await vexil.http('GET', '/v1/audit/export?format=xml', { token }), 400, 'VALIDATION_FAILED');
  }, 60_000);
});
