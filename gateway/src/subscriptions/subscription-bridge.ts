import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DomainError,
  SUBSCRIPTION_STARTED,
  subscriptionPayloads,
  subscriptionRetries,
  type DomainEvent,
  type EventBus,
  type Logger,
  type Principal,
} from '@vexil/platform';
import {
  GraphQLError,
  print,
  type DocumentNode,
  type ExecutionResult,
  type FormattedExecutionResult,
} from 'graphql';
import type { Graph } from '../graph/create-graph.js';
import { EVENT_VARIABLE, selectAlso, toRehydrationQuery } from './rehydration-query.js';

// The alias under which the bridge selects a distinct field's fingerprint, apart from the client's selection.
const DISTINCT_ALIAS = '__vexilDistinct';

// A payload is serialized once per event and group; the graphql-ws server sends this text to every
// subscriber of the group instead of stringifying the same object again for each of them.
const serializedPayloads = new WeakMap<ExecutionResult, string>();

/** The JSON of a payload the bridge produced, serialized once for all its subscribers. */
export function serializedPayload(result: ExecutionResult): string | undefined {
  return serializedPayloads.get(result);
}

/** A group's result for one event. */
interface Payload {
  result: ExecutionResult;
  /** The event's position in commit order. */
  sequence: number;
  /** The payload's fingerprint, for fields sent only when it changes ({@link FieldBehaviour.distinctBy}). */
  digest?: string;
}

/**
 * A subscriber's pending results; bounded so a slow consumer cannot grow the gateway's memory. While it
 * catches up (initial state, resumed history) live results are held back, then released without the ones
 * the catch-up already covered: each result carries its event's sequence and a sink never goes back.
 */
class Sink implements AsyncIterableIterator<ExecutionResult> {
  readonly #queue: ExecutionResult[] = [];
  #held: Payload[] | null;
  #last = -1;
  #lastDigest: string | undefined;
  #waiting: ((result: IteratorResult<ExecutionResult>) => void) | null = null;
  #done = false;

  constructor(
    private readonly capacity: number,
    private readonly onClose: () => void,
    private readonly onSlow: (() => void) | undefined,
    catchingUp: boolean,
  ) {
    this.#held = catchingUp ? [] : null;
  }

