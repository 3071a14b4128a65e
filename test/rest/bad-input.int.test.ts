import { sharedTestPlatform, type Workspace } from '@vexil/testing';
import WebSocket from 'ws';
import { expectError } from '../harness/featuresignals.js';

// Issue 10, "bad input is a 4xx, never a 5xx": each test first sends the request an attacker's fuzzer
// got a 500 (or a partial write, or a cross-project write) for.

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const deep = (levels: number, leaf = '1') => '{"a":'.repeat(levels) + leaf + '}'.repeat(levels);

/** Sends a raw JSON text body (so that it can hold what JSON.stringify cannot build). */
const send = (ws: Workspace, method: string, path: string, body: string) =>
  vexil.http(method, path, { token: ws.account.accessToken, body });

describe('ids that cannot exist', () => {
  it('answers 404 for a path id that is not a UUID (PUT /v1/projects/12345)', async () => {
    const ws = await vexil.workspace();
    const answer = await send(ws, 'PUT', '/v1/projects/12345', '{"name":"x"}');
    expectError(answer, 404, 'PROJECT_NOT_FOUND');
    expectError(
      await vexil.http('DELETE', `/v1/projects/${ws.projectId}/environments/nope`, {
        token: ws.account.accessToken,
      }),
      404,
      'ENVIRONMENT_NOT_FOUND',
    );
  });

  it('answers 400 naming the field the client sent for a body id that is not a UUID (kill, rollback, promote)', async () => {
    const ws = await vexil.workspace();
    await ws.createFlag('f');
    const base = `/v1/projects/${ws.projectId}/flags/f`;
    for (const [path, body, field] of [
      ['/kill', { env_id: 'x' }, 'env_id'],
      ['/rollback', { env_id: '12345', version: 1 }, 'env_id'],
      ['/promote', { source_env_id: 'a', target_env_id: ws.env.dev }, 'source_env_id'],
      ['/promote', { source_env_id: ws.env.dev, target_env_id: 'b' }, 'target_env_id'],
    ] as const) {
      const answer = await vexil.http('POST', base + path, { token: ws.account.accessToken, body });
      expectError(answer, 400, 'VALIDATION_FAILED');
      expect(answer.body.details).toEqual({ [field]: ['must be a UUID'] });
    }
  });

  it('answers VALIDATION_FAILED, not INTERNAL, for a GraphQL ID argument that is not a UUID', async () => {
    const ws = await vexil.workspace();
    const answer = await ws.gql(`{ project(id: "123") { id } }`);
    expect(answer.errors).toEqual([
      expect.objectContaining({
        message: 'id must be a UUID',
        extensions: expect.objectContaining({
          code: 'VALIDATION_FAILED',
          fields: { id: ['must be a UUID'] },
        }),
      }),
    ]);
  });
});

describe('text that cannot be stored', () => {
  it('refuses a NUL or a lone surrogate in a REST body with 400 and writes nothing', async () => {
    const ws = await vexil.workspace();
    for (const name of ['a\\u0000b', 'a\\ud800', '\\udc00']) {
      const answer = await send(ws, 'POST', '/v1/projects', `{"name":"${name}"}`);
      expectError(answer, 400, 'VALIDATION_FAILED');
      expect(answer.body.details).toEqual({ name: [expect.stringMatching(/NUL|surrogate/)] });
    }
    const projects = await vexil.http('GET', '/v1/projects', { token: ws.account.accessToken });
    expect(projects.body.total).toBe(1);
  });

  it('refuses them in GraphQL variables and in string literals of the document', async () => {
    const ws = await vexil.workspace();
    const variables = await vexil.http('POST', '/graphql', {
      token: ws.account.accessToken,
      body: '{"query":"mutation($n: String!) { createProject(input: {name: $n}) { id } }","variables":{"n":"a\\ud800"}}',
    });
    expect(variables.status).toBe(400);
    expect(variables.body.errors[0].extensions).toEqual({
      code: 'VALIDATION_FAILED',
      fields: { 'variables.n': [expect.stringMatching(/surrogate/)] },
    });
    const literal = await ws.gql(`mutation { createProject(input: { name: "a\\u0000b" }) { id } }`);
    expect(literal.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { 'input.name': [expect.stringMatching(/NUL/)] },
    });
  });

  it('refuses a NUL in a path key with 400 (the key reaches SQL as a string)', async () => {
    const ws = await vexil.workspace();
    const answer = await vexil.http('DELETE', `/v1/projects/${ws.projectId}/flags/a%00b`, {
      token: ws.account.accessToken,
    });
    expectError(answer, 400, 'VALIDATION_FAILED');
  });
});

