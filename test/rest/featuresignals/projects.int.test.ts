import { sharedTestPlatform } from '@vexil/testing';

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const ISO = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/);

describe('FeatureSignals /v1 projects and environments', () => {
  it('lists, creates, reads, renames and deletes projects in the v1 shapes', async () => {
    const ws = await vexil.workspace();
    const token = ws.account.accessToken;
    const list = await vexil.http('GET', '/v1/projects', { token });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      data: [{ id: ws.projectId, name: 'Default', slug: 'default', created_at: ISO, updated_at: ISO }],
      total: 1,
      limit: 50,
      offset: 0,
      has_more: false,
    });

    const created = await vexil.http('POST', '/v1/projects', { token, body: { name: 'Web App' } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'Web App',
      slug: 'web-app',
      created_at: ISO,
      updated_at: ISO,
    });
    const duplicate = await vexil.http('POST', '/v1/projects', {
      token,
      body: { name: 'Again', slug: 'web-app' },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('PROJECT_SLUG_CONFLICT');

    const id = created.body.id;
    expect((await vexil.http('PUT', `/v1/projects/${id}`, { token, body: { name: 'Web' } })).body.name).toBe(
      'Web',
    );
    expect((await vexil.http('GET', `/v1/projects/${id}`, { token })).body.slug).toBe('web-app');
    expect((await vexil.http('DELETE', `/v1/projects/${id}`, { token })).status).toBe(204);
    expect((await vexil.http('GET', `/v1/projects/${id}`, { token })).status).toBe(404);
  });

  it('pages the list with limit and offset', async () => {
    const ws = await vexil.workspace();
    const token = ws.account.accessToken;
    for (const name of ['B', 'C']) await vexil.http('POST', '/v1/projects', { token, body: { name } });
    const page = await vexil.http('GET', '/v1/projects?limit=1&offset=1', { token });
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1, has_more: true });
    expect(page.body.data).toHaveLength(1);
  });

  it('serves the dashboard counts', async () => {
    const ws = await vexil.workspace();
    await ws.gql(
      `mutation ($p: ID!) { createFlag(projectId: $p, input: { key: "a", type: "boolean" }) { id } }`,
      { p: ws.projectId },
    );
    const dashboard = await vexil.http('GET', `/v1/projects/${ws.projectId}/dashboard`, {
      token: ws.account.accessToken,
    });
    expect(dashboard.body).toEqual({
      total_flags: 1,
      total_environments: 3,
      active_flags: 1,
      archived_flags: 0,
      rolled_out_flags: 0,
      deprecated_flags: 0,
    });
  });

  it('lists, creates, reads, clones and deletes environments, slug being the key', async () => {
    const ws = await vexil.workspace();
    const token = ws.account.accessToken;
    const base = `/v1/projects/${ws.projectId}/environments`;
    const list = await vexil.http('GET', base, { token });
    expect(list.body.data.map((e: { slug: string }) => e.slug)).toEqual(['dev', 'staging', 'production']);
    const created = await vexil.http('POST', base, { token, body: { name: 'QA', color: '#123456' } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'QA',
      slug: 'qa',
      color: '#123456',
      created_at: ISO,
    });
    expect((await vexil.http('GET', `${base}/${created.body.id}`, { token })).body.slug).toBe('qa');
    const clone = await vexil.http('POST', `${base}/${ws.env.production}/clone`, {
      token,
      body: { name: 'Prod 2', slug: 'prod-2' },
    });
    expect(clone.status).toBe(201);
    expect(clone.body.slug).toBe('prod-2');
    expect((await vexil.http('DELETE', `${base}/${created.body.id}`, { token })).status).toBe(204);
    expect((await vexil.http('GET', `${base}/${created.body.id}`, { token })).status).toBe(404);
  });

  it('rejects bad input with 400 and writes nothing', async () => {
    const ws = await vexil.workspace();
    const token = ws.account.accessToken;
    const base = `/v1/projects/${ws.projectId}/environments`;
    expect((await vexil.http('POST', '/v1/projects', { token, body: {} })).status).toBe(400);
    expect((await vexil.http('POST', '/v1/projects', { token, body: { name: 12 } })).status).toBe(400);
    expect(
      (await vexil.http('POST', '/v1/projects', { token, body: { name: 'X', slug: 'Not A Slug' } })).status,
    ).toBe(400);
    expect((await vexil.http('POST', base, { token, body: { name: 'Y', color: 'blue' } })).status).toBe(400);
    expect((await vexil.http('GET', '/v1/projects', { token })).body.total).toBe(1);
    expect((await vexil.http('GET', base, { token })).body.total).toBe(3);
  });

  it('answers another organization’s projects and environments as 404', async () => {
    const alice = await vexil.workspace();
    const mallory = await vexil.workspace();
    const token = mallory.account.accessToken;
    expect((await vexil.http('GET', `/v1/projects/${alice.projectId}`, { token })).status).toBe(404);
    expect((await vexil.http('GET', `/v1/projects/${alice.projectId}/environments`, { token })).status).toBe(
      404,
    );
    expect((await vexil.http('DELETE', `/v1/projects/${alice.projectId}`, { token })).status).toBe(404);
    expect(
      (await vexil.http('GET', `/v1/projects/${mallory.projectId}/environments/${alice.env.dev}`, { token }))
        .status,
    ).toBe(404);
    expect(
      (
        await vexil.http('GET', `/v1/projects/${alice.projectId}/environments/${alice.env.dev}`, {
          token: alice.account.accessToken,
        })
      ).status,
    ).toBe(200);
  });
});
