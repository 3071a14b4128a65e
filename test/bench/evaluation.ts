// `npm run bench`: SDK evaluation throughput and latency of the gateway against a bare node:http
// baseline measured in the same run (issue 4). Servers run in child processes; autocannon runs here.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const root = fileURLToPath(new URL('../../../', import.meta.url));
const children: ChildProcess[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'vexil-bench-'));

function start(script: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(join(root, script), args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    children.push(child);
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

async function waitReady(url: string) {
  for (let attempt = 0; attempt < 600; attempt++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('gateway did not become ready');
}

async function json(url: string, init: RequestInit & { body?: string } = {}) {
  const response = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Registers an account and sets up 50 flags with rules in production; returns a server key. */
async function seed(gateway: string) {
  const registered = await json(`${gateway}/v1/auth/register`, {
    method: 'POST',
    body: JSON.stringify({
      email: 'bench@example.com',
      password: 'bench-password',
      name: 'Bench',
      org_name: 'Bench',
    }),
  });
  const auth = { authorization: `Bearer ${registered.tokens.access_token}` };
  const graphql = (query: string, variables: Record<string, unknown>) =>
    json(`${gateway}/graphql`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ query, variables }),
    }).then((r) => {
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data;
    });
  const { organization } = await graphql(
    `
      {
        organization {
          projects {
            nodes {
              id
              environments {
                nodes {
                  id
                  key
                }
              }
            }
          }
        }
      }
    `,
    {},
  );
  const project = organization.projects.nodes[0];
  const production = project.environments.nodes.find((e: { key: string }) => e.key === 'production');
  for (let i = 0; i < 50; i++) {
    const { createFlag } = await graphql(
      `
        mutation ($p: ID!, $key: String!) {
          createFlag(projectId: $p, input: { key: $key, type: "boolean" }) {
            id
          }
        }
      `,
      { p: project.id, key: `flag-${i}` },
    );
    await graphql(
      `
        mutation ($input: UpdateFlagConfigurationInput!) {
          updateFlagConfiguration(input: $input) {
            version
          }
        }
      `,
      {
        input: {
          flagId: createFlag.id,
          environmentId: production.id,
          enabled: true,
          rules: [
            {
              id: 'beta',
              match: 'all',
              conditions: [{ attribute: 'plan', operator: 'in', values: ['beta', 'enterprise'] }],
              serve: { variation: 'on' },
            },
          ],
          defaultServe: {
            rollout: [
              { variation: 'on', weight: 5000 },
              { variation: 'off', weight: 5000 },
            ],
          },
        },
      },
    );
  }
  const created = await json(`${gateway}/v1/environments/${production.id}/api-keys`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ name: 'bench', type: 'server' }),
  });
  return { key: created.key as string, environmentKey: 'production' };
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

try {
  const [basePort, gatewayPort] = [18081, 18080];
  await start('test/dist/bench/baseline-server.js', [String(basePort)], {});
  const gateway = `http://127.0.0.1:${gatewayPort}`;
  children.push(
    fork(join(root, 'gateway/dist/main.js'), [], {
      env: {
        ...process.env,
        PORT: String(gatewayPort),
        HOST: '127.0.0.1',
        VEXIL_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    }),
  );
  await waitReady(gateway);
  console.log(`seeding 50 flags… (each run: ${CONNECTIONS} connections, ${SECONDS} s)`);
  const { key, environmentKey } = await seed(gateway);
  const headers = { 'content-type': 'application/json', 'x-api-key': key };
  const context = { key: 'user-123', attributes: { plan: 'pro', country: 'US' } };
  const flagKeys = Array.from({ length: 20 }, (_, i) => `flag-${i}`);

  const figures: Figures[] = [];
  figures.push(
    await measure('baseline node:http (200 B JSON)', {
      url: `http://127.0.0.1:${basePort}/`,
      method: 'POST',
      body: '{}',
    }),
  );
  figures.push(
    await measure('POST /v1/evaluate', {
      url: `${gateway}/v1/evaluate`,
      method: 'POST',
      headers,
      body: JSON.stringify({ flag_key: 'flag-7', context }),
    }),
  );
  figures.push(
    await measure('POST /v1/evaluate/bulk (20 flags)', {
      url: `${gateway}/v1/evaluate/bulk`,
      method: 'POST',
      headers,
      body: JSON.stringify({ flag_keys: flagKeys, context }),
    }),
  );
  figures.push(
    await measure('GET /v1/client/{envKey}/flags (50 flags)', {
      url: `${gateway}/v1/client/${environmentKey}/flags?key=user-123`,
      headers: { 'x-api-key': key },
    }),
  );
  const baseline = figures[0]!.requests;
  console.log('\n| target | req/s | p50 ms | p99 ms | errors | throughput vs baseline |');
  console.log('|---|---|---|---|---|---|');
  for (const f of figures) {
    console.log(
      `| ${f.name} | ${Math.round(f.requests)} | ${f.p50} | ${f.p99} | ${f.errors} | ${(f.requests / baseline).toFixed(2)} |`,
    );
  }
  console.log(
    `\nserver-side p99 of POST /v1/evaluate (gateway histogram): ≤ ${await serverP99(gateway, 'POST /v1/evaluate')} ms`,
  );
} finally {
  for (const child of children) child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
