import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A real HTTP receiver: records every request; answers each path with the next status of its script. */
export function httpReceiver() {
  const received: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];
  const scripts = new Map<string, number[]>();
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body });
      response.writeHead(scripts.get(path)?.shift() ?? 200).end();
    });
  });
  return {
    received,
    script: (path: string, statuses: number[]) => scripts.set(path, statuses),
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async waitFor(path: string, count: number) {
      for (let i = 0; i < 100 && received.filter((r) => r.path === path).length < count; i++)
        await new Promise((r) => setTimeout(r, 100));
      return received.filter((r) => r.path === path);
    },
  };
}
