import { eventually, sharedTestPlatform } from '@vexil/testing';

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

// routes.md §1.0 (FeatureSignals). Flagify's references say nothing, so its SDK routes keep no-store;
// it serves no management rows yet.
describe('Cache-Control of REST responses', () => {
  it('is private, no-cache on management routes and no-store on SDK routes, failures included', async () => {
    const ws = await vexil.workspace();
    const { key } = await ws.apiKey('server', 'production');
    const token = ws.account.accessToken;
    const cacheControl = async (method: string, path: string, options: Parameters<typeof vexil.http>[2]) => {
      const answer = await vexil.http(method, path, options);
      return [answer.status, answer.headers.get('cache-control')];
    };

    expect(await cacheControl('GET', '/v1/projects', { token })).toEqual([200, 'private, no-cache']);
    expect(await cacheControl('GET', `/v1/projects/${ws.projectId}/flags/missing`, { token })).toEqual([
      404,
      'private, no-cache',
    ]);
    expect(
      await cacheControl('POST', '/v1/evaluate', {
        headers: { 'x-api-key': key },
        body: { flag_key: 'missing', context: { key: 'user-1' } },
      }),
    ).toEqual([200, 'no-store']);
    expect(await cacheControl('POST', '/v1/evaluate', { headers: { 'x-api-key': key }, body: {} })).toEqual([
      400,
      'no-store',
    ]);
    // A polled SDK route sends an ETag: it may be kept, and revalidated on every use.
    expect(await cacheControl('GET', '/flagify/v1/eval/flags', { headers: { 'x-api-key': key } })).toEqual([
      200,
      'private, no-cache',
    ]);
  });

  it.each([
    ['Flagify', '/flagify/v1/eval/flags'],
    ['FeatureSignals', '/v1/client/production/flags?key=user-1'],
  ])(
    '%s polling: an ETag, 304 while nothing changes, 200 with a new ETag after a change',
    async (_name, path) => {
      const ws = await vexil.workspace();
      const { key } = await ws.apiKey('server', 'production');
      const flagId = await ws.createFlag('banner');
      const headers = { 'x-api-key': key };
      const first = await vexil.http('GET', path, { headers });
      const etag = first.headers.get('etag');
      expect([first.status, etag]).toEqual([200, expect.stringMatching(/^W\/"[\w-]+"$/)]);

      const unchanged = await vexil.http('GET', path, { headers: { ...headers, 'if-none-match': etag! } });
      expect([unchanged.status, unchanged.text, unchanged.headers.get('etag')]).toEqual([304, '', etag]);
      const listed = await vexil.http('GET', path, {
        headers: { ...headers, 'if-none-match': `W/"other", ${etag}` },
      });
      expect(listed.status).toBe(304);

      await ws.mutate(
        `mutation ($f: ID!, $e: ID!) { setFlagEnabled(flagId: $f, environmentId: $e, enabled: true) { version } }`,
        { f: flagId, e: ws.env.production },
      );
      const changed = await eventually(
        () => vexil.http('GET', path, { headers: { ...headers, 'if-none-match': etag! } }),
        (answer) => answer.status !== 304,
      );
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(etag);
    },
  );
});