  /** A live result; held while the sink catches up. */
  push(payload: Payload): void {
    if (this.#held) {
      this.#held.push(payload);
      if (this.#held.length > this.capacity) this.#overflow();
    } else {
      this.deliver(payload);
    }
  }

  /**
   * A result in order: skipped when an earlier delivery already covered its sequence, or when it
   * fingerprints the same as the last one this subscriber got.
   */
  deliver({ result, sequence, digest }: Payload): void {
    if (this.#done || sequence <= this.#last) return;
    this.#last = sequence;
    if (digest !== undefined) {
      if (digest === this.#lastDigest) return;
      this.#lastDigest = digest;
    }
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = null;
      resolve({ value: result, done: false });
    } else if (this.#queue.length < this.capacity) {
      this.#queue.push(result);
    } else {
      this.#overflow();
    }
  }

  /** Ends the catch-up: the held live results follow. */
  release(): void {
    const held = this.#held ?? [];
    this.#held = null;
    for (const payload of held) this.deliver(payload);
  }

  /** Ends the subscription with one last error result. */
  fail(error: GraphQLError): void {
    if (this.#done) return;
    this.#held = null;
    this.#queue.push({ errors: [error] });
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = null;
      resolve({ value: this.#queue.shift()!, done: false });
    }
    this.#finish();
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    const queued = this.#queue.shift();
    if (queued) return Promise.resolve({ value: queued, done: false });
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.#waiting = resolve));
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    this.#finish();
    this.#queue.length = 0;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  #overflow(): void {
    this.#queue.length = 0;
    this.onSlow?.();
    this.fail(
      new GraphQLError('Subscriber is too slow; subscription ended', { extensions: { code: 'TOO_SLOW' } }),
    );
  }

  #finish(): void {
    if (this.#done) return;
    this.#done = true;
    this.onClose();
    this.#waiting?.({ value: undefined, done: true });
    this.#waiting = null;
  }
}

/** How a feed that cannot go on ends: the client may subscribe again with `after` and lose nothing. */
function stalled(): GraphQLError {
  const { code, message } = new DomainError(
    'SERVICE_UNAVAILABLE',
    'the subscription feed could not load a change; subscribe again with `after` set to the last sequence',
  );
  return new GraphQLError(message, { extensions: { code } });
}

/** Subscribers that share a document, variables and principal: their payloads are computed once. */
interface Group {
  query: DocumentNode;
  responseKey: string;
  variables: Record<string, unknown>;
  principal: Principal;
  sinks: Set<Sink>;
  behaviour: FieldBehaviour;
  /** Events are handled one after the other per group, so each subscriber sees commit order. */
  tail: Promise<void>;
}

/** What a subscription field does beyond one payload per event that concerns the subscriber. */
export interface FieldBehaviour {
  /** Sends the current state first: the field answers {@link SUBSCRIPTION_STARTED}. */
  startsWithState?: boolean;
  /** A payload field that fingerprints it: a payload equal to the subscriber's last one is not sent. */
  distinctBy?: string;
}

export interface SubscriptionBridgeOptions {
  /** The service whose events feed the subscriptions; `sequence` and `after` count its outbox. */
  source: string;
  /** Subscription fields that behave beyond the default, by name. */
  fields: Readonly<Record<string, FieldBehaviour>>;
  /** Results a subscriber may have pending before it is cut off. */
  capacity: number;
  /** At most this many committed events are replayed for `after`; further back is `RESUME_TOO_FAR`. */
  resumeLimit: number;
  /** How long an event's payload may stay unavailable (a subgraph or the database down) before the feed ends. */
  stallMs: number;
}

/**
 * Executes subscriptions at the gateway (STACK.md, docs/decisions/0001): for every committed event of
 * the source, each group of subscribers gets its selection re-hydrated through the graph as a query,
 * run as the subscriber; the owning subgraph answers null when the event is not for them. A subscription
 * with `after: <sequence>` first gets the events committed since then (read from the outbox), so a
 * client that reconnects misses nothing.
 */
export class SubscriptionBridge {
  readonly #groups = new Map<string, Group>();
  readonly #unsubscribe: () => void;
  #closed = false;

  constructor(
    private readonly bus: EventBus,
    private readonly graph: Graph,
    private readonly log: Logger,
    private readonly options: SubscriptionBridgeOptions,
  ) {
    this.#unsubscribe = bus.subscribe((event) => {
      if (event.source === options.source) this.#dispatch(event);
    });
  }

  /** Starts a subscription; the iterator ends when the client unsubscribes. */
  subscribe(options: {
    document: DocumentNode;
    operationName?: string | null;
    variables: Record<string, unknown>;
    principal: Principal;
    /** Called when the subscriber falls `capacity` results behind (the transport should disconnect it). */
    onSlow?: () => void;
  }): AsyncIterableIterator<ExecutionResult> {
    const rehydration = toRehydrationQuery(options.document, options.operationName, options.variables);
    const { responseKey, fieldName, variables, after } = rehydration;
    const behaviour = this.options.fields[fieldName] ?? {};
    const query = behaviour.distinctBy
      ? selectAlso(rehydration.query, DISTINCT_ALIAS, behaviour.distinctBy)
      : rehydration.query;
    // The address and session of a caller change nothing it may see, so they do not split groups.
    const scope = { ...options.principal, clientIp: undefined, sessionId: undefined };
    const key = JSON.stringify([print(query), variables, scope]);
    let group = this.#groups.get(key);
    if (!group) {
      group = {
        query,
        responseKey,
        variables,
        principal: options.principal,
        sinks: new Set(),
        behaviour,
        tail: Promise.resolve(),
      };
      this.#groups.set(key, group);
    }
    const owner = group;
    const initial = behaviour.startsWithState === true;
    const sink = new Sink(
      this.options.capacity,
      () => {
        owner.sinks.delete(sink);
        if (owner.sinks.size === 0) this.#groups.delete(key);
      },
      options.onSlow,
      initial || after !== undefined,
    );
    owner.sinks.add(sink);
    if (initial || after !== undefined) void this.#catchUp(owner, sink, after, initial);
    return sink;
  }

  close(): void {
    this.#closed = true;
    this.#unsubscribe();
    for (const group of this.#groups.values()) for (const sink of group.sinks) void sink.return();
  }

  /** Replays what the subscriber missed, then its initial state, then lets the held live results through. */
  async #catchUp(group: Group, sink: Sink, after: number | undefined, initial: boolean): Promise<void> {
    try {
      if (after !== undefined) {
        const missed = await this.bus.history(this.options.source, after, this.options.resumeLimit + 1);
        if (missed.length > this.options.resumeLimit) {
          const { code, message } = new DomainError('RESUME_TOO_FAR');
          sink.fail(new GraphQLError(message, { extensions: { code } }));
          return;
        }
        for (const event of missed) {
          const payload = await this.#rehydrate(group, event);
          if (payload) sink.deliver(payload);
        }
      }
      if (initial) {
        const started: DomainEvent = {
          id: randomUUID(),
          source: this.options.source,
          // Read before the state, so every change after it is a live result with a higher sequence.
          seq: await this.bus.head(this.options.source),
          type: SUBSCRIPTION_STARTED,
          organizationId: null,
          aggregateId: null,
          actor: null,
          payload: {},
          occurredAt: new Date().toISOString(),
        };
        const payload = await this.#rehydrate(group, started);
        if (payload) sink.deliver(payload);
      }
      sink.release();
    } catch (error) {
      this.log.error('subscription catch-up failed', { error });
      sink.fail(stalled());
    }
  }

  #dispatch(event: DomainEvent): void {
    for (const group of this.#groups.values()) {
      group.tail = group.tail.then(() => this.#deliver(group, event));
    }
  }

  async #deliver(group: Group, event: DomainEvent): Promise<void> {
    // Events queued behind a slow one may still be waiting when the gateway shuts down.
    if (this.#closed) return;
    try {
      const payload = await this.#rehydrate(group, event);
      if (!payload) return;
      serializedPayloads.set(payload.result, JSON.stringify(payload.result));
      subscriptionPayloads.inc({ stage: 'serialized' });
      for (const sink of group.sinks) sink.push(payload);
    } catch (error) {
      // The feed cannot go on in order without this event: end it, and the clients resume with `after`.
      this.log.error('subscription delivery failed; ending the feed', { event: event.type, error });
      for (const sink of group.sinks) sink.fail(stalled());
    }
  }

  /**
   * The group's payload for one event, or null when the event is not for it. A subgraph or database
   * that is briefly unreachable is waited for (the group's later events queue behind this one, so order
   * holds); only after `stallMs` does it give up and throw.
   */
  async #rehydrate(group: Group, event: DomainEvent): Promise<Payload | null> {
    const started = Date.now();
    let result: FormattedExecutionResult;
    for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
      result = await this.graph.execute(
        { query: group.query, variables: { ...group.variables, [EVENT_VARIABLE]: JSON.stringify(event) } },
        { principal: { ...group.principal, via: 'subscription' }, requestId: `event:${event.id}` },
      );
      if (!result.errors?.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) break;
      if (group.sinks.size === 0 || this.#closed) return null;
      if (Date.now() - started + delay > this.options.stallMs)
        throw new Error(`rehydration unavailable for ${this.options.stallMs} ms`);
      subscriptionRetries.inc();
      await sleep(delay);
    }
    const field = result.data?.[group.responseKey] as Record<string, unknown> | null | undefined;
    if (!result.errors && field == null) return null;
    let data = result.data ?? null;
    let digest: string | undefined;
    if (group.behaviour.distinctBy && field) {
      // The fingerprint was selected for the bridge, not the client: it leaves the payload here.
      const { [DISTINCT_ALIAS]: fingerprint, ...rest } = field;
      digest = String(fingerprint);
      data = { ...data, [group.responseKey]: rest };
    }
    return {
      sequence: event.seq,
      digest,
      result: {
        data,
        // Apollo hands back plain error objects; graphql-ws needs GraphQLErrors to format them.
        ...(result.errors
          ? {
              errors: result.errors.map(
                (e) => new GraphQLError(e.message, { extensions: e.extensions ?? {} }),
              ),
            }
          : {}),
      },
    };
  }
}
