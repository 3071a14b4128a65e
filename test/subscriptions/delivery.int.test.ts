import { LIMITS as CAPS } from '@vexil/platform';
import { startTestPlatform, subscribe, type TestPlatform } from '@vexil/testing';
import WebSocket from 'ws';

// Short limits so the tests see timeouts and cut-offs without waiting for the defaults. The keepalive
// stays long here: clients in this process, busy parsing large payloads, would miss a short ping's pong.
const LIMITS = {
  GRAPHQL_WS_INIT_TIMEOUT_MS: '300',
  GRAPHQL_WS_MAX_BUFFERED_BYTES: '65536',
  SUBSCRIPTION_QUEUE_CAPACITY: '4',
  SUBSCRIPTION_RESUME_LIMIT: '5',
};

let vexil: TestPlatform;
beforeAll(async () => {
  vexil = await startTestPlatform(LIMITS);
});
afterAll(() => vexil?.dispose());

const FLAG_UPDATES = `subscription ($after: SafeInt) { flagUpdates(after: $after) { sequence action flagKey flag } }`;

/** A raw graphql-transport-ws socket, for what the graphql-ws client hides (pings, close codes). */
function rawSocket(options: ConstructorParameters<typeof WebSocket>[2] = {}, url = vexil.url) {
  const socket = new WebSocket(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', options);
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, closed, opened };
}

