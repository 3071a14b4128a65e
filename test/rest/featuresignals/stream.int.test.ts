import { sharedTestPlatform, sseReader } from '@vexil/testing';

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

describe('FeatureSignals SSE stream', () => {
  it('opens with connected, then sends flag-update for changes of its environment only', async () => {
    const ws = await vexil.workspace();
    const key = (
      await vexil.http('POST', `/v1/environments/${ws.env.production}/api-keys`, {
        token: ws.account.accessToken,
        body: { name: 'sse', type: 'client' },
      })
    ).body.key;
    const abort = new AbortController();
    const response = await fetch(`${vexil.url}/v1/stream/production?api_key=${key}`, {
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const next = sseReader(response.body!).nextEvent;
    expect(await next()).toEqual({ event: 'connected', data: { env_id: ws.env.production } });

    const { data } = await ws.gql(
      `mutation ($p: ID!) { createFlag(projectId: $p, input: { key: "streamed", type: "boolean" }) { id } }`,
      { p: ws.projectId },
    );
    const flagId = data.createFlag.id;
    expect(await next()).toEqual({
      event: 'flag-update',
      data: { type: 'flag_update', env_id: ws.env.production, flag_id: flagId, action: 'flag.created' },
    });
    const toggle = (environmentId: string) =>
      ws.gql(
        `mutation ($f: ID!, $e: ID!) { setFlagEnabled(flagId: $f, environmentId: $e, enabled: true) { version } }`,
        { f: flagId, e: environmentId },
      );
    await toggle(ws.env.dev);
    await toggle(ws.env.production);
    expect(await next()).toEqual({
      event: 'flag-update',
      data: { type: 'flag_update', env_id: ws.env.production, flag_id: flagId, action: 'flag.toggled' },
    });
    abort.abort();
  });

  it('ends an open stream when its key is revoked', async () => {
    const ws = await vexil.workspace();
    const { id, key } = await ws.apiKey('server');
    const abort = new AbortController();
    const response = await fetch(`${vexil.url}/v1/stream/production`, {
      headers: { 'x-api-key': key },
      signal: abort.signal,
    });
    const stream = sseReader(response.body!);
    expect(await stream.nextEvent()).toEqual({ event: 'connected', data: { env_id: ws.env.production } });
    const revoked = await vexil.http('DELETE', `/v1/api-keys/${id}`, { token: ws.account.accessToken });
    expect(revoked.status).toBe(204);
    const timeout = setTimeout(() => abort.abort(), 2000);
    await expect(stream.next()).rejects.toThrow('stream ended');
    clearTimeout(timeout);
  });

  it('refuses a missing key (401) and another environment’s key (403) in the v1 error shape', async () => {
    const ws = await vexil.workspace();
    const key = (
      await vexil.http('POST', `/v1/environments/${ws.env.dev}/api-keys`, {
        token: ws.account.accessToken,
        body: { name: 'sse', type: 'server' },
      })
    ).body.key;
    const none = await vexil.http('GET', '/v1/stream/dev');
    expect(none.status).toBe(401);
    const wrong = await vexil.http('GET', '/v1/stream/production', { headers: { 'x-api-key': key } });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toBe('API key does not belong to environment production');
  });
});
