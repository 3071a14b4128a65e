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
