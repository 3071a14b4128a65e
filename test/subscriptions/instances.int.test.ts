import { startTestPlatform, subscribe, type TestPlatform } from '@vexil/testing';

// Several gateway instances share one database only on a PostgreSQL server: embedded PGlite lives in
// one process and its events travel on that process's bus.
const onServer = process.env.DATABASE_URL ? it : it.skip;

let vexil: TestPlatform;
// Its own platform: tests restart it and run a second gateway on its database.
beforeAll(async () => {
  vexil = await startTestPlatform();
});
afterAll(() => vexil?.dispose());

const FLAG_UPDATES = `subscription ($after: SafeInt) { flagUpdates(after: $after) { sequence action flagKey flag } }`;
const FLAG_CHANGED = `subscription ($p: ID!) {
  flagChanged(projectId: $p) { sequence action flagKey configuration { enabled } flag { project { organization { name } } } }
}`;

describe('gateway instances', () => {
  onServer(
    'a change made through one gateway reaches the subscribers of another on the same database',
    async () => {
      const other = await startTestPlatform({}, { sharing: vexil });
      try {
        const ws = await vexil.workspace({ org_name: 'Twin Gateways' });
        const sdk = subscribe(other.ws({ apiKey: (await ws.apiKey()).key }), FLAG_UPDATES);
        const dashboard = subscribe(
          other.ws({ authorization: `Bearer ${ws.account.accessToken}` }),
          FLAG_CHANGED,
          { p: ws.projectId },
        );
        await Promise.all([sdk.ready, dashboard.ready]);

        const flagId = await ws.createFlag('twin');
        await ws.setEnabled(flagId, 'production', true);

        const updates = (await sdk.received(2)).map((r) => r.data.flagUpdates);
        expect(updates.map((u) => [u.action, u.flagKey])).toEqual([
          ['flag.created', 'twin'],
          ['flag.toggled', 'twin'],
        ]);
        expect(updates[1].flag.enabled).toBe(true);
        const changes = (await dashboard.received(2)).map((r) => r.data.flagChanged);
        expect(changes.map((c) => c.action)).toEqual(['flag.created', 'flag.toggled']);
        expect(changes[1].flag.project.organization.name).toBe('Twin Gateways');
        // Both instances number changes from the same outbox.
        expect(changes.map((c) => c.sequence)).toEqual(updates.map((u) => u.sequence));
      } finally {
        await other.dispose();
      }
    },
  );

  onServer('recovers changes whose notification was lost, from the outbox', async () => {
    const ws = await vexil.workspace();
    const flagId = await ws.createFlag('lost-notification');
    const feed = subscribe(vexil.ws({ apiKey: (await ws.apiKey()).key }), FLAG_UPDATES);
    await feed.ready;
    // Cut every LISTEN connection of this database: notifications sent now reach nobody.
    await vexil.sql(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen%'`,
    );
    await ws.setEnabled(flagId, 'production', true);
    const [update] = await feed.received(1, 10_000);
    expect(update!.data.flagUpdates).toMatchObject({ action: 'flag.toggled', flag: { enabled: true } });
    feed.stop();
  });

  it('lets clients of a restarted gateway resume from their last sequence and converge on the latest state', async () => {
    const ws = await vexil.workspace();
    const key = (await ws.apiKey()).key;
    const flagId = await ws.createFlag('restart');
    const before = subscribe(vexil.ws({ apiKey: key }), FLAG_UPDATES);
    await before.ready;
    await ws.setEnabled(flagId, 'production', true);
    const [seen] = await before.received(1);
    const last = seen!.data.flagUpdates.sequence as number;

    await vexil.restart();
    // The socket went down with the gateway; changes keep coming while the client is away.
    await before.received(2);
    expect(before.failure()).toBeDefined();
    await ws.setEnabled(flagId, 'production', false);
    await ws.createFlag('restart-two');
    await ws.setEnabled(flagId, 'production', true);

    const after = subscribe(vexil.ws({ apiKey: key }), FLAG_UPDATES, { after: last });
    const updates = (await after.received(3)).map((r) => r.data.flagUpdates);
    expect(updates.map((u) => [u.action, u.flagKey])).toEqual([
      ['flag.toggled', 'restart'],
      ['flag.created', 'restart-two'],
      ['flag.toggled', 'restart'],
    ]);
    expect(updates.every((u) => u.sequence > last)).toBe(true);
    expect(updates.at(-1).flag.enabled).toBe(true);

    // And live changes follow the replay.
    await ws.setEnabled(flagId, 'production', false);
    const [, , , live] = await after.received(4);
    expect(live!.data.flagUpdates).toMatchObject({ action: 'flag.toggled', flag: { enabled: false } });
    after.stop();
  });
});
