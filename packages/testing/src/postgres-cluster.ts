import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { platformPackages } from './platform-packages.js';
import type { TestDatabase } from './template.js';

const run = promisify(execFile);

/** The machine's PostgreSQL 15 server binaries (STACK.md: fault tests never touch the shared server). */
const BIN = '/usr/lib/postgresql/15/bin';

/** A PostgreSQL server of one test's own, on a free port, which the test may restart or stop at will. */
export interface PostgresCluster {
  port: number;
  /** A URL of a database on this cluster. */
  url(database?: string): string;
  /** A fresh database on this cluster, ready for {@link startTestPlatform}'s `database` option. */
  createDatabase(options?: { acquireTimeoutMs?: number }): Promise<TestDatabase>;
  /** `pg_ctl restart -m fast` (clean shutdown) or `-m immediate` (a crash, recovered from the WAL). */
  restart(mode: 'fast' | 'immediate'): Promise<void>;
  /** Stops the server and removes its files. */
  dispose(): Promise<void>;
}

/** Whether this machine has the binaries {@link startPostgresCluster} needs. */
export const canStartPostgresCluster = existsSync(join(BIN, 'pg_ctl'));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Creates a cluster with `initdb` in a temporary folder and starts it with `pg_ctl` on a free loopback
 * port (trust authentication, user `postgres`). As root the binaries run as the `postgres` user, which
 * PostgreSQL requires.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const root = await mkdtemp(join(tmpdir(), 'vexil-pg-'));
  const dataDir = join(root, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(root, Number(stdout.trim()), Number(gid.trim()));
  }
  const pgBin = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(BIN, tool), ...args]) : run(join(BIN, tool), args);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const pgCtl = (...args: string[]) =>
    pgBin('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(root, 'log'), '-w', '-t', '60', ...args]);

  await pgBin('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync']);
  await pgCtl('start');
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  let count = 0;
  return {
    port,
    url,
    async createDatabase(options = {}) {
      const name = `vexil_${++count}`;
      await admin(`create database ${name}`);
      const { openDatabase } = (await platformPackages()).platform;
      const database = await openDatabase({ url: url(name), ...options });
      return { database, url: url(name), dispose: () => database.close() };
    },
    async restart(mode) {
      await pgCtl('-m', mode, 'restart');
    },
    async dispose() {
      await pgCtl('-m', 'immediate', 'stop').catch(() => {});
      await rm(root, { recursive: true, force: true });
    },
  };
}
