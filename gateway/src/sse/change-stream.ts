import type { ServerResponse } from 'node:http';

/** One server-sent event: a name and a JSON payload. */
export interface SseFrame {
  event: string;
  data: unknown;
}

/**
 * Writes a stream of frames as server-sent events: a `retry:` hint if given, the opening frames, then
 * each frame as it comes, and a `: heartbeat` comment every `heartbeatMs` so proxies keep the connection
 * open (Flagify's SDK also reconnects after 45 s of silence, routes.md §4.4). When the client goes away
 * the source is closed (for a subscription, that ends it at the bridge).
 */
export function streamFrames(options: {
  response: ServerResponse;
  opening: SseFrame[];
  frames: AsyncIterableIterator<SseFrame>;
  heartbeatMs: number;
  /** Reconnection delay the client should wait at least, ms. */
  retryMs?: number;
}): void {
  const { response, frames } = options;
  const write = ({ event, data }: SseFrame) =>
    response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  if (options.retryMs !== undefined) response.write(`retry: ${options.retryMs}\n\n`);
  options.opening.forEach(write);
  const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), options.heartbeatMs);
  response.on('close', () => {
    clearInterval(heartbeat);
    void frames.return?.();
  });
  void (async () => {
    for await (const frame of frames) write(frame);
    response.end();
  })();
}
