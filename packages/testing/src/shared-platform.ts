import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { platformClients, type PlatformClients, type Sql } from './clients.js';

/**
 * The platform a jest worker's test files share: the clients of {@link PlatformClients} on a platform
 * that runs, with default settings and the real clock, for the whole run.
 */
export interface SharedTestPlatform extends PlatformClients {
  /** Closes this file's graphql-ws clients; the platform keeps running for the worker's other files. */
  dispose(): Promise<void>;
}

/** Where one shared platform answers: its gateway, and the loopback endpoint that runs SQL for tests. */
export interface SharedPlatformAddress {
  url: string;
  control: string;
}

const SHARED_VARIABLE = 'VEXIL_SHARED_PLATFORMS';

/** What the process of a shared platform sends its parent once: its address, or why it could not start. */
export type SharedPlatformReport = { ready: SharedPlatformAddress } | { failed: string };

/**
 * Rows and parameters cross between processes as JSON; timestamps and PGlite's 64-bit integers are
 * tagged so that `sql` answers with the same types as a test file's own platform does.
 */
export function encodeValues(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, encoded) {
    const raw = this[key];
    if (raw instanceof Date) return { $date: raw.toISOString() };
    if (typeof raw === 'bigint') return { $bigint: raw.toString() };
    return encoded;
  });
}

/** The inverse of {@link encodeValues}, creating its dates in the caller's realm (a jest sandbox's). */
export function decodeValues<T>(text: string): T {
  return JSON.parse(text, (_key, value) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (typeof value.$date === 'string') return new Date(value.$date);
      if (typeof value.$bigint === 'string') return BigInt(value.$bigint);
    }
    return value;
  });
}

/**
 * The platform this jest worker shares with its other test files (started by the integration project's
 * globalSetup, one per worker). Tests on it must not assume an empty database: other files' accounts
 * are there too. A file that needs other settings, its own clock or restarts uses
 * {@link startTestPlatform} instead.
 */
export function sharedTestPlatform(): SharedTestPlatform {
  const raw = process.env[SHARED_VARIABLE];
  if (!raw) {
    throw new Error(
      `${SHARED_VARIABLE} is not set: the integration project's globalSetup starts the shared platforms (run the tests with \`npm test\`)`,
    );
  }
  const addresses = JSON.parse(raw) as SharedPlatformAddress[];
  const worker = process.env.JEST_WORKER_ID ?? '1';
  const address = addresses[Number(worker) - 1];
  if (!address) throw new Error(`no shared platform for jest worker ${worker} (${addresses.length} started)`);
  const sql: Sql = async (text, params = []) => {
    const response = await fetch(`${address.control}/sql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: encodeValues({ text, params }),
    });
    const body = await response.text();
    if (!response.ok) throw new Error(body);
    return decodeValues(body);
  };
  const { clients, close } = platformClients(address.url, sql);
  return { ...clients, dispose: close };
}

const START_TIMEOUT_MS = 120_000;

/**
 * Starts `count` shared platforms, each in a child process of its own on its own database cloned from
 * the run's template, in parallel. Resolves with the environment that hands worker N the N-th, and a
 * `stop`; rejects (after stopping those that did start) if any fails to start.
 */
export async function startSharedPlatforms(
  count: number,
): Promise<{ environment: Record<string, string>; stop(): Promise<void> }> {
  const script = fileURLToPath(new URL('./shared-platform-process.js', import.meta.url));
  const children: ChildProcess[] = [];
  const stop = () => Promise.all(children.map(stopChild)).then(() => {});
  const start = (index: number) =>
    new Promise<SharedPlatformAddress>((resolve, reject) => {
      const child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      children.push(child);
      const fail = (reason: string) => {
        clearTimeout(timer);
        reject(new Error(`shared platform ${index + 1} ${reason}`));
      };
      const timer = setTimeout(() => fail(`did not start within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
      const early = (code: number | null, signal: string | null) =>
        fail(`exited (${signal ?? code}) before it was ready`);
      child.once('exit', early);
      child.once('message', (report: SharedPlatformReport) => {
        clearTimeout(timer);
        child.off('exit', early);
        if ('failed' in report) return fail(`failed to start: ${report.failed}`);
        // Its tests would only see refused connections; say which process went away, and why.
        child.once('exit', (code, signal) =>
          console.error(
            `shared platform ${index + 1} (pid ${child.pid}) exited during the run (${signal ?? code})`,
          ),
        );
        resolve(report.ready);
      });
    });
  try {
    const addresses = await Promise.all(Array.from({ length: count }, (_, index) => start(index)));
    return { environment: { [SHARED_VARIABLE]: JSON.stringify(addresses) }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Disconnecting tells a shared platform to stop (as its parent's death would); it is killed if it hangs. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.removeAllListeners('exit');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) child.disconnect();
  else child.kill('SIGKILL');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}
