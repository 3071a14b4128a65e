// The baseline of `npm run bench`: a bare node:http server answering a fixed 200-byte JSON body.
import { createServer } from 'node:http';

const body = JSON.stringify({
  flag_key: 'baseline',
  value: true,
  reason: 'TARGETED',
  padding: 'x'.repeat(131),
});
if (Buffer.byteLength(body) !== 200)
  throw new Error(`baseline body is ${Buffer.byteLength(body)} bytes, not 200`);
const port = Number(process.argv[2] ?? 0);
createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': 200 });
    response.end(body);
  });
}).listen(port, '127.0.0.1', () => process.send?.('ready'));
