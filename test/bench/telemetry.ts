// `BENCH_ONLY=telemetry npm run bench`: sustained ingest of evaluation events through the FeatureFlags
// telemetry route, each batch acknowledged only after its commit, against a raw COPY of the same rows
// into the same PostgreSQL server in the same run (issue 14). The server is DATABASE_URL's (a fresh
// database on it), or else a cluster of the benchmark's own (the machine's PostgreSQL 15).
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import autocannon from 'autocannon';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { startPostgresCluster, type PostgresCluster } from '@vexil/testing';
import { createServerKey, signUp } from './bench-api.js';
import { startPlatform, stopChildren } from './bench-processes.js';
import { printTable } from './print-table.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BATCH = Number(process.env.BENCH_TELEMETRY_BATCH ?? 100);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
/** Users the events are for: MAU rows are made once per user and month, as in real traffic. */
const USERS = 1000;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** One evaluation event as the Laravel package batches it (routes.md §2.1). */
const event = (index: number) => ({
  flag_key: `flag-${index % 50}`,
  value: index % 3 === 0,
  context_id: `user-${index % USERS}`,
  device_id: null,
  session_id: `session-${index % 97}`,
  request_id: `request-${index}`,
  timestamp: new Date().toISOString(),
  match_reason: index % 3 === 0 ? 'rule' : 'rollout',
  matched_rule_index: index % 3 === 0 ? 0 : -1,
});

/** The database the platform runs on, and how to end it. */
async function database(): Promise<{ url: string; close(): Promise<void> }> {
  const server = process.env.DATABASE_URL;
  if (server) {
    const name = `vexil_bench_telemetry_${Date.now()}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      async close() {
        const again = new pg.Client({ connectionString: server });
        await again.connect();
        await again.query(`drop database if exists ${name} with (force)`);
        await again.end();
      },
    };
  }
  const cluster: PostgresCluster = await startPostgresCluster();
  return { url: cluster.url(), close: () => cluster.dispose() };
}

/** Rows per second a raw COPY of `rows` events (the sdk_events row shape) reaches on the same server. */
async function rawCopy(url: string, rows: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create table if not exists bench_copy (like analytics.sdk_events)`);
    await client.query('truncate bench_copy');
    const organization = randomUUID();
    const environment = randomUUID();
    const key = randomUUID();
    // Rows go out a thousand at a time: one stream chunk per row would measure the stream, not COPY.
    const lines = function* () {
      const receivedAt = new Date().toISOString();
      let chunk = '';
      for (let index = 0; index < rows; index++) {
        const data = JSON.stringify(event(index)).replace(/\\/g, '\\\\');
        chunk += `${randomUUID()}\t${organization}\t${environment}\t${key}\tevaluation\t${data}\t${receivedAt}\n`;
        if (index % 1000 === 999) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    };
    const started = performance.now();
    await pipeline(Readable.from(lines()), client.query(copyFrom('copy bench_copy from stdin')));
    return rows / ((performance.now() - started) / 1000);
  } finally {
    await client.query('drop table if exists bench_copy').catch(() => {});
    await client.end();
  }
}

const store = await database();
try {
  process.env.DATABASE_URL = store.url;
  const { url: gateway } = await startPlatform(18090);
  const key = await createServerKey(await signUp(gateway));
  const body = JSON.stringify({ events: Array.from({ length: BATCH }, (_, index) => event(index)) });
  console.log(
    `each round: raw COPY of ${SECONDS * 20_000} rows, then ${CONNECTIONS} connections posting batches of ${BATCH} events for ${SECONDS} s; ${ROUNDS} rounds`,
  );
  const copies: number[] = [];
  const ingests: { events: number; p50: number; p99: number; errors: number; ratio: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    console.log(`round ${round}/${ROUNDS}…`);
    const copy = await rawCopy(store.url, SECONDS * 20_000);
    const result = await autocannon({
      url: `${gateway}/featureflags/v1/telemetry`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body,
      connections: CONNECTIONS,
      duration: SECONDS,
    });
    const events = result.requests.average * BATCH;
    copies.push(copy);
    ingests.push({
      events,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx,
      ratio: events / copy,
    });
  }
  printTable(
    ['target', 'rows/s (median)', 'ack p50 ms', 'ack p99 ms', 'errors', 'vs raw COPY (median)', 'range'],
    [
      ['raw COPY into analytics.sdk_events’ shape', Math.round(median(copies)), '–', '–', 0, '1.00', '–'],
      [
        `POST /featureflags/v1/telemetry (${BATCH} events)`,
        Math.round(median(ingests.map((i) => i.events))),
        median(ingests.map((i) => i.p50)),
        median(ingests.map((i) => i.p99)),
        ingests.reduce((sum, i) => sum + i.errors, 0),
        median(ingests.map((i) => i.ratio)).toFixed(2),
        `${Math.min(...ingests.map((i) => i.ratio)).toFixed(2)}–${Math.max(...ingests.map((i) => i.ratio)).toFixed(2)}`,
      ],
    ],
  );
} finally {
  await stopChildren();
  await store.close();
}
