import { randomUUID } from 'node:crypto';
import type { EvaluationResult } from '@vexil/evaluation';
import type { Logger, Principal } from '@vexil/platform';
import type { Graph } from '../graph/create-graph.js';

const RECORD = /* GraphQL */ `
  mutation RecordEvaluations($counts: [EvaluationCountInput!]!, $contexts: [SeenContextsInput!]!) {
    recordEvaluations(counts: $counts, contexts: $contexts)
  }
`;

interface Count {
  organizationId: string;
  environmentId: string;
  flagKey: string;
  variation: string;
  reason: string;
  count: number;
  lastAt: Date;
}

interface Seen {
  organizationId: string;
  keys: Set<string>;
}

/** Where one count is kept: its environment, flag, variation and reason. */
const keyOf = ({
  environmentId,
  flagKey,
  variation,
  reason,
}: Omit<Count, 'organizationId' | 'count' | 'lastAt'>) =>
  `${environmentId}\u0000${flagKey}\u0000${variation}\u0000${reason}`;

export interface EvaluationCounterOptions {
  /** How often counts go to analytics. */
  flushMs: number;
  /** Context keys held before a flush is due anyway, so memory stays bounded under many users. */
  maxContexts: number;
}

/**
 * Counts the gateway's own SDK evaluations in memory, per environment, flag, variation and reason, with
 * the contexts they were for, and sends them to analytics every `flushMs` (and on close): the SDK hot
 * path adds a map increment, never a write. A failed send keeps its counts for the next one.
 */
export class EvaluationCounter {
  #counts = new Map<string, Count>();
  #seen = new Map<string, Seen>();
  #contexts = 0;
  #flushing: Promise<void> | null = null;
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly graph: Graph,
    private readonly log: Logger,
    private readonly options: EvaluationCounterOptions,
  ) {
    this.#timer = setInterval(() => void this.flush(), options.flushMs);
    this.#timer.unref();
  }

  /** Counts what an API key's evaluation for a context served. */
  record(
    principal: Extract<Principal, { kind: 'apiKey' }>,
    contextKey: string,
    results: EvaluationResult[],
  ): void {
    const { organizationId, environmentId } = principal;
    const now = new Date();
    for (const { flagKey, variation, reason, errorCode } of results) {
      // A key no flag has is not a flag's activity.
      if (errorCode === 'FLAG_NOT_FOUND') continue;
      const id = keyOf({ environmentId, flagKey, variation: variation ?? '', reason });
      const count = this.#counts.get(id);
      if (count) {
        count.count++;
        count.lastAt = now;
      } else
        this.#counts.set(id, {
          organizationId,
          environmentId,
          flagKey,
          variation: variation ?? '',
          reason,
          count: 1,
          lastAt: now,
        });
    }
    let seen = this.#seen.get(environmentId);
    if (!seen) this.#seen.set(environmentId, (seen = { organizationId, keys: new Set() }));
    if (!seen.keys.has(contextKey)) {
      seen.keys.add(contextKey);
      if (++this.#contexts >= this.options.maxContexts) void this.flush();
    }
  }

  /** Sends what was counted since the last send; concurrent calls share one send. */
  flush(): Promise<void> {
    this.#flushing ??= this.#send().finally(() => (this.#flushing = null));
    return this.#flushing;
  }

  async #send(): Promise<void> {
    if (this.#counts.size === 0 && this.#seen.size === 0) return;
    const counts = [...this.#counts.values()];
    const seen = [...this.#seen.entries()];
    this.#counts = new Map();
    this.#seen = new Map();
    this.#contexts = 0;
    const at = new Date();
    try {
      const result = await this.graph.execute(
        {
          query: RECORD,
          variables: {
            counts,
            contexts: seen.map(([environmentId, { organizationId, keys }]) => ({
              organizationId,
              environmentId,
              keys: [...keys],
              at,
            })),
          },
        },
        { principal: { kind: 'system', name: 'gateway' }, requestId: randomUUID() },
      );
      if (result.errors?.length) throw new Error(result.errors[0]!.message);
    } catch (error) {
      this.log.warn('evaluation counts not sent; kept for the next send', { error });
      this.#restore(counts, seen);
    }
  }

  /** Puts counts that could not be sent back, added to those counted meanwhile. */
  #restore(counts: Count[], seen: [string, Seen][]): void {
    for (const count of counts) {
      const now = this.#counts.get(keyOf(count));
      if (now) now.count += count.count;
      else this.#counts.set(keyOf(count), count);
    }
    for (const [environmentId, { organizationId, keys }] of seen) {
      // While analytics stays away, contexts beyond a few flushes' worth are let go (counts are kept).
      if (this.#contexts + keys.size > this.options.maxContexts * 4) continue;
      this.#contexts += keys.size;
      const now = this.#seen.get(environmentId);
      if (!now) this.#seen.set(environmentId, { organizationId, keys });
      else for (const key of keys) now.keys.add(key);
    }
  }

  /** Stops counting and sends what is left. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }
}
