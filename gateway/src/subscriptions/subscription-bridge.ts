import type { DomainEvent, EventBus, Logger, Principal } from '@vexil/platform';
import { GraphQLError, print, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Graph } from '../graph/create-graph.js';
import { EVENT_VARIABLE, toRehydrationQuery } from './rehydration-query.js';

/** A subscriber's pending results; bounded so a slow consumer cannot grow the gateway's memory. */
class Sink implements AsyncIterableIterator<ExecutionResult> {
  readonly #queue: ExecutionResult[] = [];
  #waiting: ((result: IteratorResult<ExecutionResult>) => void) | null = null;
  #done = false;

  constructor(
    private readonly capacity: number,
    private readonly onClose: () => void,
  ) {}

  push(result: ExecutionResult): void {
    if (this.#done) return;
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = null;
      resolve({ value: result, done: false });
    } else if (this.#queue.length < this.capacity) {
      this.#queue.push(result);
    } else {
      this.#queue.push({ errors: [new GraphQLError('Subscriber is too slow; subscription ended')] });
      void this.return();
    }
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    const queued = this.#queue.shift();
    if (queued) return Promise.resolve({ value: queued, done: false });
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.#waiting = resolve));
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    if (!this.#done) {
      this.#done = true;
      this.onClose();
      this.#waiting?.({ value: undefined, done: true });
      this.#waiting = null;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}

/** Subscribers that share a document, variables and principal: their payloads are computed once. */
interface Group {
  query: DocumentNode;
  responseKey: string;
  variables: Record<string, unknown>;
  principal: Principal;
  sinks: Set<Sink>;
  /** Events are handled one after the other per group, so each subscriber sees commit order. */
  tail: Promise<void>;
}

/**
 * Executes subscriptions at the gateway (STACK.md): for every committed event on the bus, each group of
 * subscribers gets its selection re-hydrated through the graph as a query, run as the subscriber; the
 * owning subgraph answers null when the event is not for them.
 */
export class SubscriptionBridge {
  readonly #groups = new Map<string, Group>();
  readonly #unsubscribe: () => void;

  constructor(
    bus: EventBus,
    private readonly graph: Graph,
    private readonly log: Logger,
    private readonly capacity = 1000,
  ) {
    this.#unsubscribe = bus.subscribe((event) => this.#dispatch(event));
  }

  /** Starts a subscription; the iterator ends when the client unsubscribes. */
  subscribe(options: {
    document: DocumentNode;
    operationName?: string | null;
    variables: Record<string, unknown>;
    principal: Principal;
  }): AsyncIterableIterator<ExecutionResult> {
    const { query, responseKey } = toRehydrationQuery(options.document, options.operationName);
    // The address and session of a caller change nothing it may see, so they do not split groups.
    const scope = { ...options.principal, clientIp: undefined, sessionId: undefined };
    const key = JSON.stringify([print(query), options.variables, scope]);
    let group = this.#groups.get(key);
    if (!group) {
      group = {
        query,
        responseKey,
        variables: options.variables,
        principal: options.principal,
        sinks: new Set(),
        tail: Promise.resolve(),
      };
      this.#groups.set(key, group);
    }
    const owner = group;
    const sink = new Sink(this.capacity, () => {
      owner.sinks.delete(sink);
      if (owner.sinks.size === 0) this.#groups.delete(key);
    });
    owner.sinks.add(sink);
    return sink;
  }

  close(): void {
    this.#unsubscribe();
    for (const group of this.#groups.values()) for (const sink of group.sinks) void sink.return();
  }

  #dispatch(event: DomainEvent): void {
    for (const group of this.#groups.values()) {
      group.tail = group.tail.then(() => this.#deliver(group, event));
    }
  }

  async #deliver(group: Group, event: DomainEvent): Promise<void> {
    try {
      const result = await this.graph.execute(
        { query: group.query, variables: { ...group.variables, [EVENT_VARIABLE]: JSON.stringify(event) } },
        { principal: { ...group.principal, via: 'subscription' }, requestId: `event:${event.id}` },
      );
      if (!result.errors && result.data?.[group.responseKey] == null) return;
      // Apollo hands back plain error objects; graphql-ws needs GraphQLErrors to format them.
      const payload: ExecutionResult = {
        data: result.data ?? null,
        ...(result.errors
          ? {
              errors: result.errors.map(
                (e) => new GraphQLError(e.message, { extensions: e.extensions ?? {} }),
              ),
            }
          : {}),
      };
      for (const sink of group.sinks) sink.push(payload);
    } catch (error) {
      this.log.error('subscription delivery failed', { event: event.type, error });
    }
  }
}
