import { sharedTestPlatform } from '@vexil/testing';
import { expectError } from '../../harness/featuresignals.js';

// Issue 14: the FeatureSignals SDKs' own tracking calls, as their ABM clients send them (read in the
// SDKs' source): Node, Python and Go post a bare JSON array to `/v1/abm/track/batch`, Java and .NET to
// `/v1/client/{envKey}/abm/track`, with `Authorization: Bearer <key>`, and retry unless the answer is 202.

const vexil = sharedTestPlatform();
afterAll(() => vexil.dispose());

const event = (action: string) => ({
  behavior_key: 'search-ranking',
  agent_id: 'agent-7',
  agent_type: 'support-bot',
  variant: 'semantic',
  action,
  recorded_at: '2026-12-01T10:00:00Z',
});

describe('FeatureSignals ABM tracking', () => {
  it('stores batches and single events as sent, and answers 202', async () => {
    const ws = await vexil.workspace();
    const { key } = await ws.apiKey('server', 'production');
    const authorization = `Bearer ${key}`;
    const post = (path: string, body: unknown) =>
      vexil.http('POST', path, { headers: { authorization, 'content-type': 'application/json' }, body });

    const batch = await post('/v1/abm/track/batch', [event('search.ranked'), event('behavior.applied')]);
    expect({ status: batch.status, text: batch.text }).toEqual({ status: 202, text: '' });
    // Java's Gson keeps the client's own field names.
    const java = await post('/v1/client/production/abm/track', [
      { behaviorKey: 'search-ranking', agentId: 'agent-8', variant: 'semantic', action: 'search.ranked' },
    ]);
    expect(java.status).toBe(202);
    expect((await post('/v1/abm/track', event('single'))).status).toBe(202);

    const stored = await vexil.sql(
      `select data from analytics.sdk_events where environment_id = ? and kind = 'behavior'`,
      [ws.env.production],
    );
    // Stored as jsonb, which orders keys its own way: compared key-sorted.
    const sorted = (events: object[]) =>
      events.map((data) => JSON.stringify(data, Object.keys(data).sort())).sort();
    expect(sorted(stored.map((row) => row.data))).toEqual(
      sorted([
        event('behavior.applied'),
        { behaviorKey: 'search-ranking', agentId: 'agent-8', variant: 'semantic', action: 'search.ranked' },
        event('search.ranked'),
        event('single'),
      ]),
    );
  });

  it('refuses another environment’s path, bad batches and no key, storing nothing', async () => {
    const ws = await vexil.workspace();
    const { key } = await ws.apiKey('server', 'production');
    const headers = { authorization: `Bearer ${key}` };
    expectError(
      await vexil.http('POST', '/v1/client/staging/abm/track', { headers, body: [event('x')] }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
    expectError(
      await vexil.http('POST', '/v1/abm/track/batch', { headers, body: [] }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await vexil.http('POST', '/v1/abm/track/batch', { headers, body: [1, 2] }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await vexil.http('POST', '/v1/abm/track', { headers, body: [event('x')] }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await vexil.http('POST', '/v1/abm/track', { headers, body: { agent_id: 'a' } }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await vexil.http('POST', '/v1/abm/track/batch', { body: [event('x')] }),
      401,
      'UNAUTHENTICATED',
    );
    const stored = await vexil.sql(
      `select count(*)::int as n from analytics.sdk_events where environment_id = ?`,
      [ws.env.production],
    );
    expect(stored[0]!.n).toBe(0);
  });
});
