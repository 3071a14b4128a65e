// `npm run bench`: the pure engine on the worst flag the write caps allow (issue 10), then SDK evaluation
// throughput and latency of the gateway against a bare node:http baseline measured in the same run
// (issue 4). Servers run in child processes; autocannon runs here.
import autocannon from 'autocannon';
import { createBenchFlag, createServerKey, signUp } from './bench-api.js';
import { startChild, startPlatform, stopChildren } from './bench-processes.js';
import { benchWorstCaseEngine } from './engine-worst-case.js';
import { printTable } from './print-table.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 50;

/** Registers an account and sets up 50 flags with rules in production; returns a server key. */
async function seed(gateway: string) {
  const account = await signUp(gateway);
  for (let i = 0; i < 50; i++) await createBenchFlag(account, `flag-${i}`);
  return { key: await createServerKey(account), environmentKey: 'production' };
}

interface Figures {
  name: string;
  requests: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(name: string, options: autocannon.Options): Promise<Figures> {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  return {
    name,
    requests: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** p99 of the gateway's own latency histogram for one route, in ms (upper bound of its bucket). */
async function serverP99(gateway: string, route: string): Promise<number> {
  const text = await (await fetch(`${gateway}/metrics`)).text();
  const buckets = [...text.matchAll(/vexil_http_request_duration_seconds_bucket\{([^}]*)\} (\d+)/g)]
    .filter(([, labels]) => labels!.includes(`route="${route}"`) && labels!.includes('status="200"'))
    .map(([, labels, count]) => ({ le: Number(/le="([^"]+)"/.exec(labels!)![1]), count: Number(count) }))
    .sort((a, b) => a.le - b.le);
  const total = buckets.at(-1)?.count ?? 0;
  return (buckets.find((b) => b.count >= total * 0.99)?.le ?? Number.NaN) * 1000;
}

benchWorstCaseEngine(ROUNDS);

try {
  const [basePort, gatewayPort] = [18081, 18080];
  await startChild('test/dist/bench/baseline-server.js', [String(basePort)]);
  const { url: gateway } = await startPlatform(gatewayPort);
  console.log(
    `seeding 50 flags… (each measurement: ${CONNECTIONS} connections, ${SECONDS} s; ${ROUNDS} rounds)`,
  );
  const { key, environmentKey } = await seed(gateway);
  const headers = { 'content-type': 'application/json', 'x-api-key': key };
  const context = { key: 'user-123', attributes: { plan: 'pro', country: 'US' } };
  const flagKeys = Array.from({ length: 20 }, (_, i) => `flag-${i}`);

  const baseline: autocannon.Options = { url: `http://127.0.0.1:${basePort}/`, method: 'POST', body: '{}' };
  const targets: [string, autocannon.Options][] = [
    [
      'POST /v1/evaluate',
      {
        url: `${gateway}/v1/evaluate`,
        method: 'POST',
        headers,
        body: JSON.stringify({ flag_key: 'flag-7', context }),
      },
    ],
    [
      'POST /v1/evaluate/bulk (20 flags)',
      {
        url: `${gateway}/v1/evaluate/bulk`,
        method: 'POST',
        headers,
        body: JSON.stringify({ flag_keys: flagKeys, context }),
      },
    ],
    [
      'GET /v1/client/{envKey}/flags (50 flags)',
      { url: `${gateway}/v1/client/${environmentKey}/flags?key=user-123`, headers: { 'x-api-key': key } },
    ],
  ];
  // This machine's speed drifts over a run: each target is measured right after its own baseline, in
  // several rounds, and reported by the median of its ratios.
  const baselines: Figures[] = [];
  const runs = new Map<string, { figures: Figures; ratio: number }[]>(targets.map(([name]) => [name, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    console.log(`round ${round}/${ROUNDS}…`);
    for (const [name, options] of targets) {
      const base = await measure('baseline node:http (200 B JSON)', baseline);
      const figures = await measure(name, options);
      baselines.push(base);
      runs.get(name)!.push({ figures, ratio: figures.requests / base.requests });
    }
  }
  const row = (name: string, figures: Figures[], ratios: number[] | null) => [
    name,
    Math.round(median(figures.map((f) => f.requests))),
    median(figures.map((f) => f.p50)),
    median(figures.map((f) => f.p99)),
    figures.reduce((sum, f) => sum + f.errors, 0),
    ratios ? median(ratios).toFixed(2) : '1.00',
    ratios ? `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}` : '–',
  ];
  printTable(
    ['target', 'req/s (median)', 'p50 ms', 'p99 ms', 'errors', 'vs baseline (median)', 'range'],
    [
      row('baseline node:http (200 B JSON)', baselines, null),
      ...[...runs].map(([name, results]) =>
        row(
          name,
          results.map((r) => r.figures),
          results.map((r) => r.ratio),
        ),
      ),
    ],
  );
  console.log(
    `\nserver-side p99 of POST /v1/evaluate (gateway histogram): ≤ ${await serverP99(gateway, 'POST /v1/evaluate')} ms`,
  );
} finally {
  await stopChildren();
}
