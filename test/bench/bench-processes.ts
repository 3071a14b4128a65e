// The processes of a benchmark: servers and load clients run outside the measuring process, so none of
// them shares an event loop with the code that takes the time.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const children: ChildProcess[] = [];
const dataDirs: string[] = [];

/**
 * Milliseconds on a clock every process of the machine shares: `performance.now()` alone counts from
 * each process's own start, so a time taken in one process could not be compared with another's.
 */
export function sharedNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Forks a compiled script (path from the project root); resolves when it sends its first IPC message. */
export function startChild(script: string, args: string[] = []): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(join(root, script), args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    children.push(child);
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

/**
 * The whole platform, as `npm start` runs it, in a child process on `port` with a fresh embedded
 * database; resolves when /readyz answers.
 */
export async function startPlatform(port: number): Promise<{ url: string; child: ChildProcess }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vexil-bench-'));
  dataDirs.push(dataDir);
  const child = fork(join(root, 'gateway/dist/main.js'), [], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      VEXIL_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // Load from one address and one key: the limiter runs (its cost is measured) but never refuses.
      RATE_LIMIT_AUTH_PER_MINUTE: '1000000000',
      RATE_LIMIT_MANAGEMENT_PER_MINUTE: '1000000000',
      RATE_LIMIT_EVALUATION_PER_MINUTE: '1000000000',
      RATE_LIMIT_RULESET_PER_MINUTE: '1000000000',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { url, child };
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the platform did not become ready');
}

/** Resident set size of a process in bytes (VmRSS), read from outside so the process is not disturbed. */
export function residentBytes(pid: number): number {
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (kib === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kib) * 1024;
}

/**
 * Stops every child and removes the data directories; call it when the benchmark ends, however it ends.
 * Resolves once the children have exited (a database they write to can then go).
 */
export async function stopChildren(): Promise<void> {
  const exited = children
    .filter((child) => child.exitCode === null && child.signalCode === null)
    .map((child) => new Promise((resolve) => child.once('exit', resolve)));
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(exited);
  for (const dataDir of dataDirs) rmSync(dataDir, { recursive: true, force: true });
}
