// `npm run bench` (BENCH_ONLY=subscriptions): how long one flag toggle takes to reach the last of N
// graphql-ws subscribers of one gateway, against a bare `ws` server broadcasting a payload of the same
// size to N sockets in the same run (issue 5). Target: p99 within 2× the bare broadcast, gateway RSS
// under 1 GiB at 10 000. The gateway, the bare server and the subscribers each run in their own process.
import type { ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { createBenchFlag, createServerKey, signUp, type BenchAccount } from './bench-api.js';
import { residentBytes, sharedNow, startChild, startPlatform, stopChildren } from './bench-processes.js';
import { printTable } from './print-table.js';
import type { ClientCommand, ClientReport } from './subscriber-clients.js';

const TOGGLES = Number(process.env.BENCH_TOGGLES ?? 20);
const COUNTS = (process.env.BENCH_SUBSCRIBERS ?? '1000,10000').split(',').map(Number);
const ROUND_TIMEOUT_MS = 60_000;
const [GATEWAY_PORT, BROADCAST_PORT] = [18180, 18181];
const FLAG_UPDATES = 'subscription { flagUpdates { action flagKey version flag segments } }';
const MiB = 1024 * 1024;

/** The subscriber process, as request and answer over IPC. */
class Subscribers {
  readonly #reports: ClientReport[] = [];
  readonly #waiters = new Set<() => void>();
  #failure: Error | undefined;
  #round = 0;

  constructor(private readonly child: ChildProcess) {
    child.on('message', (report: ClientReport) => {
      if (report.type === 'progress') console.log(`  ${report.open}/${report.count} sockets open`);
      else if (report.type === 'failed') this.#failure ??= new Error(`subscribers: ${report.reason}`);
      else this.#reports.push(report);
      for (const wake of this.#waiters) wake();
    });
  }

  async open(url: string, count: number, graphql?: Extract<ClientCommand, { type: 'open' }>['graphql']) {
    this.#send({ type: 'open', url, count, ...(graphql ? { graphql } : {}) });
    await this.#next((r) => r.type === 'opened', count * 100);
  }

  /**
   * One round: `start` sends the message (a toggle, a broadcast) and returns when it did so; resolves
   * with the time from just before `start` to the last subscriber's receipt, and the message's size.
   */
  async round(start: () => Promise<unknown>): Promise<{ ms: number; bytes: number }> {
    const round = ++this.#round;
    this.#send({ type: 'arm', round });
    await this.#next((r) => r.type === 'armed' && r.round === round, ROUND_TIMEOUT_MS);
    const started = sharedNow();
    const [, received] = await Promise.all([
      start(),
      this.#next((r) => r.type === 'received' && r.round === round, ROUND_TIMEOUT_MS),
    ]);
    if (received.type !== 'received') throw new Error('unreachable');
    return { ms: received.last - started, bytes: received.bytes };
  }

  async close() {
    this.#send({ type: 'close' });
    await this.#next((r) => r.type === 'closed', ROUND_TIMEOUT_MS);
  }

  #send(command: ClientCommand) {
    this.child.send(command);
  }

  /** The first report matching, taken from those already received or waited for. */
  #next(match: (report: ClientReport) => boolean, timeoutMs: number): Promise<ClientReport> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => settle(new Error(`subscribers: no answer in ${timeoutMs} ms`)),
        timeoutMs,
      );
      const settle = (error?: Error, report?: ClientReport) => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        if (error) reject(error);
        else resolve(report!);
      };
      const check = () => {
        if (this.#failure) return settle(this.#failure);
        const index = this.#reports.findIndex(match);
        if (index >= 0) settle(undefined, this.#reports.splice(index, 1)[0]);
      };
      this.#waiters.add(check);
      check();
    });
  }
}

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

