// The baseline of the subscription benchmark: a bare `ws` server sending one text to every socket, the
// least any WebSocket fan-out does. The text is a graphql-ws `next` message of the size asked for, so
// the subscribers treat it exactly as a real payload. Usage: broadcast-server.js <port> <keep-alive ms>.
import { WebSocketServer } from 'ws';

const PREFIX = '{"id":"1","type":"next","payload":{"data":{"padding":"';
const SUFFIX = '"}}}';

const wss = new WebSocketServer({
  host: '127.0.0.1',
  port: Number(process.argv[2]),
  perMessageDeflate: false,
});
// Pings each socket at the gateway's keep-alive interval, as graphql-ws does: gateway and bare rounds
// alternate while both sets of sockets stay open, so both servers must carry the same background traffic.
const keepAliveMs = Number(process.argv[3]);
wss.on('connection', (socket) => {
  const timer = setInterval(() => socket.ping(), keepAliveMs);
  socket.once('close', () => clearInterval(timer));
});
wss.once('listening', () => process.send!('ready'));
process.on('message', ({ bytes }: { bytes: number }) => {
  const text = PREFIX + 'x'.repeat(Math.max(0, bytes - PREFIX.length - SUFFIX.length)) + SUFFIX;
  for (const socket of wss.clients) socket.send(text);
});
