import type { IncomingMessage } from 'node:http';
import { DomainError } from '../errors/domain-error.js';
import { checkJsonInput } from './json-input.js';

/** 1 MiB, REST.md's default limit for a request body. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * Reads a request body as it was sent, for a receiver that verifies a signature over its exact bytes
 * (Stripe's webhooks). Over `limit` bytes is a {@link DomainError}; no body is an empty buffer.
 */
export async function readRawBody(request: IncomingMessage, limit = DEFAULT_BODY_LIMIT): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw new DomainError('PAYLOAD_TOO_LARGE');
  // Plain listeners rather than an async iterator: this runs on every SDK evaluation request.
  const chunks: Buffer[] = [];
  let size = 0;
  await new Promise<void>((resolve, reject) => {
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        reject(new DomainError('PAYLOAD_TOO_LARGE'));
      } else chunks.push(chunk);
    });
    request.on('end', resolve);
    request.on('error', reject);
  });
  return Buffer.concat(chunks, size);
}

/**
 * Reads and parses a JSON request body. An empty body is `undefined`; a body that is not JSON, not
 * declared as JSON, over `limit` bytes, or that fails {@link checkJsonInput} is a {@link DomainError}
 * the caller renders in its dialect.
 */
export async function readJsonBody(request: IncomingMessage, limit = DEFAULT_BODY_LIMIT): Promise<unknown> {
  const raw = await readRawBody(request, limit);
  if (raw.length === 0) return undefined;
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json' && !type?.endsWith('+json'))
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE');
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new DomainError('VALIDATION_FAILED', 'invalid request body: malformed JSON');
  }
  checkJsonInput(body);
  return body;
}
