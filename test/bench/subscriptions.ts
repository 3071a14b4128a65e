// `npm run bench` (BENCH_ONLY=subscriptions): how long one flag toggle takes to reach the last of N
// graphql-ws subscribers of one gateway, against a bare `ws` server broadcasting a payload of the same
// size to N sockets in the same run (issue 5). Target: p99 within 2× the bare broadcast, gateway RSS
// under 1 GiB at 10 000. The gateway, the bare server and the subscribers each run in their own process.
import { cpus, loadavg } from 'node:os';
import { readGatewayConfig } from '@vexil/gateway';
import { createBenchFlag, createServerKey, signUp, type BenchAccount } from './bench-api.js';
import { residentBytes, startChild, startPlatform, stopChildren } from './bench-processes.js';
import { printTable } from './print-table.js';
import { Subscribers, type Round } from './subscribers.js';

const TOGGLES = Number(process.env.BENCH_TOGGLES ?? 20);
const COUNTS = (process.env.BENCH_SUBSCRIBERS ?? '1000,10000').split(',').map(Number);
const [GATEWAY_PORT, BROADCAST_PORT] = [18180, 18181];
const FLAG_UPDATES = 'subscription { flagUpdates { action flagKey version flag segments } }';
const MiB = 1024 * 1024;

/** Nearest-rank percentile: with 20 samples p99 is the slowest one. */
function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

/** Turns the flag on and off, one change per call, through the GraphQL API. */
function toggler(account: BenchAccount, flagId: string) {
  let enabled = true;
  return () => {
    enabled = !enabled;
    return account.graphql(
      `
        mutation ($f: ID!, $e: ID!, $on: Boolean!) {
          setFlagEnabled(flagId: $f, environmentId: $e, enabled: $on) {
            version
          }
        }
      `,
      { f: flagId, e: account.productionId, on: enabled },
    );
  };
}

/** Samples of the gateway's Prometheus metrics, by name and label text. */
async function gatewayMetrics(gateway: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${gateway}/metrics`)).text();
  return new Map(
    [...text.matchAll(/^(\w+(?:\{[^}]*\})?) (\S+)$/gm)].map(([, name, value]) => [name!, Number(value)]),
  );
}

const summary = (samples: number[]) => ({ p50: percentile(samples, 0.5), p99: percentile(samples, 0.99) });
const ms = (value: number) => value.toFixed(1);
const mib = (bytes: number) => (bytes / MiB).toFixed(0);
// The machine may be shared; how busy it was belongs beside the figures.
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

try {
  console.log(`load average before (${cpus().length} cores): ${load()}`);
  const platform = await startPlatform(GATEWAY_PORT);
  const broadcaster = await startChild('test/dist/bench/broadcast-server.js', [
    String(BROADCAST_PORT),
    String(readGatewayConfig().subscriptions.keepAliveMs),
  ]);
  // Two subscriber processes, one per server, so that gateway and bare rounds can alternate: on a shared
  // machine the load drifts, and alternating puts both under the same drift. (One process holding both
  // sets would also pass the 20 000 file descriptors allowed here at N = 10 000.)
  const toGateway = new Subscribers(await startChild('test/dist/bench/subscriber-clients.js'));
  const toBare = new Subscribers(await startChild('test/dist/bench/subscriber-clients.js'));
  const account = await signUp(platform.url);
  const toggle = toggler(account, await createBenchFlag(account, 'bench-toggle'));
  const key = await createServerKey(account);
  const idleRss = residentBytes(platform.child.pid!);
  const rows: (string | number)[][] = [];
  const verdicts: string[] = [];

  for (const count of COUNTS) {
    console.log(`${count} graphql-ws subscribers on the gateway (flagUpdates, one sk_ key)…`);
    await toGateway.open(`ws://127.0.0.1:${GATEWAY_PORT}/graphql`, count, {
      connectionParams: { apiKey: key },
      query: FLAG_UPDATES,
    });
    // graphql-ws does not acknowledge a subscribe: only a first toggle that reaches every socket says
    // they are all subscribed. It also warms the path up, and is not counted.
    const { bytes } = await toGateway.round(toggle);
    const subscribedRss = residentBytes(platform.child.pid!);
    console.log(`${count} sockets on the bare ws server (${bytes} B messages, as the gateway's)…`);
    await toBare.open(`ws://127.0.0.1:${BROADCAST_PORT}`, count);
    const broadcast = async () => broadcaster.send({ bytes });
    await toBare.round(broadcast);
    console.log(`${TOGGLES} toggles, each followed by a bare broadcast…`);
    const gateway: Round[] = [];
    const bare: Round[] = [];
    for (let i = 0; i < TOGGLES; i++) {
      gateway.push(await toGateway.round(toggle));
      bare.push(await toBare.round(broadcast));
    }
    const afterRss = residentBytes(platform.child.pid!);
    const heapUsed = (await gatewayMetrics(platform.url)).get('nodejs_heap_size_used_bytes') ?? Number.NaN;
    const bareRss = residentBytes(broadcaster.pid!);
    await toGateway.close();
    await toBare.close();

    const [g, b] = [summary(gateway.map((r) => r.last)), summary(bare.map((r) => r.last))];
    rows.push(
      [
        count,
        `bare ws broadcast (${bytes} B)`,
        ms(b.p50),
        ms(b.p99),
        '1.00',
        '1.00',
        ms(
          percentile(
            bare.map((r) => r.first),
            0.5,
          ),
        ),
        '–',
        mib(bareRss),
        '–',
      ],
      [
        count,
        'gateway flagUpdates (toggle → last subscriber)',
        ms(g.p50),
        ms(g.p99),
        (g.p50 / b.p50).toFixed(2),
        (g.p99 / b.p99).toFixed(2),
        ms(
          percentile(
            gateway.map((r) => r.first),
            0.5,
          ),
        ),
        ms(
          percentile(
            gateway.map((r) => r.start),
            0.5,
          ),
        ),
        mib(subscribedRss),
        `${mib(afterRss)} (heap ${mib(heapUsed)})`,
      ],
    );
    verdicts.push(
      `${count}: p99 ${(g.p99 / b.p99).toFixed(2)}× bare (target ≤ 2), gateway RSS ${mib(Math.max(subscribedRss, afterRss))} MiB (target < 1024)`,
    );
  }

  printTable(
    [
      'subscribers',
      'fan-out',
      'p50 ms',
      'p99 ms',
      'p50 vs bare',
      'p99 vs bare',
      'first subscriber p50 ms',
      'toggle request p50 ms',
      'RSS MiB, subscribed',
      'RSS MiB after the rounds',
    ],
    rows,
  );
  const metrics = await gatewayMetrics(platform.url);
  console.log(
    `\n${TOGGLES} rounds per row, gateway and bare alternating, after one uncounted warm-up each (percentiles by nearest rank: p99 of 20 is the ` +
      `slowest); gateway RSS before any subscriber: ${mib(idleRss)} MiB; ` +
      `payloads serialized ${metrics.get('vexil_subscription_payloads_total{stage="serialized"}')}, ` +
      `sent ${metrics.get('vexil_subscription_payloads_total{stage="sent"}')}`,
  );
  for (const verdict of verdicts) console.log(verdict);
  console.log(`load average after: ${load()}`);
} finally {
  await stopChildren();
}