describe('shapes and sizes', () => {
  it('answers 400 for rules: [[[]]] and for rules without the value they serve', async () => {
    const ws = await vexil.workspace();
    await ws.createFlag('f');
    const path = `/v1/projects/${ws.projectId}/flags/f/environments/${ws.env.dev}`;
    const nested = await send(ws, 'PUT', path, '{"rules":[[[]]]}');
    expectError(nested, 400, 'VALIDATION_FAILED');
    expect(nested.body.details).toEqual({ 'rules.0': ['must be a rule object'] });
    const valueless = await send(ws, 'PUT', path, '{"rules":[{"conditions":[]}]}');
    expect(valueless.body.details).toEqual({ 'rules.0.value': [expect.stringMatching(/required/)] });
  });

  it('answers 400 for a deeply nested flag-state body', async () => {
    const ws = await vexil.workspace();
    await ws.createFlag('f');
    const path = `/v1/projects/${ws.projectId}/flags/f/environments/${ws.env.dev}`;
    const answer = await send(ws, 'PUT', path, `{"rules":[${deep(5000)}]}`);
    expectError(answer, 400, 'VALIDATION_FAILED');
    expect(answer.body.message).toMatch(/at most 64 levels/);
  });

  it('answers 400 for a 5 000-deep JSON variable of evaluate (it overflowed the stack)', async () => {
    const ws = await vexil.workspace();
    const query = 'query($c: JSON!, $e: ID!) { evaluate(context: $c, environmentId: $e) { flagKey } }';
    const answer = await vexil.http('POST', '/graphql', {
      token: ws.account.accessToken,
      body: `{"query":"${query.replaceAll('$', '$')}","variables":{"e":"${ws.env.dev}","c":{"key":"u","x":${deep(5000)}}}}`,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].extensions.code).toBe('VALIDATION_FAILED');
  });

  it('answers 413 for a body over 1 MiB, in the dialect shape', async () => {
    const ws = await vexil.workspace();
    const answer = await send(ws, 'POST', '/v1/projects', `{"name":"${'x'.repeat(1024 * 1024)}"}`);
    expectError(answer, 413, 'PAYLOAD_TOO_LARGE');
  });
});

describe('GraphQL operations', () => {
  it('answers 400 for an unknown operationName', async () => {
    const ws = await vexil.workspace();
    const answer = await vexil.http('POST', '/graphql', {
      token: ws.account.accessToken,
      body: { query: 'query A { __typename }', operationName: 'Nope' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/Unknown operation named "Nope"/),
        extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
      }),
    ]);
  });

  it('refuses a mutation of two root fields with 400 and writes neither', async () => {
    const ws = await vexil.workspace();
    const answer = await vexil.http('POST', '/graphql', {
      token: ws.account.accessToken,
      body: {
        query: `mutation ($p: ID!) {
          a: createFlag(projectId: $p, input: { key: "ok", type: "boolean" }) { id }
          b: createFlag(projectId: $p, input: { key: "bad key!", type: "boolean" }) { id }
        }`,
        variables: { p: ws.projectId },
      },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/one root field/),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(await vexil.sql('select key from flags.flags where project_id = ?', [ws.projectId])).toEqual([]);
  });
});

