import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { readJsonBody } from './read-body.js';
import { DomainError } from '../errors/domain-error.js';

/**
 * Serves an Apollo Server on a plain `node:http` request: the thin adapter Apollo Server 5 leaves to
 * its integrations. GET requests (the landing page, persisted queries) have no body.
 */
export async function handleGraphQLRequest<C extends BaseContext>(
  server: ApolloServer<C>,
  request: IncomingMessage,
  response: ServerResponse,
  context: () => Promise<C>,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown;
  try {
    body = request.method === 'GET' ? undefined : await readJsonBody(request);
  } catch (error) {
    const message = error instanceof DomainError ? error.message : 'invalid request body';
    const status = error instanceof DomainError && error.code === 'PAYLOAD_TOO_LARGE' ? 413 : 400;
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] }));
    return;
  }
  const url = new URL(request.url ?? '/', 'http://localhost');
  const result = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
    context,
  });
  for (const [name, value] of result.headers) response.setHeader(name, value);
  response.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}
