// The baseline of the subscription benchmark: a bare `ws` server sending one text to every socket, the
// least any WebSocket fan-out does. The text is a graphql-ws `next` message of the size asked for, so
// the subscribers treat it exactly as a real payload.
import { WebSocketServer } from 'ws';

const PREFIX = '{"id":"1","type":"next","payload":{"data":{"padding":"';
const SUFFIX = '"}}}';

const wss = new WebSocketServer({
  host: '127.0.0.1',
  port: Number(process.argv[2]),
  perMessageDeflate: false,
});
wss.once('listening', () => process.send!('ready'));
process.on('message', ({ bytes }: { bytes: number }) => {
  const text = PREFIX + 'x'.repeat(Math.max(0, bytes - PREFIX.length - SUFFIX.length)) + SUFFIX;
  for (const socket of wss.clients) socket.send(text);
});