async function payloadCounters(gateway: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${gateway}/metrics`)).text();
  return Object.fromEntries(
    [...text.matchAll(/vexil_subscription_payloads_total\{stage="(\w+)"\} (\d+)/g)].map(([, stage, n]) => [
      stage!,
      Number(n),
    ]),
  );
}

const summary = (samples: number[]) => ({ p50: percentile(samples, 0.5), p99: percentile(samples, 0.99) });
const ms = (value: number) => value.toFixed(1);
const mib = (bytes: number) => (bytes / MiB).toFixed(0);

try {
  console.log(
    `load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const platform = await startPlatform(GATEWAY_PORT);
  const broadcaster = await startChild('test/dist/bench/broadcast-server.js', [String(BROADCAST_PORT)]);
  const subscribers = new Subscribers(await startChild('test/dist/bench/subscriber-clients.js'));
  const account = await signUp(platform.url);
  const toggle = toggler(account, await createBenchFlag(account, 'bench-toggle'));
  const key = await createServerKey(account);
  const idleRss = residentBytes(platform.child.pid!);
  const rows: (string | number)[][] = [];
  const verdicts: string[] = [];

  for (const count of COUNTS) {
    console.log(`${count} graphql-ws subscribers on the gateway (flagUpdates, one sk_ key)…`);
    await subscribers.open(`ws://127.0.0.1:${GATEWAY_PORT}/graphql`, count, {
      connectionParams: { apiKey: key },
      query: FLAG_UPDATES,
    });
    // graphql-ws does not acknowledge a subscribe: a first toggle that reaches everyone proves them all
    // subscribed (and warms the path up); it is not counted.
    await subscribers.round(toggle);
    const subscribedRss = residentBytes(platform.child.pid!);
    const gateway: number[] = [];
    let bytes = 0;
    for (let i = 0; i < TOGGLES; i++) {
      const result = await subscribers.round(toggle);
      gateway.push(result.ms);
      bytes = result.bytes;
    }
    const afterRss = residentBytes(platform.child.pid!);
    await subscribers.close();

    console.log(`${count} sockets on the bare ws server (${bytes} B messages)…`);
    await subscribers.open(`ws://127.0.0.1:${BROADCAST_PORT}`, count);
    const broadcast = () => {
      broadcaster.send({ bytes });
      return Promise.resolve();
    };
    await subscribers.round(broadcast);
    const bare: number[] = [];
    for (let i = 0; i < TOGGLES; i++) bare.push((await subscribers.round(broadcast)).ms);
    const bareRss = residentBytes(broadcaster.pid!);
    await subscribers.close();

    const [g, b] = [summary(gateway), summary(bare)];
    rows.push(
      [count, `bare ws broadcast (${bytes} B)`, ms(b.p50), ms(b.p99), '1.00', '1.00', mib(bareRss), '–'],
      [
        count,
        'gateway flagUpdates (toggle → last subscriber)',
        ms(g.p50),
        ms(g.p99),
        (g.p50 / b.p50).toFixed(2),
        (g.p99 / b.p99).toFixed(2),
        mib(subscribedRss),
        mib(afterRss),
      ],
    );
    verdicts.push(
      `${count}: p99 ${(g.p99 / b.p99).toFixed(2)}× bare (target ≤ 2), RSS ${mib(Math.max(subscribedRss, afterRss))} MiB (target < 1024)`,
    );
  }

  printTable(
    ['subscribers', 'fan-out', 'p50 ms', 'p99 ms', 'p50 vs bare', 'p99 vs bare', 'RSS MiB', 'RSS after MiB'],
    rows,
  );
  const counters = await payloadCounters(platform.url);
  console.log(
    `\n${TOGGLES} toggles per row (plus one warm-up); gateway RSS before any subscriber: ${mib(idleRss)} MiB; ` +
      `payloads serialized ${counters.serialized ?? 0}, sent ${counters.sent ?? 0}`,
  );
  for (const verdict of verdicts) console.log(verdict);
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  stopChildren();
}
