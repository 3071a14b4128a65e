import { DomainError } from '../errors/domain-error.js';

// SQLSTATE classes and codes that say "the server or the connection went away", not "your SQL is wrong":
// 08 connection exception, 57P01–57P03 shutdown / crash / not yet accepting connections, 53300 too many
// connections.
const TRANSIENT_SQLSTATE = /^(08...|57P0[1-3]|53300)$/;
const TRANSIENT_SYSTEM = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
// pg reports a dropped socket and an exhausted pool wait with messages only.
const TRANSIENT_MESSAGE =
  /Connection terminated|connection error|timeout exceeded when trying to connect|Client has encountered a connection error|Connection lost/i;

// A string key, not a symbol: MikroORM wraps driver errors by copying their own property names.
const COMMIT_UNKNOWN = 'vexilCommitOutcomeUnknown';

/** Seconds a client is told to wait before retrying a request that failed on an unreachable database. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/**
 * Whether an error means the database could not be reached or dropped the connection (a restart, a
 * failover, a full pool), as opposed to a statement the database refused. Such a failure changed nothing
 * unless it struck during COMMIT ({@link commitOutcomeUnknown}), so the work may be tried again.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    if (cause instanceof DomainError) return false;
    const { code, message } = cause as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_SYSTEM.has(code)))
      return true;
    if (typeof message === 'string' && TRANSIENT_MESSAGE.test(message)) return true;
    if (cause instanceof AggregateError && cause.errors.some(isTransientDatabaseError)) return true;
    // pg can reject with a bare system-error object; GraphQL wraps a non-Error as `thrownValue`.
    const { cause: next, thrownValue } = cause as { cause?: unknown; thrownValue?: unknown };
    cause = next ?? thrownValue;
  }
  return false;
}

/** Marks a failure of COMMIT: the transaction may or may not have been committed, so it is never retried. */
export function markCommitOutcomeUnknown(error: unknown): void {
  if (error && typeof error === 'object') Object.defineProperty(error, COMMIT_UNKNOWN, { value: true });
}

/** Whether a transaction failed while committing, with its outcome unknown to us. */
export function commitOutcomeUnknown(error: unknown): boolean {
  return Boolean(error && typeof error === 'object' && COMMIT_UNKNOWN in error);
}
