import { randomUUID } from 'node:crypto';
import { periodicJob, type BackgroundJob, type Logger } from '@vexil/platform';
import type { Graph } from '../graph/create-graph.js';

/** `operational`, `degraded` (answering, with less than it should) or `down`. */
export type ComponentState = 'operational' | 'degraded' | 'down';

/** One component of the platform as a check found it. */
export interface ComponentStatus {
  name: string;
  status: ComponentState;
  latencyMs: number;
  message?: string;
}

/** A check of the whole platform: each component, and the worst of them. */
export interface StatusCheck {
  status: ComponentState;
  components: ComponentStatus[];
  checkedAt: Date;
}

const RECORD = `mutation RecordStatusCheck($components: [ComponentCheckInput!]!) {
  recordStatusCheck(components: $components)
}`;

const titled = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * What the gateway knows of the platform's health: each subgraph's readiness (its database included)
 * and whether SDK evaluation serves current rulesets. `/readyz` and the status routes read it; every
 * `intervalMs` a check is recorded in analytics, which keeps the history a status page shows.
 */
export class PlatformStatus {
  readonly #recording: BackgroundJob | undefined;

  constructor(
    private readonly subgraphUrls: Record<string, string>,
    private readonly graph: Graph,
    private readonly servingLastKnown: () => number,
    log: Logger,
    intervalMs: number,
  ) {
    this.#recording =
      intervalMs > 0
        ? periodicJob(log, 'status check not recorded', intervalMs, () => this.#record())
        : undefined;
  }

  /** Each subgraph's `/readyz`: `ready`, `unavailable` (it answered, not ready) or `unreachable`. */
  async subgraphs(): Promise<
    { name: string; state: 'ready' | 'unavailable' | 'unreachable'; latencyMs: number }[]
  > {
    return Promise.all(
      Object.entries(this.subgraphUrls).map(async ([name, url]) => {
        const started = performance.now();
        const state = await fetch(new URL('/readyz', url), { signal: AbortSignal.timeout(2000) }).then(
          (answer) => (answer.ok ? ('ready' as const) : ('unavailable' as const)),
          () => 'unreachable' as const,
        );
        return { name, state, latencyMs: Math.round(performance.now() - started) };
      }),
    );
  }

  async check(): Promise<StatusCheck> {
    const subgraphs = await this.subgraphs();
    const lastKnown = this.servingLastKnown();
    const components: ComponentStatus[] = [
      { name: 'API Server', status: 'operational', latencyMs: 0 },
      ...subgraphs.map(({ name, state, latencyMs }) => ({
        name: titled(name),
        status: state === 'ready' ? ('operational' as const) : ('down' as const),
        latencyMs,
        ...(state === 'ready' ? {} : { message: state }),
      })),
      {
        name: 'Flag Evaluation Engine',
        status: lastKnown > 0 ? 'degraded' : 'operational',
        latencyMs: 0,
        ...(lastKnown > 0
          ? { message: `${lastKnown} environments served from their last known ruleset` }
          : {}),
      },
    ];
    const status = components.some((component) => component.status === 'down')
      ? 'down'
      : components.some((component) => component.status === 'degraded')
        ? 'degraded'
        : 'operational';
    return { status, components, checkedAt: new Date() };
  }

  async stop(): Promise<void> {
    await this.#recording?.stop();
  }

  async #record(): Promise<void> {
    const { components } = await this.check();
    const result = await this.graph.execute(
      {
        query: RECORD,
        variables: {
          components: components.map(({ name, status }) => ({
            component: name,
            operational: status === 'operational',
          })),
        },
      },
      { principal: { kind: 'system', name: 'gateway' }, requestId: randomUUID() },
    );
    if (result.errors?.length) throw new Error(result.errors[0]!.message);
  }
}
