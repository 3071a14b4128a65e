/** One server-sent frame: an event with its JSON data, a comment, or a `retry:` hint. */
export interface SseMessage {
  event?: string;
  data?: any;
  comment?: string;
  retry?: number;
}

/** Reads server-sent events from a streaming response body, as SDKs do: frames end at a blank line. */
export interface SseReader {
  /** The next frame of any kind; throws when the stream ends. */
  next(): Promise<SseMessage>;
  /** The next event (`{event, data}`), skipping comments and retry hints. */
  nextEvent(): Promise<{ event: string; data: any }>;
}

/** A reader over an SSE response body (see {@link SseReader}). */
export function sseReader(body: ReadableStream<Uint8Array>): SseReader {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const next = async (): Promise<SseMessage> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const raw = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const message: SseMessage = {};
        for (const line of raw.split('\n')) {
          if (line.startsWith(':')) message.comment = line.slice(1).trim();
          else if (line.startsWith('event:')) message.event = line.slice('event:'.length).trim();
          else if (line.startsWith('data:')) message.data = JSON.parse(line.slice('data:'.length));
          else if (line.startsWith('retry:')) message.retry = Number(line.slice('retry:'.length));
        }
        return message;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
  return {
    next,
    async nextEvent() {
      for (;;) {
        const message = await next();
        if (message.data !== undefined) return { event: message.event ?? 'message', data: message.data };
      }
    },
  };
}
