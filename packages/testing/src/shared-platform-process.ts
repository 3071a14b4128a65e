// The process of one jest worker's shared platform (forked by `startSharedPlatforms`): the platform,
// and a loopback endpoint through which that worker's test files run SQL on its database. It stops when
// its parent disconnects, on purpose or by dying, so no run leaves one behind.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeValues, encodeValues, type SharedPlatformReport } from './shared-platform.js';
import { startTestPlatform, type TestPlatform } from './test-platform.js';

const report = (message: SharedPlatformReport) => process.send!(message);

const serveSql = (vexil: TestPlatform) =>
  createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk);
    try {
      const { text, params } = decodeValues<{ text: string; params: unknown[] }>(
        Buffer.concat(chunks).toString('utf8'),
      );
      const rows = await vexil.sql(text, params);
      response.writeHead(200, { 'content-type': 'application/json' }).end(encodeValues(rows));
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });

const started = (async () => {
  const vexil = await startTestPlatform();
  const control = serveSql(vexil);
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  return { vexil, control };
})();

process.once('disconnect', async () => {
  const running = await started.catch(() => undefined);
  if (running) {
    await new Promise((resolve) => running.control.close(resolve));
    await running.vexil.dispose();
  }
  process.exit();
});

started.then(
  ({ vexil, control }) => {
    const { port } = control.address() as AddressInfo;
    report({ ready: { url: vexil.url, control: `http://127.0.0.1:${port}` } });
  },
  (error: unknown) => {
    report({ failed: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exitCode = 1;
  },
);
