import { GraphQLError, locatedError } from 'graphql';
import { DomainError } from '../errors/domain-error.js';
import {
  commitOutcomeUnknown,
  isTransientDatabaseError,
  markCommitOutcomeUnknown,
} from './transient-error.js';

describe('transient database errors', () => {
  it('are recognised however they were thrown and wrapped', () => {
    // pg rejects a query on a reset socket with a bare object; GraphQL wraps non-Errors (issue 10 flake).
    const bare = { errno: -104, code: 'ECONNRESET', syscall: 'read' };
    expect(isTransientDatabaseError(bare)).toBe(true);
    expect(isTransientDatabaseError(locatedError(bare, undefined).originalError)).toBe(true);
    expect(
      isTransientDatabaseError(Object.assign(new Error('terminating connection'), { code: '57P01' })),
    ).toBe(true);
    expect(isTransientDatabaseError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientDatabaseError(new Error('outer', { cause: { code: 'ECONNREFUSED' } }))).toBe(true);
  });

  it('are not refusals of the statement or of the request', () => {
    expect(isTransientDatabaseError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(
      false,
    );
    expect(isTransientDatabaseError(new DomainError('SERVICE_UNAVAILABLE'))).toBe(false);
    expect(isTransientDatabaseError(new GraphQLError('bad'))).toBe(false);
    expect(isTransientDatabaseError(undefined)).toBe(false);
  });

  it('keep the mark of a failed COMMIT through wrappers that copy own properties', () => {
    const error = Object.assign(new Error('Connection terminated'), { code: '08006' });
    markCommitOutcomeUnknown(error);
    const copy = Object.create(Error.prototype);
    for (const key of Object.getOwnPropertyNames(error)) copy[key] = (error as never)[key];
    expect(commitOutcomeUnknown(copy)).toBe(true);
    expect(commitOutcomeUnknown(new Error('Connection terminated'))).toBe(false);
  });
});
