import type { FormattedExecutionResult } from 'graphql';
import type { Client } from 'graphql-ws';

/** A subscription's results as a test sees them, with waiting helpers. */
export interface SubscriptionFeed<T = any> {
  results: FormattedExecutionResult<T, unknown>[];
  /** Resolves once the server acknowledged the connection. */
  ready: Promise<void>;
  /** The error that ended the subscription (a close event for refused connections). */
  failure(): unknown;
  /** Waits until `count` results arrived, the subscription failed, or `timeoutMs` (5 s) passed. */
  received(count: number, timeoutMs?: number): Promise<FormattedExecutionResult<T, unknown>[]>;
  stop(): void;
}

/** Subscribes with a graphql-ws client and collects what arrives. */
export function subscribe<T = any>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
): SubscriptionFeed<T> {
  const results: FormattedExecutionResult<T, unknown>[] = [];
  let failure: unknown;
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((resolve) => resolve());
  const ready = new Promise<void>((resolve) => client.on('connected', () => resolve()));
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        results.push(result);
        wake();
      },
      error: (error) => {
        failure = error;
        wake();
      },
      complete: () => {},
    },
  );
  return {
    results,
    // The server registers the subscription right after acknowledging; give it that turn.
    ready: ready.then(() => new Promise<void>((resolve) => setTimeout(resolve, 50))),
    stop,
    failure: () => failure,
    async received(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (results.length < count && !failure && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return results;
    },
  };
}
