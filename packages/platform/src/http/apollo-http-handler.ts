import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { readJsonBody } from './read-body.js';
import { DomainError } from '../errors/domain-error.js';
import { errorCatalogue } from '../errors/error-catalogue.js';

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
    // A body refused for what it holds keeps its catalogue code and field errors, as a resolver's would.
    const refused = error instanceof DomainError && error.code === 'VALIDATION_FAILED' && error.fields;
    const message = error instanceof DomainError ? error.message : 'invalid request body';
    const status = error instanceof DomainError ? errorCatalogue[error.code].status : 400;
    const extensions = refused ? { code: error.code, fields: error.fields } : { code: 'BAD_REQUEST' };
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ errors: [{ message, extensions }] }));
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
