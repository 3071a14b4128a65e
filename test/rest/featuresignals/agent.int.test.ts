import { sharedTestPlatform, type Workspace } from '@vexil/testing';
import { auditActions, expectError } from '../../harness/featuresignals.js';

// Issue 20: FeatureSignals' agent routes, for automation holding an API key.

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const key = async (ws: Workspace, body: Record<string, unknown>) => {
  const created = await vexil.http('POST', `/v1/environments/${ws.env.production}/api-keys`, {
    token: ws.account.accessToken,
    body: { name: 'agent', ...body },
  });
  expect(created.status).toBe(201);
  return { 'x-api-key': created.body.key as string };
};

describe('FeatureSignals /v1/agent', () => {
  it('evaluates one or many flags as /v1/evaluate does, from key and attributes or a context', async () => {
    const ws = await vexil.workspace();
    const flagId = await ws.createFlag('agent-gate');
    const configured = await ws.gql(
      `mutation ($input: UpdateFlagConfigurationInput!) { updateFlagConfiguration(input: $input) { version } }`,
      {
        input: {
          flagId,
          environmentId: ws.env.production,
          enabled: true,
          rules: [
            {
              id: 'pro',
              match: 'all',
              conditions: [{ attribute: 'plan', operator: 'equals', values: ['pro'] }],
              serve: { variation: 'on' },
            },
          ],
          defaultServe: { variation: 'off' },
        },
      },
    );
    expect(configured.errors).toBeUndefined();
    const headers = await key(ws, { type: 'server' });

    const one = await vexil.http('POST', '/v1/agent/evaluate', {
      headers,
      body: { flag_key: 'agent-gate', key: 'bot-1', attributes: { plan: 'pro' } },
    });
    expect(one.status).toBe(200);
    const sdk = await vexil.http('POST', '/v1/evaluate', {
      headers,
      body: { flag_key: 'agent-gate', context: { key: 'bot-1', attributes: { plan: 'pro' } } },
    });
    expect(one.body).toEqual({ ...sdk.body, eval_time_ms: expect.any(Number) });
    expect(one.body).toMatchObject({ flag_key: 'agent-gate', value: true, reason: 'TARGETED' });

    const viaContext = await vexil.http('POST', '/v1/agent/evaluate', {
      headers,
      body: { flag_key: 'agent-gate', context: { key: 'bot-2', attributes: { plan: 'free' } } },
    });
    expect(viaContext.body).toMatchObject({ value: false, reason: 'FALLTHROUGH' });

    const bulk = await vexil.http('POST', '/v1/agent/bulk-eval', {
      headers,
      body: {
        flag_keys: ['agent-gate', 'missing'],
        key: 'bot-1',
        attributes: { plan: 'pro' },
        environment: 'production',
      },
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body).toEqual({
      results: [
        {
          flag_key: 'agent-gate',
          value: true,
          reason: 'TARGETED',
          variant_key: 'on',
          eval_time_ms: expect.any(Number),
        },
        { flag_key: 'missing', value: null, reason: 'NOT_FOUND', eval_time_ms: expect.any(Number) },
      ],
      total_time_ms: expect.any(Number),
    });

    expectError(
      await vexil.http('POST', '/v1/agent/evaluate', {
        headers,
        body: { flag_key: 'agent-gate', key: 'bot-1', environment: 'dev' },
      }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
    const tooMany = Array.from({ length: 51 }, (_, i) => `f${i}`);
    expectError(
      await vexil.http('POST', '/v1/agent/bulk-eval', { headers, body: { flag_keys: tooMany } }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await vexil.http('POST', '/v1/agent/evaluate', { body: { flag_key: 'agent-gate' } }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('creates a flag with a server key, audited as the key with source api, and reads it back', async () => {
    const ws = await vexil.workspace();
    const headers = await key(ws, { type: 'server' });
    const created = await vexil.http('POST', '/v1/agent/create-flag', {
      headers,
      body: { key: 'agent-made', name: 'Agent made', type: 'string', default_value: 'blue', tags: ['agent'] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      key: 'agent-made',
      name: 'Agent made',
      type: 'string',
      flag_type: 'string',
      default_value: 'blue',
      tags: ['agent'],
    });
    const read = await vexil.http('GET', '/v1/agent/flag/agent-made', { headers });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    const named = await vexil.http('GET', `/v1/agent/flag/agent-made?project_id=${ws.projectId}`, {
      headers,
    });
    expect(named.body).toEqual(created.body);
    expectError(await vexil.http('GET', '/v1/agent/flag/nothing-here', { headers }), 404, 'FLAG_NOT_FOUND');
    expectError(
      await vexil.http('POST', '/v1/agent/create-flag', { headers, body: { key: 'agent-made' } }),
      409,
      'FLAG_KEY_CONFLICT',
    );

    await auditActions(vexil, ws.account.organizationId, ['flag.created']);
    const [entry] = await vexil.sql<{ actor_type: string; source: string }>(
      `select actor_type, source from analytics.audit_events
        where organization_id = ? and action = 'flag.created' and resource_id = ?`,
      [ws.account.organizationId, created.body.id],
    );
    expect(entry).toEqual({ actor_type: 'apiKey', source: 'api' });
  });

  it('keeps to what the key may do', async () => {
    const ws = await vexil.workspace();
    const readOnly = await key(ws, { type: 'server', scopes: ['flag:read'] });
    expectError(
      await vexil.http('POST', '/v1/agent/create-flag', { headers: readOnly, body: { key: 'not-allowed' } }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
    await ws.createFlag('readable');
    expect((await vexil.http('GET', '/v1/agent/flag/readable', { headers: readOnly })).status).toBe(200);

    const client = await key(ws, { type: 'client' });
    expectError(
      await vexil.http('POST', '/v1/agent/create-flag', { headers: client, body: { key: 'client-made' } }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
    expect(
      (await vexil.http('POST', '/v1/agent/evaluate', { headers: client, body: { flag_key: 'readable' } }))
        .status,
    ).toBe(200);

    const stranger = await vexil.workspace();
    expectError(
      await vexil.http('GET', `/v1/agent/flag/readable?project_id=${stranger.projectId}`, {
        headers: readOnly,
      }),
      404,
      'PROJECT_NOT_FOUND',
    );
    const rows = await vexil.sql("select 1 from flags.flags where key in ('not-allowed', 'client-made')");
    expect(rows).toEqual([]);
  });
});
