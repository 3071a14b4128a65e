import { startTestPlatform, type TestPlatform } from '@vexil/testing';

// Each test stops a subgraph of a platform of its own, as a crashed or unreachable service process would.
let vexil: TestPlatform;
beforeEach(async () => {
  vexil = await startTestPlatform();
});
afterEach(() => vexil?.dispose());

describe('a subgraph down', () => {
  it('fails only its own fields, with an error naming it; the other subgraphs still answer', async () => {
    const ws = await vexil.workspace({ org_name: 'Half Up' });
    await vexil.stopService('billing');
    const answer = await ws.gql(`{ organization { name subscription { plan } } }`);
    expect(answer.data).toEqual({ organization: { name: 'Half Up', subscription: null } });
    expect(answer.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('billing'),
        extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', service: 'billing' }),
      }),
    ]);
    const ready = await vexil.http('GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.subgraphs).toMatchObject({ billing: 'unreachable', identity: 'ready' });
  });

  it('answers REST writes that need it with 503 and Retry-After', async () => {
    const ws = await vexil.workspace();
    await vexil.stopService('flags');
    const answer = await vexil.http('POST', `/v1/projects/${ws.projectId}/flags`, {
      token: ws.account.accessToken,
      body: { key: 'later', name: 'Later', flag_type: 'boolean' },
    });
    expect(answer.status).toBe(503);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(answer.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });

  it('keeps SDK evaluation on the last known ruleset, says so in /readyz, and 503s an unknown one', async () => {
    const ws = await vexil.workspace();
    const flagId = await ws.createFlag('steady');
    const production = (await ws.apiKey('server', 'production')).key;
    const staging = (await ws.apiKey('server', 'staging')).key;
    const evaluate = (key: string) =>
      vexil.http('POST', '/v1/evaluate', {
        headers: { 'x-api-key': key },
        body: { flag_key: 'steady', context: { key: 'user-1' } },
      });
    expect((await evaluate(production)).body.value).toBe(false);
    // A change drops the cached ruleset; the flags subgraph goes away before it is loaded again.
    await ws.setEnabled(flagId, 'production', true);
    await vexil.stopService('flags');

    const served = await evaluate(production);
    expect(served.status).toBe(200);
    expect(served.body.value).toBe(false);
    const ready = await vexil.http('GET', '/readyz');
    expect(ready.body).toMatchObject({
      status: 'unavailable',
      subgraphs: { flags: 'unreachable' },
      edge: { servingLastKnownRulesets: 1 },
    });
    // Never loaded before the outage: nothing to serve, and the SDK is told to come back.
    const unknown = await evaluate(staging);
    expect(unknown.status).toBe(503);
    expect(unknown.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
