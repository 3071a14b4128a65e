import { sseReader, startTestPlatform, type TestPlatform } from '@vexil/testing';
import { expectFlagifyError, flagifyWorkspace } from '../../harness/flagify.js';

let vexil: TestPlatform;
beforeAll(async () => {
  // Short heartbeats so that a test can see one without waiting 15 s.
  vexil = await startTestPlatform({ SSE_HEARTBEAT_MS: '100' });
});
afterAll(() => vexil?.dispose());

const PATHS = ['/flagify/v1/eval/flags/stream', '/flagify/v1/eval/stream'];

/** Opens a stream as Flagify's SDK does; the abort controller ends it. */
async function open(path: string, headers: Record<string, string>) {
  const abort = new AbortController();
  const response = await fetch(`${vexil.url}${path}`, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  return { response, abort };
}

describe.each(PATHS)('Flagify SSE at %s', (path) => {
  it('opens with retry, connected and initial_sync equal to /eval/flags, then a flag_change per change', async () => {
    const ws = await flagifyWorkspace(vexil);
    const created = await ws.gql(
      `mutation ($p: ID!) { createFlag(projectId: $p, input: { key: "existing", type: "boolean" }) { id } }`,
      { p: ws.projectId },
    );
    const { response, abort } = await open(path, { 'x-api-key': ws.key });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const stream = sseReader(response.body!);
    expect(await stream.next()).toEqual({ retry: 1000 });
    expect(await stream.nextEvent()).toEqual({
      event: 'connected',
      data: { environmentId: ws.env.production },
    });
    const sync = await stream.nextEvent();
    const flags = await vexil.http('GET', '/flagify/v1/eval/flags', { headers: { 'x-api-key': ws.key } });
    expect(sync).toEqual({ event: 'initial_sync', data: flags.body });
    expect(sync.data.map((flag: { key: string }) => flag.key)).toEqual(['existing']);

    const change = (flagKey: string, action: string) => ({
      event: 'flag_change',
      data: { environmentId: ws.env.production, flagKey, action },
    });
    const toggle = (environmentId: string) =>
      ws.gql(
        `mutation ($f: ID!, $e: ID!) { setFlagEnabled(flagId: $f, environmentId: $e, enabled: true) { version } }`,
        { f: created.createFlag.id, e: environmentId },
      );
    await toggle(ws.env.dev);
    await toggle(ws.env.production);
    expect(await stream.nextEvent()).toEqual(change('existing', 'updated'));
    await ws.gql(
      `mutation ($p: ID!) { createFlag(projectId: $p, input: { key: "fresh", type: "boolean" }) { id } }`,
      { p: ws.projectId },
    );
    expect(await stream.nextEvent()).toEqual(change('fresh', 'created'));
    await ws.gql(`mutation ($p: ID!) { archiveFlag(projectId: $p, key: "existing") { id } }`, {
      p: ws.projectId,
    });
    expect(await stream.nextEvent()).toEqual(change('existing', 'archived'));
    abort.abort();
  });

  it('ends an open stream when its key is revoked', async () => {
    const ws = await flagifyWorkspace(vexil, 'server');
    const { response, abort } = await open(path, { 'x-secret-key': ws.key });
    const stream = sseReader(response.body!);
    expect(await stream.nextEvent()).toMatchObject({ event: 'connected' });
    const revoked = await vexil.http('DELETE', `/v1/api-keys/${ws.keyId}`, { token: ws.account.accessToken });
    expect(revoked.status).toBe(204);
    const timeout = setTimeout(() => abort.abort(), 2000);
    // Heartbeats may still come before the end; the stream must end, not merely go quiet.
    await expect(
      (async () => {
        for (;;) await stream.next();
      })(),
    ).rejects.toThrow('stream ended');
    clearTimeout(timeout);
  });

  it('refuses a missing key and a revoked key with 401 in Flagify’s error shape', async () => {
    const ws = await flagifyWorkspace(vexil, 'server');
    const missing = await vexil.http('GET', path);
    expectFlagifyError(missing, 401, 'unauthenticated');
    const revoked = await vexil.http('DELETE', `/v1/api-keys/${ws.keyId}`, { token: ws.account.accessToken });
    expect(revoked.status).toBe(204);
    expectFlagifyError(
      await vexil.http('GET', path, { headers: { 'x-secret-key': ws.key } }),
      401,
      'unauthenticated',
    );
  });
});

describe('Flagify SSE heartbeat', () => {
  it('sends a `: heartbeat` comment while nothing changes', async () => {
    const ws = await flagifyWorkspace(vexil);
    const { response, abort } = await open(PATHS[0]!, { 'x-api-key': ws.key });
    const stream = sseReader(response.body!);
    let message = await stream.next();
    while (message.comment === undefined) message = await stream.next();
    expect(message).toEqual({ comment: 'heartbeat' });
    abort.abort();
  });
});
