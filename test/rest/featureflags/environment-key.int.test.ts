import { sharedTestPlatform } from '@vexil/testing';

// FeatureFlags gives each environment one `ff_live_` key, which `regenerate-key` replaces (routes.md §2.2).

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const sync = (key: string) =>
  vexil.http('GET', '/featureflags/v1/flags', { headers: { authorization: `Bearer ${key}` } });

describe('FeatureFlags regenerate-key', () => {
  it('issues an ff_live_ key the package syncs with, and revokes the one before it at once', async () => {
    const ws = await vexil.workspace();
    await ws.createFlag('new-checkout');
    const vexilKey = (await ws.apiKey('server', 'production')).key;
    const regenerate = () =>
      vexil.http('POST', `/api/environments/${ws.env.production}/regenerate-key`, {
        token: ws.account.accessToken,
      });

    const first = await regenerate();
    expect(first.status).toBe(200);
    // Like every management answer, inside Laravel's `data`.
    expect(Object.keys(first.body)).toEqual(['data']);
    first.body = first.body.data;
    expect(first.body).toEqual({
      environment_id: ws.env.production,
      api_key: expect.stringMatching(/^ff_live_[A-Za-z0-9]{32}$/),
      key_prefix: first.body.api_key.slice(0, 12),
      created_at: expect.any(String),
    });
    const synced = await sync(first.body.api_key);
    expect(synced.status).toBe(200);
    expect(synced.body.flags.map((flag: { key: string }) => flag.key)).toEqual(['new-checkout']);

    const second = await regenerate();
    second.body = second.body.data;
    expect(second.body.api_key).not.toBe(first.body.api_key);
    expect(await sync(first.body.api_key)).toMatchObject({
      status: 401,
      body: { message: 'Unauthenticated.' },
    });
    expect((await sync(second.body.api_key)).status).toBe(200);
    // The environment's keys of other formats keep working.
    expect((await sync(vexilKey)).status).toBe(200);

    const stored = await vexil.sql(
      'select format, revoked_at is null as live from identity.api_keys where environment_id = ? order by created_at',
      [ws.env.production],
    );
    expect(stored).toEqual([
      { format: 'vexil', live: true },
      { format: 'featureflags', live: false },
      { format: 'featureflags', live: true },
    ]);
  });

  it("refuses another organization's environment, environment keys and anonymous callers", async () => {
    const ws = await vexil.workspace();
    const stranger = await vexil.workspace();
    const path = `/featureflags/v1/environments/${ws.env.production}/regenerate-key`;
    expect(await vexil.http('POST', path, { token: stranger.account.accessToken })).toMatchObject({
      status: 404,
      body: { message: 'Resource not found.' },
    });
    expect(await vexil.http('POST', path)).toMatchObject({
      status: 401,
      body: { message: 'Unauthenticated.' },
    });
    const key = (await ws.apiKey('server', 'production')).key;
    const withKey = await vexil.http('POST', path, { headers: { authorization: `Bearer ${key}` } });
    expect(withKey.status).toBe(403);
    expect(withKey.body).toEqual({ message: 'This action is unauthorized.' });
    const stored = await vexil.sql(
      'select count(*)::int as n from identity.api_keys where environment_id = ?',
      [ws.env.production],
    );
    expect(stored).toEqual([{ n: 1 }]);
  });

  it('issues keys in any format through the graph, server keys only in the one-key products’ formats', async () => {
    const ws = await vexil.workspace();
    const create = (input: Record<string, unknown>) =>
      ws.gql(
        `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { format } } }`,
        {
          input: { environmentId: ws.env.dev, name: 'k', ...input },
        },
      );
    const issued = await create({ format: 'featureflags' });
    expect(issued.data.createApiKey).toEqual({
      key: expect.stringMatching(/^ff_live_/),
      apiKey: { format: 'featureflags' },
    });
    for (const [input, message] of [
      [{ format: 'featureflags', type: 'client' }, /server keys/],
      [{ format: 'launchdarkly' }, /must be one of vexil, featureflags, phaseflag/],
    ] as const) {
      const refused = await create(input);
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'VALIDATION_FAILED' } });
      expect(JSON.stringify(refused.errors)).toMatch(message);
    }
  });
});
