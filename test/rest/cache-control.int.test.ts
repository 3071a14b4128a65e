import { sharedTestPlatform } from '@vexil/testing';

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
    expect(await cacheControl('GET', '/flagify/v1/eval/flags', { headers: { 'x-api-key': key } })).toEqual([
      200,
      'no-store',
    ]);
  });
});
