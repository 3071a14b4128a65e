// `npm run bench`: each benchmark in a process of its own, one after the other, so one's servers and
// garbage never weigh on the next. BENCH_ONLY=subscriptions (or a comma-separated list) picks some.
import { fork } from 'node:child_process';

const BENCHMARKS = ['evaluation', 'subscriptions', 'telemetry', 'graphql'];
const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => !BENCHMARKS.includes(name)) ?? [];
if (unknown.length > 0) {
  console.error(`BENCH_ONLY: unknown benchmark ${unknown.join(', ')}; choose from ${BENCHMARKS.join(', ')}`);
  process.exit(2);
}
for (const name of only ?? BENCHMARKS) {
  console.log(`\n## ${name}`);
  const code = await new Promise<number | null>((resolve) =>
    fork(new URL(`./${name}.js`, import.meta.url)).once('exit', resolve),
  );
  if (code !== 0) {
    console.error(`benchmark ${name} failed (exit code ${code})`);
    process.exit(1);
  }
}
