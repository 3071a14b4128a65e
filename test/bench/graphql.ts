// `BENCH_ONLY=graphql npm run bench`: the GraphQL read path (issue 16). Nested reads of growing depth
// through the gateway, each measured right after a bare @apollo/server answering `{ ok }` in the same
// round, and the platform's resident memory idle and under load.
import autocannon from 'autocannon';
import { createBenchFlag, signUp } from './bench-api.js';
import { residentBytes, startChild, startPlatform, stopChildren } from './bench-processes.js';
import { printTable } from './print-table.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);

const QUERIES: [string, string][] = [
  ['{ __typename } (gateway only)', '{ __typename }'],
  ['{ me { email } } (one subgraph, one row)', '{ me { email } }'],
  ['organization → projects', '{ organization { projects { nodes { name } } } }'],
  [
    'dashboard: projects → environments + flags(first: 50)',
    `{ organization { name projects { nodes { name environments { nodes { key name } }
      flags(first: 50) { totalCount nodes { key name type tags } } } } } }`,
  ],
];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const post = (url: string, query: string, headers: Record<string, string> = {}): autocannon.Options => ({
  url,
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify({ query }),
  connections: CONNECTIONS,
  duration: SECONDS,
});

try {
  const [basePort, gatewayPort] = [18083, 18082];
  await startChild('test/dist/bench/graphql-baseline-server.js', [String(basePort)]);
  const { url: gateway, child } = await startPlatform(gatewayPort);
  const account = await signUp(gateway);
  for (let i = 0; i < 50; i++) await createBenchFlag(account, `flag-${i}`);
  const idle = residentBytes(child.pid!);
  console.log(`${CONNECTIONS} connections, ${SECONDS} s per measurement, ${ROUNDS} rounds`);
  const runs = new Map(
    QUERIES.map(([name]) => [
      name,
      [] as { rps: number; p50: number; p99: number; ratio: number; errors: number }[],
    ]),
  );
  const baselines: number[] = [];
  let peak = idle;
  for (let round = 1; round <= ROUNDS; round++) {
    console.log(`round ${round}/${ROUNDS}…`);
    for (const [name, query] of QUERIES) {
      const base = await autocannon(post(`http://127.0.0.1:${basePort}/`, '{ ok }'));
      const result = await autocannon(post(`${gateway}/graphql`, query, account.auth));
      peak = Math.max(peak, residentBytes(child.pid!));
      baselines.push(base.requests.average);
      runs.get(name)!.push({
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        ratio: result.requests.average / base.requests.average,
        errors: result.errors + result.non2xx,
      });
    }
  }
  printTable(
    ['query', 'req/s (median)', 'p50 ms', 'p99 ms', 'errors', 'vs bare @apollo/server (median)'],
    [
      ['bare @apollo/server `{ ok }`', Math.round(median(baselines)), '–', '–', 0, '1.00'],
      ...[...runs].map(([name, results]) => [
        name,
        Math.round(median(results.map((r) => r.rps))),
        median(results.map((r) => r.p50)),
        median(results.map((r) => r.p99)),
        results.reduce((sum, r) => sum + r.errors, 0),
        median(results.map((r) => r.ratio)).toFixed(3),
      ]),
    ],
  );
  const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
  console.log(`\nplatform RSS: idle ${mib(idle)}, peak under load ${mib(peak)}`);
} finally {
  await stopChildren();
}
