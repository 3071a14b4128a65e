import {
  ACCESS_REVOKED,
  accessRevocationOf,
  revokes,
  type AccessRevocation,
  type DomainEvent,
  type EventBus,
  type IssuedAccess,
} from '@vexil/platform';
import { keysChangedBy } from './api-key-events.js';
import type { Caller } from './authenticate.js';

interface Watcher {
  caller: Caller;
  end(reason: string): void;
}

/**
 * Where access ends before the credentials would (docs/decisions/0007), for every transport alike.
 * Access tokens: identity's `access.revoked` events, kept for one token lifetime (no token they refuse
 * is still unexpired after that), refuse matching tokens issued up to their instant. Live connections
 * (graphql-ws sockets, SSE streams) also end on a revoked API key or a deleted organization.
 */
export class AccessRevocations {
  /** Revocations in force, by user: a request for a user without any costs one Map lookup. */
  readonly #byUser = new Map<string, (AccessRevocation & { eventId: string })[]>();
  readonly #watchers = new Set<Watcher>();
  readonly #unsubscribe: () => void;

  private constructor(
    bus: EventBus,
    private readonly ttlMs: number,
    private readonly now: () => Date,
  ) {
    this.#unsubscribe = bus.subscribe((event) => this.#heard(event));
  }

  /**
   * Starts listening, then reads the revocations of the last token lifetime from `source`'s outbox: a
   * gateway that starts refuses what its predecessors refused. Listening first means nothing committed
   * meanwhile is missed; an event both read and heard counts once.
   */
  static async open(options: {
    bus: EventBus;
    source: string;
    ttlMs: number;
    now: () => Date;
  }): Promise<AccessRevocations> {
    const revocations = new AccessRevocations(options.bus, options.ttlMs, options.now);
    const since = new Date(options.now().getTime() - options.ttlMs);
    try {
      for (const event of await options.bus.recent(options.source, ACCESS_REVOKED, since))
        revocations.#remember(event);
    } catch (error) {
      revocations.close();
      throw error;
    }
    return revocations;
  }

  /** Whether an access token was revoked after it was issued. */
  refuses(access: IssuedAccess): boolean {
    return this.#byUser.get(access.userId)?.some((revocation) => revokes(revocation, access)) ?? false;
  }

  /**
   * Calls `end` once, with the reason, if the caller's access ends while it is connected; the returned
   * function stops watching.
   */
  watch(caller: Caller, end: (reason: string) => void): () => void {
    const watcher: Watcher = {
      caller,
      end: (reason) => {
        this.#watchers.delete(watcher);
        end(reason);
      },
    };
    this.#watchers.add(watcher);
    return () => this.#watchers.delete(watcher);
  }

  close(): void {
    this.#unsubscribe();
    this.#watchers.clear();
    this.#byUser.clear();
  }

  #heard(event: DomainEvent): void {
    const revocation = this.#remember(event);
    for (const watcher of this.#watchers) {
      const reason = endedBy(event, revocation, watcher.caller);
      if (reason) watcher.end(reason);
    }
  }

  #remember(event: DomainEvent): AccessRevocation | null {
    const revocation = accessRevocationOf(event);
    if (!revocation) return null;
    this.#forgetExpired();
    const list = this.#byUser.get(revocation.userId) ?? [];
    if (!list.some((known) => known.eventId === event.id)) list.push({ ...revocation, eventId: event.id });
    this.#byUser.set(revocation.userId, list);
    return revocation;
  }

  /** Drops revocations older than a token lifetime; run when one arrives, so the map stays bounded. */
  #forgetExpired(): void {
    const horizon = this.now().getTime() - this.ttlMs;
    for (const [userId, list] of this.#byUser) {
      const live = list.filter((revocation) => revocation.issuedUpTo >= horizon);
      if (live.length === 0) this.#byUser.delete(userId);
      else if (live.length < list.length) this.#byUser.set(userId, live);
    }
  }
}

/** Why `event` ends the caller's access, or null when it does not. */
function endedBy(event: DomainEvent, revocation: AccessRevocation | null, caller: Caller): string | null {
  const { principal } = caller;
  if (principal.kind === 'apiKey' && keysChangedBy(event).revoked.includes(principal.keyId))
    return 'API key revoked';
  if (
    (principal.kind === 'apiKey' || principal.kind === 'user') &&
    event.type === 'organization.deleted' &&
    event.organizationId === principal.organizationId
  )
    return 'Organization deleted';
  if (
    revocation &&
    principal.kind === 'user' &&
    caller.issuedAt !== undefined &&
    revokes(revocation, { ...principal, issuedAt: caller.issuedAt })
  )
    return 'Session ended; sign in again';
  return null;
}
