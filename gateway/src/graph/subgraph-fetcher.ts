import http from 'node:http';
import https from 'node:https';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

// The gateway's own names for what a fetcher is, so its types follow the gateway's version.
type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/**
 * The gateway's subgraph fetcher: `node:http` with connections kept alive, answering with the whole body
 * read. Subgraph answers are small JSON documents read at once, so none of a WHATWG fetch's streams
 * are needed: the default stack (make-fetch-happen) builds a stack trace per request to tell http from
 * https, and Node's own `fetch` spends about as much on its streams as on the request (STACK.md).
 */
export function subgraphFetcher(): Fetcher {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 128 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 128 }),
  };
  return (url: string, init: FetcherRequestInit = {}) =>
    new Promise<FetcherResponse>((resolve, reject) => {
      const target = new URL(url);
      const agent = agents[target.protocol as keyof typeof agents];
      if (!agent) return reject(new TypeError(`unsupported protocol ${target.protocol}`));
      const request = (target.protocol === 'https:' ? https : http).request(
        target,
        { method: init.method ?? 'GET', headers: init.headers, agent, signal: init.signal },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              if (Array.isArray(value)) for (const one of value) headers.append(name, one);
              else if (value !== undefined) headers.set(name, value);
            }
            resolve(
              new ReadResponse(url, response.statusCode ?? 0, response.statusMessage ?? '', headers, chunks),
            );
          });
        },
      );
      request.on('error', reject);
      request.end(init.body);
    });
}

/** A response whose body has been read whole; it can be read (or cloned) any number of times. */
class ReadResponse implements FetcherResponse {
  readonly redirected = false;
  readonly bodyUsed = false;
  readonly ok: boolean;
  readonly #body: Buffer;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    body: Buffer[] | Buffer,
  ) {
    this.ok = status >= 200 && status < 300;
    this.#body = Array.isArray(body) ? Buffer.concat(body) : body;
  }

  async text(): Promise<string> {
    return this.#body.toString('utf8');
  }

  async json(): Promise<any> {
    return JSON.parse(this.#body.toString('utf8'));
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return new Uint8Array(this.#body).buffer;
  }

  clone(): FetcherResponse {
    return new ReadResponse(this.url, this.status, this.statusText, this.headers, this.#body);
  }
}
