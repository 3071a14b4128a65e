import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { parse } from 'yaml';

// Docker does not run everywhere the tests do; the wiring of docker-compose.yml is checked anyway by
// starting each of its services as a local process with exactly the command and environment the file
// gives it: service hostnames become loopback, the `postgres` service becomes a database of the local
// server. Needs that server, so it runs in the server pass.
const onServer = process.env.DATABASE_URL ? describe : describe.skip;

const root = fileURLToPath(new URL('../..', import.meta.url));

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: string[] | Record<string, unknown>;
}

/** `${VAR}`, `${VAR:-default}` and `${VAR:?message}`, as Compose interpolates them. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
    if (env[name]) return env[name];
    if (kind === '?') throw new Error(`docker compose would refuse to start: ${rest}`);
    return kind === '-' ? (rest ?? '') : '';
  });
}

/** Rewrites `http://identity:4001/…` and the like to loopback, and the `postgres` URL to `database`. */
function toLocal(value: string, services: string[], database: string): string {
  if (value.startsWith('postgres://')) return database;
  return services.reduce((text, name) => text.replaceAll(`//${name}:`, '//127.0.0.1:'), value);
}

async function waitForReady(url: string, processes: ChildProcess[], output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const exited = processes.find((child) => child.exitCode !== null);
    if (exited) throw new Error(`a service exited (${exited.exitCode}):\n${output()}`);
    const answer = await fetch(url).catch(() => undefined);
    if (answer?.ok) return;
    if (Date.now() > deadline) throw new Error(`${url} not ready after 60 s:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

onServer('docker-compose.yml', () => {
  const processes: ChildProcess[] = [];
  let logs = '';
  // Read when the tests run: the body of a skipped describe still runs, without DATABASE_URL.
  const server = () => new URL(process.env.DATABASE_URL!);
  const name = `vexil_compose_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: new URL('/postgres', server()).toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  afterAll(async () => {
    for (const child of processes) child.kill('SIGTERM');
    await Promise.all(
      processes.map((child) =>
        child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined,
      ),
    );
    await admin(`drop database if exists ${name} with (force)`);
  }, 30_000);

  it('starts every service with its own command and environment, and serves the README examples', async () => {
    const compose = parse(await readFile(`${root}/docker-compose.yml`, 'utf8'), { merge: true }) as {
      services: Record<string, ComposeService>;
    };
    // What an operator puts in `.env` next to the file.
    const operatorEnv = Object.fromEntries(
      ['JWT_SECRET', 'PRINCIPAL_SECRET', 'API_KEY_PEPPER', 'MFA_ENCRYPTION_KEY'].map((variable) => [
        variable,
        randomBytes(24).toString('base64url'),
      ]),
    );
    await admin(`create database ${name}`);
    const database = new URL(`/${name}`, server()).toString();
    const names = Object.keys(compose.services);
    const dependsOn = (service: ComposeService) =>
      Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
    const apps = names.filter((service) => compose.services[service]!.command);
    // Dependencies first: the gateway after the subgraphs it names.
    const order = [...apps].sort(
      (a, b) => dependsOn(compose.services[a]!).length - dependsOn(compose.services[b]!).length,
    );

    for (const service of order) {
      const { command, environment = {} } = compose.services[service]!;
      const env = Object.fromEntries(
        Object.entries(environment).map(([key, value]) => [
          key,
          toLocal(interpolate(String(value), operatorEnv), names, database),
        ]),
      );
      const [program, ...args] = command!;
      expect(program).toBe('node');
      const child = spawn(process.execPath, args, {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (chunk) => (logs += `[${service}] ${chunk}`));
      child.stderr!.on('data', (chunk) => (logs += `[${service}] ${chunk}`));
      processes.push(child);
      const port = Object.entries(env).find(([key]) => key.endsWith('PORT'))?.[1];
      await waitForReady(`http://127.0.0.1:${port}/readyz`, processes, () => logs);
    }

    // The README's "Try it", through the gateway on the port the file publishes.
    const gateway = 'http://127.0.0.1:8080';
    const post = async (path: string, body: unknown, token?: string) => {
      const answer = await fetch(gateway + path, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      return { status: answer.status, body: (await answer.json()) as any };
    };
    const account = { email: 'admin@example.com', password: 'securepassword' };
    const registered = await post('/v1/auth/register', {
      ...account,
      name: 'Admin User',
      org_name: 'My Company',
    });
    expect(registered.status).toBe(201);
    const login = await post('/v1/auth/login', account);
    expect(login.status).toBe(200);
    const token = login.body.tokens.access_token as string;
    const query = `{ organization { name slug projects { nodes { slug environments { nodes { id key } } } }
      subscription { plan } auditLog(first: 5) { nodes { action actorUser { email } } } } }`;
    const graph = await post('/graphql', { query }, token);
    expect(graph.body.errors).toBeUndefined();
    expect(graph.body.data.organization).toMatchObject({
      name: 'My Company',
      projects: { nodes: [{ slug: 'default' }] },
      subscription: { plan: expect.any(String) },
    });
    const production = graph.body.data.organization.projects.nodes[0].environments.nodes.find(
      (environment: { key: string }) => environment.key === 'production',
    );
    const key = await post(`/v1/environments/${production.id}/api-keys`, { name: 'Backend' }, token);
    expect(key.status).toBe(201);
    expect(key.body.key).toMatch(/^sk_production_/);
  }, 120_000);
});
