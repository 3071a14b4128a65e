// The subscribers of the subscription benchmark: up to tens of thousands of WebSockets in a process of
// their own, driven over IPC. Raw `ws` speaking graphql-transport-ws by hand rather than graphql-ws's
// client: per message it only compares a prefix, so this process is not what the benchmark measures.
import WebSocket from 'ws';
import { sharedNow } from './bench-processes.js';

/** What the benchmark asks of this process. */
export type ClientCommand =
  | {
      type: 'open';
      url: string;
      count: number;
      /** Speak graphql-transport-ws: `connection_init` with this payload, then subscribe to `query`. */
      graphql?: { connectionParams: Record<string, unknown>; query: string };
    }
  /** Count the next message of every socket as round `round`. */
  | { type: 'arm'; round: number }
  | { type: 'close' };

/** What this process tells the benchmark. */
export type ClientReport =
  | { type: 'ready' }
  | { type: 'progress'; open: number; count: number }
  | { type: 'opened' }
  | { type: 'armed'; round: number }
  /** Every socket has its message of the round; when the first and the last arrived ({@link sharedNow}). */
  | { type: 'received'; round: number; first: number; last: number; bytes: number }
  | { type: 'failed'; reason: string }
  | { type: 'closed' };

// Opening every socket at once would flood the server's accept queue; batches keep the handshakes flowing.
const BATCH = 250;
// graphql-ws writes `id` and `type` first; the baseline server sends the same prefix.
const NEXT = Buffer.from('{"id":"1","type":"next"');

const report = (message: ClientReport) => process.send!(message);
let sockets: WebSocket[] = [];
let seen = new Int32Array(0);
let round = -1;
let pending = 0;
let first = 0;
let closing = false;

function fail(reason: string) {
  report({ type: 'failed', reason });
}

function openOne(index: number, command: Extract<ClientCommand, { type: 'open' }>): Promise<void> {
  return new Promise((resolve, reject) => {
    const graphql = command.graphql;
    const socket = new WebSocket(command.url, graphql ? 'graphql-transport-ws' : undefined, {
      perMessageDeflate: false,
    });
    sockets[index] = socket;
    socket.once('error', reject);
    socket.once('close', (code, reason) => {
      if (!closing) fail(`socket ${index} closed by the server: ${code} ${reason}`);
    });
    socket.once('open', () => {
      if (!graphql) return resolve();
      socket.send(JSON.stringify({ type: 'connection_init', payload: graphql.connectionParams }));
    });
    socket.on('message', (data: Buffer) => {
      if (data.subarray(0, NEXT.length).equals(NEXT)) {
        if (seen[index] === round) return;
        seen[index] = round;
        if (pending === sockets.length) first = sharedNow();
        if (--pending === 0)
          report({ type: 'received', round, first, last: sharedNow(), bytes: data.length });
      } else if (graphql && data.toString().startsWith('{"type":"connection_ack"')) {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: graphql.query } }));
        resolve();
      } else {
        fail(`socket ${index} got an unexpected message: ${data.toString().slice(0, 300)}`);
      }
    });
  });
}

async function open(command: Extract<ClientCommand, { type: 'open' }>) {
  closing = false;
  sockets = new Array(command.count);
  seen = new Int32Array(command.count).fill(-1);
  for (let start = 0; start < command.count; start += BATCH) {
    const end = Math.min(start + BATCH, command.count);
    const batch = [];
    for (let index = start; index < end; index++) batch.push(openOne(index, command));
    await Promise.all(batch);
    if (end % 1000 === 0 || end === command.count)
      report({ type: 'progress', open: end, count: command.count });
  }
  report({ type: 'opened' });
}

async function close() {
  closing = true;
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise((resolve) => {
          if (socket.readyState === WebSocket.CLOSED) return resolve(undefined);
          socket.once('close', resolve);
          socket.terminate();
        }),
    ),
  );
  sockets = [];
  report({ type: 'closed' });
}

process.on('message', (command: ClientCommand) => {
  switch (command.type) {
    case 'open':
      open(command).catch((error: Error) => fail(`could not open the sockets: ${error.message}`));
      break;
    case 'arm':
      round = command.round;
      pending = sockets.length;
      report({ type: 'armed', round });
      break;
    case 'close':
      void close();
      break;
  }
});
report({ type: 'ready' });