async function metric(name: string, labels: string): Promise<number> {
  const { text } = await vexil.http('GET', '/metrics');
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('subscription delivery', () => {
  it('numbers every change and replays what a client missed when it resubscribes with `after`', async () => {
    const ws = await vexil.workspace();
    const { key } = await ws.apiKey();
    const flagId = await ws.createFlag('resume');
    const first = subscribe(vexil.ws({ apiKey: key }), FLAG_UPDATES);
    await first.ready;
    await ws.setEnabled(flagId, 'production', true);
    const [seen] = await first.received(1);
    const last = seen!.data.flagUpdates.sequence as number;
    expect(seen!.data.flagUpdates).toMatchObject({ action: 'flag.toggled', flagKey: 'resume' });
    first.stop();

    // While the client is away: two more changes.
    await ws.setEnabled(flagId, 'production', false);
    await ws.createFlag('resume-two');

    const again = subscribe(vexil.ws({ apiKey: key }), FLAG_UPDATES, { after: last });
    await again.ready;
    await ws.setEnabled(flagId, 'production', true);
    const results = await again.received(3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const updates = results.map((r) => r.data.flagUpdates);
    expect(updates.map((u) => [u.action, u.flagKey])).toEqual([
      ['flag.toggled', 'resume'],
      ['flag.created', 'resume-two'],
      ['flag.toggled', 'resume'],
    ]);
    const sequences = updates.map((u) => u.sequence as number);
    expect(sequences[0]).toBeGreaterThan(last);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    expect(new Set(sequences).size).toBe(3);
    // The replayed payloads carry the current state: the client converges on the latest ruleset.
    expect(updates.at(-1).flag.enabled).toBe(true);
    again.stop();
  });

  it('refuses to replay further back than the resume limit with RESUME_TOO_FAR', async () => {
    const ws = await vexil.workspace();
    const { key } = await ws.apiKey();
    const flagId = await ws.createFlag('far');
    const feed = subscribe(vexil.ws({ apiKey: key }), FLAG_UPDATES);
    await feed.ready;
    await ws.setEnabled(flagId, 'production', true);
    const [seen] = await feed.received(1);
    feed.stop();
    for (let i = 0; i < 6; i++) await ws.setEnabled(flagId, 'production', i % 2 === 0);

    const late = subscribe(vexil.ws({ apiKey: key }), FLAG_UPDATES, {
      after: seen!.data.flagUpdates.sequence,
    });
    const [result] = await late.received(1);
    expect(result!.errors?.[0]?.extensions?.code).toBe('RESUME_TOO_FAR');
  });

  it('serializes a payload once per event for all subscribers of the same subscription', async () => {
    const ws = await vexil.workspace();
    const { key } = await ws.apiKey();
    const flagId = await ws.createFlag('fan-out');
    const feeds = Array.from({ length: 5 }, () => subscribe(vexil.ws({ apiKey: key }), FLAG_UPDATES));
    await Promise.all(feeds.map((feed) => feed.ready));
    const serialized = await metric('vexil_subscription_payloads_total', 'stage="serialized"');
    const sent = await metric('vexil_subscription_payloads_total', 'stage="sent"');

    await ws.setEnabled(flagId, 'production', true);
    const received = await Promise.all(feeds.map((feed) => feed.received(1)));
    expect(received.map((results) => results[0]!.data.flagUpdates.flagKey)).toEqual(Array(5).fill('fan-out'));
    expect(new Set(received.map((results) => JSON.stringify(results[0])))).toHaveProperty('size', 1);
    expect((await metric('vexil_subscription_payloads_total', 'stage="serialized"')) - serialized).toBe(1);
    expect((await metric('vexil_subscription_payloads_total', 'stage="sent"')) - sent).toBe(5);
    feeds.forEach((feed) => feed.stop());
  });

  it('disconnects a consumer that cannot keep up while the others keep receiving', async () => {
    const ws = await vexil.workspace();
    // A JSON flag with large values makes each payload big enough to fill the socket's buffers fast; each
    // value stays within the cap on a variation's size (README, Limits).
    const big = { blob: 'x'.repeat(CAPS.variationValueBytes - 16) };
    const flagId = await ws.createFlag('big', {
      type: 'json',
      variations: [
        ...Array.from({ length: 8 }, (_, i) => ({ key: `big-${i}`, value: big })),
        { key: 'b', value: { blob: 'y' } },
      ],
    });
    // Ten copies of it per payload (aliases): ~2.5 MB per change, more than loopback buffers absorb in a few.
    const copies = Array.from({ length: 10 }, (_, i) => `v${i}: flag { variations { value } }`).join(' ');
    const query = `subscription ($p: ID!) { flagChanged(projectId: $p) { sequence ${copies} } }`;

    const slow = rawSocket();
    await slow.opened;
    slow.socket.send(
      JSON.stringify({
        type: 'connection_init',
        payload: { authorization: `Bearer ${ws.account.accessToken}` },
      }),
    );
    await new Promise<void>((resolve) => slow.socket.once('message', () => resolve()));
    slow.socket.send(
      JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables: { p: ws.projectId } } }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Stop reading: from here on everything the server sends piles up in front of this client.
    slow.socket.pause();

    const healthy = subscribe(vexil.ws({ authorization: `Bearer ${ws.account.accessToken}` }), query, {
      p: ws.projectId,
    });
    await healthy.ready;
    const toggles = 30;
    const dropped = await metric('vexil_subscription_disconnects_total', 'reason="slow"');
    for (let i = 0; i < toggles; i++) await ws.setEnabled(flagId, 'production', i % 2 === 0);
    const results = await healthy.received(toggles, 30_000);
    expect(results).toHaveLength(toggles);
    expect(
      results.every((r) => r.data.flagChanged.v9.variations[0].value.blob.length === big.blob.length),
    ).toBe(true);
    expect((await metric('vexil_subscription_disconnects_total', 'reason="slow"')) - dropped).toBe(1);
    // Reading again, the slow client finds its connection gone.
    slow.socket.resume();
    expect(await slow.closed).toBe(1006);
    healthy.stop();
  });

  it('refuses an unknown API key in connection_init as Forbidden', async () => {
    const feed = subscribe(
      vexil.ws({ apiKey: 'sk_production_unknown1_c2VjcmV0LXRoYXQtaXMtbm90' }),
      FLAG_UPDATES,
    );
    await feed.received(1);
    expect((feed.failure() as { code?: number })?.code).toBe(4403);
  });

  it('closes a socket whose API key is revoked while it is connected', async () => {
    const ws = await vexil.workspace();
    const { id, key } = await ws.apiKey();
    const feed = subscribe(vexil.ws({ apiKey: key }), FLAG_UPDATES);
    await feed.ready;
    const revoked = await vexil.http('DELETE', `/v1/api-keys/${id}`, { token: ws.account.accessToken });
    expect(revoked.status).toBe(204);
    await feed.received(1);
    expect((feed.failure() as { code?: number })?.code).toBe(4403);
  });

  it('closes a connection that never sends connection_init', async () => {
    const silent = rawSocket();
    await silent.opened;
    expect(await silent.closed).toBe(4408);
  });

  it('pings live connections and drops one that does not answer', async () => {
    const pinging = await startTestPlatform({ GRAPHQL_WS_KEEPALIVE_MS: '200' });
    const ws = await pinging.workspace();
    const live = rawSocket({ autoPong: false }, pinging.url);
    await live.opened;
    let pings = 0;
    live.socket.on('ping', () => pings++);
    live.socket.send(
      JSON.stringify({
        type: 'connection_init',
        payload: { authorization: `Bearer ${ws.account.accessToken}` },
      }),
    );
    // A client that never answers the pings is dropped after one unanswered interval.
    const code = await live.closed;
    expect(pings).toBeGreaterThanOrEqual(1);
    expect(code).toBe(1006);
    await pinging.dispose();
  });
});
