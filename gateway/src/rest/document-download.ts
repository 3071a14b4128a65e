import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { RestRequest } from './rest-route.js';

/** Runs one of a download's operations as the caller: its data, or the failure thrown as a DomainError. */
export type RunOperation = (
  operation: string,
  variables?: Record<string, unknown>,
) => Promise<Record<string, any>>;

/**
 * A route that answers one JSON document too large to build in memory (an organization's data export):
 * `write` reads it through the named operations, page by page, and gives its text piece by piece. The
 * row's own operation runs first and decides whether the caller may have it at all.
 */
export interface DocumentDownload {
  filename: string;
  /** The operations `write` runs, besides the row's own. */
  operations: string[];
  write(run: RunOperation, request: RestRequest): AsyncIterable<string>;
}

/**
 * Sends a document as `write` makes it. Until the first piece is ready nothing is sent, so a refusal
 * (permissions, plan) is answered in the dialect's error shape; past it, a failure ends the download
 * short, and the truncated JSON does not parse, which a client notices.
 */
export async function sendDocument(
  response: ServerResponse,
  filename: string,
  pieces: AsyncIterable<string>,
  onLateFailure: (error: unknown) => void,
): Promise<void> {
  const iterator = pieces[Symbol.asyncIterator]();
  const first = await iterator.next();
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
  });
  try {
    for (let piece = first; !piece.done && !response.destroyed; piece = await iterator.next())
      if (!response.write(piece.value)) await once(response, 'drain');
  } catch (error) {
    onLateFailure(error);
  } finally {
    response.end();
  }
}

/** Every node of a connection, page after page (`pageInfo.endCursor` as the next `after`). */
export async function* everyNode<T>(
  page: (
    after: string | null,
  ) => Promise<{ nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>,
): AsyncIterable<T> {
  for (let after: string | null = null; ;) {
    const { nodes, pageInfo } = await page(after);
    yield* nodes;
    if (!pageInfo.hasNextPage || !pageInfo.endCursor) return;
    after = pageInfo.endCursor;
  }
}
