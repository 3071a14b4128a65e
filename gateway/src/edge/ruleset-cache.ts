import type { Ruleset } from '@vexil/evaluation';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  DomainError,
  type DomainEvent,
  type EventBus,
  type Logger,
} from '@vexil/platform';
import type { Graph } from '../graph/create-graph.js';

/** A variation a serve names, with its value (the flags subgraph's `Serve` and `RolloutSlice`). */
export interface ServedSlice {
  variation: string;
  value: unknown;
  weight: number;
}

/** A serve as the flags subgraph shows it: one variation and its value, or slices with theirs. */
export interface ServedValues {
  variation: string | null;
  value: unknown;
  rollout: ServedSlice[] | null;
}

/** What SDK listings show of a flag besides its ruleset (Flagify's `/eval/flags`). */
export interface FlagDetails {
  key: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  /** The flag's configuration here with the values it serves, as the flags subgraph reads it. */
  configuration: {
    offValue: unknown;
    defaultServe: ServedValues;
    rules: {
      id: string;
      match: string;
      description: string | null;
      conditions: { attribute: string; operator: string; values: unknown[] }[];
      serve: ServedValues;
    }[];
  };
}

/** An environment's ruleset as the gateway holds it. */
export interface CachedRuleset {
  environmentId: string;
  environmentKey: string;
  projectId: string;
  organizationId: string;
  ruleset: Ruleset;
  /** Details of the ruleset's flags, by key. */
  flags: Record<string, FlagDetails>;
}

const LOAD = /* GraphQL */ `
  query EdgeRuleset($environmentId: ID!) {
    _environmentRuleset(environmentId: $environmentId) {
      environmentId
      environmentKey
      projectId
      organizationId
      ruleset
      flags {
        key
        name
        description
        createdAt
        updatedAt
        configuration {
          offValue
          defaultServe {
            variation
            value
            rollout {
              variation
              value
              weight
            }
          }
          rules {
            id
            match
            description
            conditions {
              attribute
              operator
              values
            }
            serve {
              variation
              value
              rollout {
                variation
                value
                weight
              }
            }
          }
        }
      }
    }
  }
`;

/**
 * Keeps each environment's ruleset in memory so SDK evaluation makes no database or subgraph call.
 * A ruleset is loaded through the graph on first use and dropped on every change event of its project,
 * so the next evaluation reloads it; a load that raced with a change is used once but never cached.
 * While the flags subgraph is unreachable, an environment whose reload fails is served its last known
 * ruleset (and `/readyz` says how many are); one never loaded is `SERVICE_UNAVAILABLE`.
 */
export class RulesetCache {
  readonly #entries = new Map<string, { projectId?: string; ruleset: Promise<CachedRuleset | null> }>();
  /** The last ruleset loaded per environment, kept across invalidations as the fallback. */
  readonly #lastKnown = new Map<string, CachedRuleset>();
  /** Environments answered from {@link #lastKnown} since their last failed reload. */
  readonly #servingLastKnown = new Set<string>();
  readonly #unsubscribe: () => void;

  constructor(
    private readonly graph: Graph,
    bus: EventBus,
    private readonly log: Logger,
  ) {
    this.#unsubscribe = bus.subscribe((event) => this.#invalidate(event));
  }

  /** The ruleset of an environment, or null if there is no such environment. */
  get(environmentId: string): Promise<CachedRuleset | null> {
    const cached = this.#entries.get(environmentId);
    if (cached) return cached.ruleset;
    const entry: { projectId?: string; ruleset: Promise<CachedRuleset | null> } = {
      ruleset: this.#load(environmentId).then(
        (loaded) => {
          if (loaded) this.#lastKnown.set(environmentId, loaded);
          else this.#lastKnown.delete(environmentId);
          this.#servingLastKnown.delete(environmentId);
          return loaded;
        },
        (error: unknown) => {
          const last = this.#lastKnown.get(environmentId);
          if (!last || !(error instanceof DomainError && error.code === 'SERVICE_UNAVAILABLE')) throw error;
          // Not cached as current: the next evaluation tries to reload.
          this.#servingLastKnown.add(environmentId);
          if (this.#entries.get(environmentId) === entry) this.#entries.delete(environmentId);
          return last;
        },
      ),
    };
    this.#entries.set(environmentId, entry);
    entry.ruleset.then(
      (loaded) => {
        if (loaded) entry.projectId = loaded.projectId;
        else if (this.#entries.get(environmentId) === entry) this.#entries.delete(environmentId);
      },
      () => this.#entries.get(environmentId) === entry && this.#entries.delete(environmentId),
    );
    return entry.ruleset;
  }

  /** How many environments are answered from their last known ruleset because reloading it failed. */
  get servingLastKnown(): number {
    return this.#servingLastKnown.size;
  }

  close(): void {
    this.#unsubscribe();
    this.#entries.clear();
    this.#lastKnown.clear();
  }

  async #load(environmentId: string): Promise<CachedRuleset | null> {
    const result = await this.graph.execute(
      { query: LOAD, variables: { environmentId } },
      { principal: { kind: 'system', name: 'edge' }, requestId: `edge:${environmentId}` },
    );
    if (result.errors?.length) {
      this.log.error('ruleset load failed', { environmentId, errors: result.errors });
      if (result.errors.some((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE'))
        throw DomainError.unavailable(
          DATABASE_RETRY_AFTER_SECONDS,
          'flag rules are unreachable; retry shortly',
        );
      throw new Error('ruleset load failed');
    }
    const loaded = result.data?._environmentRuleset as
      (Omit<CachedRuleset, 'flags'> & { flags: FlagDetails[] }) | null | undefined;
    if (!loaded) return null;
    return { ...loaded, flags: Object.fromEntries(loaded.flags.map((flag) => [flag.key, flag])) };
  }

  #invalidate(event: DomainEvent): void {
    const projectId = typeof event.payload.projectId === 'string' ? event.payload.projectId : undefined;
    const environmentId =
      typeof event.payload.environmentId === 'string' ? event.payload.environmentId : undefined;
    if (!projectId && !environmentId) return;
    for (const [id, entry] of this.#entries) {
      // An entry still loading has no project yet: drop it too, its answer may predate this change.
      if (id === environmentId || entry.projectId === projectId || entry.projectId === undefined)
        this.#entries.delete(id);
    }
  }
}
