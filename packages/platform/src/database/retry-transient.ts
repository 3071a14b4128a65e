import { setTimeout as sleep } from 'node:timers/promises';
import { commitOutcomeUnknown, isTransientDatabaseError } from './transient-error.js';

/**
 * Runs a unit of work again when the database connection broke before COMMIT was sent: the server
 * rolled it back, so nothing of it was written and a second run cannot double anything. A failure
 * during COMMIT is never retried (it may have committed); neither is any other error.
 */
export async function retryTransient<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1, delay = 100; ; attempt++, delay *= 3) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransientDatabaseError(error) || commitOutcomeUnknown(error)) throw error;
      await sleep(delay);
    }
  }
}
