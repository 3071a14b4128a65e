// The requests of Flagify's own clients, replayed byte for byte from their public source (neither is
// installable here): the CLI (flagifyhq/cli, Go, `internal/api/client.go`) and the MCP server
// (flagifyhq/flagify-mcp, TypeScript, `src/client/flagify-api.ts`). What each parses is checked by
// the tests with the shapes below, field by field.

/** What a client got back. */
export interface ClientAnswer {
  status: number;
  /** The request as sent: full URL and headers. */
  sent: { url: string; headers: Record<string, string>; body: string | undefined };
  body: any;
  text: string;
}

/**
 * Go's `json.Marshal` of the CLI's bodies: they are `map[string]any`, whose keys Go writes sorted
 * (nested maps too); a nil body sends nothing.
 */
export function goJson(value: unknown): string {
  const sorted = (inner: unknown): unknown => {
    if (Array.isArray(inner)) return inner.map(sorted);
    if (inner && typeof inner === 'object')
      return Object.fromEntries(
        Object.keys(inner)
          .sort()
          .map((key) => [key, sorted((inner as Record<string, unknown>)[key])]),
      );
    return inner;
  };
  return JSON.stringify(sorted(value));
}

async function send(url: string, init: { method: string; headers: Record<string, string>; body?: string }) {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, sent: { url, headers: init.headers, body: init.body }, body, text };
}

/**
 * The CLI's `Client.doOnce`: `baseURL + path`, `Content-Type: application/json` and
 * `X-Flagify-Source: cli` on every request (GET too), `Authorization: Bearer` when it has a token; Go's
 * transport adds its User-Agent and `Accept-Encoding: gzip`.
 */
export function cli(baseUrl: string, token?: string) {
  return (method: string, path: string, body?: unknown): Promise<ClientAnswer> => {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'X-Flagify-Source': 'cli',
      'User-Agent': 'Go-http-client/1.1',
      'Accept-Encoding': 'gzip',
    };
    if (token) headers.Authorization = `Bearer ${token}`;
    return send(baseUrl + path, { method, headers, ...(body === undefined ? {} : { body: goJson(body) }) });
  };
}

/**
 * The MCP server's `FlagifyApiClient.rawRequest`: the URL is `new URL(path, apiUrl)` (so `/v1/…`
 * replaces any path of `apiUrl`), `Accept: application/json`, its User-Agent, `X-Flagify-Source: mcp`,
 * `Authorization: Bearer` with a token, and `Content-Type: application/json` only with a body.
 */
export function mcp(apiUrl: string, token?: string) {
  return (method: string, path: string, body?: unknown): Promise<ClientAnswer> => {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': 'flagify-mcp/0.2.0',
      'X-Flagify-Source': 'mcp',
    };
    if (token) headers.Authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
    }
    return send(new URL(path, apiUrl).toString(), {
      method,
      headers,
      ...(payload === undefined ? {} : { body: payload }),
    });
  };
}

/**
 * A Go struct's JSON fields as `encoding/json` decodes them: `string`, `bool`, `int` (a whole number:
 * a fraction fails the decode), `any` (anything, `json.RawMessage` too), `time` (RFC 3339); `?` marks a
 * pointer or `omitempty` field that may be null or absent; arrays and nested structs as themselves.
 * A TypeScript reader's fields use the same words (`number` for any number).
 */
export type Shape = string | Shape[] | { [field: string]: Shape };

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** Where `value` does not decode into `shape`: field paths with what was wrong; empty when it does. */
export function decodeProblems(shape: Shape, value: unknown, path = '$'): string[] {
  if (typeof shape === 'string') {
    const optional = shape.endsWith('?');
    const kind = optional ? shape.slice(0, -1) : shape;
    if (value === undefined || value === null) return optional || kind === 'any' ? [] : [`${path}: missing`];
    const ok =
      kind === 'any' ||
      (kind === 'string' && typeof value === 'string') ||
      (kind === 'bool' && typeof value === 'boolean') ||
      (kind === 'int' && Number.isInteger(value)) ||
      (kind === 'number' && typeof value === 'number') ||
      (kind === 'time' && typeof value === 'string' && RFC3339.test(value));
    return ok ? [] : [`${path}: ${JSON.stringify(value)} is not ${kind}`];
  }
  if (Array.isArray(shape)) {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) return [`${path}: not a list`];
    return value.flatMap((item, index) => decodeProblems(shape[0]!, item, `${path}[${index}]`));
  }
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value)) return [`${path}: not an object`];
  return Object.entries(shape).flatMap(([field, inner]) =>
    decodeProblems(inner, (value as Record<string, unknown>)[field], `${path}.${field}`),
  );
}

/**
 * Go's `github.com/spaolacci/murmur3` `Sum32` (MurmurHash3 x86 32-bit, seed 0, over the UTF-8 bytes),
 * written out here so that the bucketing check does not lean on Vexil's own implementation.
 */
export function goMurmur3Sum32(text: string): number {
  const data = Buffer.from(text, 'utf8');
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h = 0;
  const blocks = data.length >> 2;
  for (let i = 0; i < blocks; i++) {
    let k = data.readUInt32LE(i * 4);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  // The tail: up to three bytes, little-endian.
  const tail = blocks * 4;
  const left = data.length & 3;
  if (left > 0) {
    let k = 0;
    for (let i = left - 1; i >= 0; i--) k = (k << 8) | data[tail + i]!;
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  h ^= data.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
