// `npm test`: build, migrate a template database once, run jest (every test platform, shared or a
// file's own, clones the template), drop the template. Uses DATABASE_URL's server when set, PGlite otherwise.
import { spawn } from 'node:child_process';

const run = (command, args, env = {}) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

const built = await run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], {
  TURBO_TELEMETRY_DISABLED: '1',
});
if (built !== 0) process.exit(built);

const { prepareTemplate, dropTemplate, templateEnvironment } = await import('@vexil/testing');
const serverUrl = process.env.DATABASE_URL || undefined;
console.log(`preparing template database (${serverUrl ? 'PostgreSQL server' : 'embedded PGlite'})…`);
const started = Date.now();
const template = await prepareTemplate(serverUrl);
console.log(`template ready in ${Date.now() - started} ms`);

let code = 1;
try {
  code = await run('npx', ['jest', ...process.argv.slice(2)], {
    ...templateEnvironment(template),
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings`.trim(),
  });
} finally {
  await dropTemplate(template);
}
process.exit(code);
