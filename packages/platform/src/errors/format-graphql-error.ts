import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '../observability/logger.js';
import { DATABASE_RETRY_AFTER_SECONDS, isTransientDatabaseError } from '../database/transient-error.js';
import { DomainError } from './domain-error.js';
import { isErrorCode } from './error-catalogue.js';

// Errors of the GraphQL layer itself (bad syntax, unknown field, wrong variable type): the client's fault,
// safe to show as they are.
const GRAPHQL_REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * The one place errors become GraphQL errors: a {@link DomainError} keeps its code and message (and
 * field errors); a lost database connection is `SERVICE_UNAVAILABLE` with a retry delay; a code from the
 * catalogue passed on by a subgraph is kept; anything unexpected is logged and shown only as
 * `INTERNAL`, so no stack trace or SQL reaches a client.
 */
export function formatGraphQLError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    let original = unwrapResolverError(error);
    if (isTransientDatabaseError(original)) {
      log.warn('database unreachable', { error: original, path: formatted.path });
      original = DomainError.unavailable(
        DATABASE_RETRY_AFTER_SECONDS,
        'the database is unreachable; retry shortly',
      );
    }
    if (original instanceof DomainError) {
      return {
        message: original.message,
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: {
          code: original.code,
          ...(original.fields ? { fields: original.fields } : {}),
          ...(original.retryAfter ? { retryAfter: original.retryAfter } : {}),
        },
      };
    }
    const code = formatted.extensions?.code;
    if (isErrorCode(code) || (typeof code === 'string' && GRAPHQL_REQUEST_CODES.has(code))) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    log.error('unexpected error', { error: original, path: formatted.path });
    return {
      message: 'internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL' },
    };
  };
}
