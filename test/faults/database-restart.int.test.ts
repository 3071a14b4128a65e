import {
  canStartPostgresCluster,
  startPostgresCluster,
  startTestPlatform,
  subscribe,
  type PostgresCluster,
  type TestDatabase,
  type TestPlatform,
} from '@vexil/testing';

// Restarting PostgreSQL needs a server of the test's own (never the machine's shared one). It runs in
// the server pass of the suite; the embedded pass has no server to lose.
const withCluster = process.env.DATABASE_URL && canStartPostgresCluster ? describe : describe.skip;

const FLAG_UPDATES = `subscription { flagUpdates { sequence action flagKey flag } }`;
const WRITERS = 20;
const RESTARTS = 5;

withCluster('PostgreSQL restarting under write load', () => {
  let cluster: PostgresCluster;
  let database: TestDatabase;
  let vexil: TestPlatform;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
    database = await cluster.createDatabase();
    vexil = await startTestPlatform({}, { database });
  }, 120_000);
  // The cluster goes whatever happens to the platform: a platform that cannot let go of a broken pool
  // (the bug this file guards against) must not leave a PostgreSQL server running on the machine.
  afterAll(async () => {
    const settle = (work: Promise<unknown> | undefined) =>
      Promise.race([work?.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 20_000))]);
    try {
      await settle(vexil?.dispose());
      await settle(database?.dispose());
    } finally {
      await cluster?.dispose();
    }
  }, 60_000);

  it.each(['fast', 'immediate'] as const)(
    'recovers by itself from %s restarts: every acknowledged write kept and audited, the subscriber converges',
    async (mode) => {
      const ws = await vexil.workspace();
      const token = ws.account.accessToken;
      const base = `/v1/projects/${ws.projectId}`;
      const beaconState = `${base}/flags/beacon/environments/${ws.env.production}`;
      const feed = subscribe(vexil.ws({ apiKey: (await ws.apiKey()).key }), FLAG_UPDATES);
      await feed.ready;
      expect(
        (
          await vexil.http('POST', `${base}/flags`, {
            token,
            body: { key: 'beacon', name: 'Beacon', flag_type: 'boolean' },
          })
        ).status,
      ).toBe(201);

      // The audit log's consumer is down while the writes and restarts happen; it must catch up after.
      const startAnalytics = await vexil.stopService('analytics');
      const acknowledged: string[] = [];
      const statuses = { create: new Set<number>(), toggle: new Set<number>() };
      let writing = true;
      const writers = Array.from({ length: WRITERS }, async (_, writer) => {
        for (let n = 0; writing; n++) {
          const key = `${mode}-w${writer}-${n}`;
          // Half the writers create flags (each acknowledged one must survive), half toggle the beacon.
          const answer =
            writer % 2 === 0
              ? await vexil.http('POST', `${base}/flags`, {
                  token,
                  body: { key, name: key, flag_type: 'boolean' },
                })
              : await vexil.http('PUT', beaconState, { token, body: { enabled: n % 2 === 0 } });
          statuses[writer % 2 === 0 ? 'create' : 'toggle'].add(answer.status);
          if (answer.status === 201) acknowledged.push(key);
          if (answer.status >= 500) await new Promise((resolve) => setTimeout(resolve, 50));
        }
      });

      const recoveries: number[] = [];
      for (let restart = 0; restart < RESTARTS; restart++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        await cluster.restart(mode);
        // From the moment the server accepts connections again until Vexil writes through it.
        const back = Date.now();
        for (let probe = 0; ; probe++) {
          const key = `${mode}-probe-${restart}-${probe}`;
          const answer = await vexil.http('POST', `${base}/flags`, {
            token,
            body: { key, name: key, flag_type: 'boolean' },
          });
          if (answer.status === 201) {
            acknowledged.push(key);
            break;
          }
          expect(answer.status).toBe(503);
          expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        recoveries.push(Date.now() - back);
      }
      writing = false;
      await Promise.all(writers);

      // Refusals during an outage are 503s, never another 5xx; concurrent toggles of one flag may also
      // meet a 409 (optimistic concurrency), which is an answer, not a fault.
      expect([...statuses.create].filter((status) => status !== 201 && status !== 503)).toEqual([]);
      expect([...statuses.toggle].filter((status) => ![200, 409, 503].includes(status))).toEqual([]);
      expect(Math.max(...recoveries)).toBeLessThan(5000);

      const stored = new Set(
        (
          await vexil.sql<{ key: string }>('select key from flags.flags where project_id = ?', [ws.projectId])
        ).map((row) => row.key),
      );
      expect(acknowledged.filter((key) => !stored.has(key))).toEqual([]);

      // Every acknowledged creation audited, exactly once, by the consumer started after the storm.
      await startAnalytics();
      expect((await vexil.http('GET', '/readyz')).status).toBe(200);
      const auditedKeys = async () =>
        (
          await vexil.sql<{ key: string }>(
            `select data->>'key' as key from analytics.audit_events
              where organization_id = ? and action = 'flag.created'`,
            [ws.account.organizationId],
          )
        ).map((row) => row.key);
      let audited = await auditedKeys();
      for (let wait = 0; wait < 200 && acknowledged.some((key) => !audited.includes(key)); wait++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        audited = await auditedKeys();
      }
      expect(acknowledged.filter((key) => !audited.includes(key))).toEqual([]);
      expect(audited.length).toBe(new Set(audited).size);

      // After the storm, one more change: the subscriber ends on it, through the same connection.
      const final = await vexil.http('PUT', beaconState, { token, body: { enabled: true } });
      expect(final.status).toBe(200);
      const converged = async () => {
        const beacon = feed.results.map((r) => r.data?.flagUpdates).filter((u) => u?.flagKey === 'beacon');
        return beacon.at(-1)?.flag?.enabled === true && beacon.at(-1)?.sequence;
      };
      for (let wait = 0; wait < 100 && !(await converged()); wait++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(feed.failure()).toBeUndefined();
      expect(await converged()).toBeTruthy();
      expect(feed.results.every((r) => !r.errors)).toBe(true);
      feed.stop();
    },
    180_000,
  );
});
