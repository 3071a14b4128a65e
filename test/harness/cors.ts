import type { PlatformClients } from '@vexil/testing';

/**
 * A browser's CORS preflight of `method` on `path` asking to send `headers`: the status, and the
 * headers the gateway allows the page to send and to read.
 */
export async function preflight(vexil: PlatformClients, method: string, path: string, headers: string[]) {
  const answer = await vexil.http('OPTIONS', path, {
    headers: {
      origin: 'https://app.example.com',
      'access-control-request-method': method,
      'access-control-request-headers': headers.join(', '),
    },
  });
  const list = (name: string) => answer.headers.get(name)?.split(/,\s*/) ?? [];
  return {
    status: answer.status,
    allowed: list('access-control-allow-headers'),
    exposed: list('access-control-expose-headers'),
  };
}
