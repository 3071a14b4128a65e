import type { ServerResponse } from 'node:http';

/** One server-sent event: a name and a JSON payload. */
export interface SseFrame {
  event: string;
  data: unknown;
}

/**
 * Writes a stream of frames as server-sent events: the opening frames, then each frame as it comes,
 * and a comment ping every 15 s so proxies keep the connection open. When the client goes away the
 * source is closed (for a subscription, that ends it at the bridge).
 */
export function streamFrames(options: {
  response: ServerResponse;
  opening: SseFrame[];
  frames: AsyncIterableIterator<SseFrame>;
  heartbeatMs?: number;
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
  options.opening.forEach(write);
  const heartbeat = setInterval(() => response.write(': ping\n\n'), options.heartbeatMs ?? 15_000);
  response.on('close', () => {
    clearInterval(heartbeat);
    void frames.return?.();
  });
  void (async () => {
    for await (const frame of frames) write(frame);
    response.end();
  })();
}