describe('a project in the path scopes what it names', () => {
  it('DELETE /v1/projects/{P2}/environments/{env of P1} is 404 and P1 keeps its environment', async () => {
    const ws = await vexil.workspace();
    const token = ws.account.accessToken;
    const p2 = (await vexil.http('POST', '/v1/projects', { token, body: { name: 'Other' } })).body.id;
    const answer = await vexil.http('DELETE', `/v1/projects/${p2}/environments/${ws.env.dev}`, { token });
    expectError(answer, 404, 'ENVIRONMENT_NOT_FOUND');
    const kept = await vexil.http('GET', `/v1/projects/${ws.projectId}/environments/${ws.env.dev}`, {
      token,
    });
    expect(kept.status).toBe(200);
  });

  it('refuses every write through another project of the same organization, and changes nothing', async () => {
    const ws = await vexil.workspace();
    const token = ws.account.accessToken;
    await ws.createFlag('f');
    const p2 = (await vexil.http('POST', '/v1/projects', { token, body: { name: 'Other' } })).body.id;
    const other = `/v1/projects/${p2}`;
    const before = await tenantSnapshot(ws.account.organizationId);
    const attempts: [string, string, unknown][] = [
      ['PUT', `${other}/environments/${ws.env.dev}`, { name: 'renamed' }],
      ['POST', `${other}/environments/${ws.env.dev}/clone`, { name: 'Copy', slug: 'copy' }],
      ['PUT', `${other}/flags/f/environments/${ws.env.dev}`, { enabled: true }],
      ['POST', `${other}/flags/f/kill`, { env_id: ws.env.dev }],
      ['POST', `${other}/flags/f/promote`, { source_env_id: ws.env.dev, target_env_id: ws.env.staging }],
      ['POST', `${other}/flags/f/rollback`, { env_id: ws.env.dev, version: 1 }],
      [
        'POST',
        `${other}/flags/sync-environments`,
        { source_env_id: ws.env.dev, target_env_id: ws.env.staging, flag_keys: ['f'] },
      ],
      ['DELETE', `${other}/flags/f`, undefined],
    ];
    for (const [method, path, body] of attempts) {
      const answer = await vexil.http(method, path, { token, ...(body ? { body } : {}) });
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
    }
    const compared = await vexil.http(
      'GET',
      `${other}/flags/compare-environments?source_env_id=${ws.env.dev}&target_env_id=${ws.env.staging}`,
      { token },
    );
    expect(compared.status).toBe(404);
    expect(await tenantSnapshot(ws.account.organizationId)).toEqual(before);
  });
});

describe('graphql-ws frames', () => {
  it('closes the socket with 1009 on a 2 MiB frame, without echoing it', async () => {
    const ws = await vexil.workspace();
    const socket = new WebSocket(`${vexil.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const received: string[] = [];
    socket.on('message', (data) => received.push(String(data).slice(0, 40)));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(
      JSON.stringify({
        type: 'connection_init',
        payload: { authorization: `Bearer ${ws.account.accessToken}` },
      }),
    );
    await new Promise((resolve) => socket.once('message', resolve));
    expect(received).toEqual([expect.stringContaining('connection_ack')]);
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    socket.send(JSON.stringify({ type: 'ping', payload: { data: 'x'.repeat(2 * 1024 * 1024) } }));
    expect(await closed).toBe(1009);
    expect(received).toHaveLength(1);
  });
});

/** Every row of an organization's flags data, to show that refused requests changed nothing. */
async function tenantSnapshot(organizationId: string) {
  const rows = async (table: string) =>
    vexil.sql(`select * from flags.${table} where organization_id = ? order by id`, [organizationId]);
  return {
    projects: await rows('projects'),
    environments: await rows('environments'),
    flags: await rows('flags'),
    configs: await rows('flag_configs'),
  };
}
