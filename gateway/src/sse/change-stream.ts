import type { ServerResponse } from 'node:http';
import type { DomainEvent, EventBus, Principal } from '@vexil/platform';

/** One server-sent event: a name and a JSON payload. */
export interface SseFrame {
  event: string;
  data: unknown;
}

/** Whether an event changes what an API key's environment evaluates to. */
export function concernsEnvironment(
  event: DomainEvent,
  principal: Extract<Principal, { kind: 'apiKey' }>,
): boolean {
  if (event.organizationId !== principal.organizationId) return false;
  if (!event.type.startsWith('flag.') && !event.type.startsWith('segment.')) return false;
  const payload = event.payload as { environmentId?: string; projectId?: string };
  return payload.environmentId
    ? payload.environmentId === principal.environmentId
    : payload.projectId === principal.projectId;
}

/**
 * Streams an environment's changes as server-sent events: the dialect's opening frame, then one frame
 * per committed change of that environment (or its project's flags and segments), and a comment ping
 * every 15 s so proxies keep the connection open. Ends when the client goes away.
 */
export function streamChanges(options: {
  response: ServerResponse;
  bus: EventBus;
  principal: Extract<Principal, { kind: 'apiKey' }>;
  opening: SseFrame[];
  frame: (event: DomainEvent) => SseFrame;
  heartbeatMs?: number;
}): void {
  const { response } = options;
  const write = ({ event, data }: SseFrame) =>
    response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  options.opening.forEach(write);
  const unsubscribe = options.bus.subscribe((event) => {
    if (concernsEnvironment(event, options.principal)) write(options.frame(event));
  });
  const heartbeat = setInterval(() => response.write(': ping\n\n'), options.heartbeatMs ?? 15_000);
  response.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
