import { errorCatalogue, type ErrorCode } from './error-catalogue.js';

/** Field-level problems of a rejected input, keyed by the field's name as the client sent it. */
export type FieldErrors = Record<string, string[]>;

/**
 * The only error a service throws on purpose. It is serialised once, at the GraphQL boundary, into
 * `extensions.code` (+ `extensions.fields`); anything else that escapes is an `INTERNAL` error whose
 * details stay in the log.
 */
export class DomainError extends Error {
  override name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    message: string = errorCatalogue[code].message,
    readonly fields?: FieldErrors,
  ) {
    super(message);
  }

  /** Seconds until a rate-limited (or turned away) caller may try again (REST sends it as `Retry-After`). */
  retryAfter?: number;

  /** A `RATE_LIMIT_EXCEEDED` error that tells the caller when to retry. */
  static rateLimited(retryAfterSeconds: number, message?: string): DomainError {
    const error = new DomainError('RATE_LIMIT_EXCEEDED', message);
    error.retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
    return error;
  }

  /** A `SERVICE_UNAVAILABLE` error: the caller may retry after the given seconds (REST: 503 + `Retry-After`). */
  static unavailable(retryAfterSeconds: number, message?: string): DomainError {
    const error = new DomainError('SERVICE_UNAVAILABLE', message);
    error.retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
    return error;
  }

  /** A `VALIDATION_FAILED` error for one or more fields. */
  static validation(fields: FieldErrors, message?: string): DomainError {
    const [field, problems] = Object.entries(fields)[0] ?? [];
    return new DomainError(
      'VALIDATION_FAILED',
      message ?? (field ? `${field} ${problems?.[0]}` : undefined),
      fields,
    );
  }
}
