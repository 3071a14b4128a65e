import type { AnyEntity, Constructor, EntityClass } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createOrm, migrate, type Orm } from '../database/create-orm.js';
import type { Database } from '../database/database.js';
import { consumeEvents, type EventReaction } from '../events/event-consumer.js';
import type { EventBus } from '../events/event-bus.js';
import { ConsumerPosition } from '../events/consumer-position.entity.js';
import { DeadEvent } from '../events/dead-event.entity.js';
import { InboxEntry } from '../events/inbox-entry.entity.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { OutboxRelay } from '../events/outbox-relay.js';
import type { Logger } from '../observability/logger.js';
import type { FederatedSchema } from './build-federated-schema.js';
import { createSubgraphServer, type RunningServer, type SubgraphContext } from './create-subgraph-server.js';

/** What a service gets from the process that hosts it. */
export interface ServiceDeps {
  database: Database;
  bus: EventBus;
  log: Logger;
  principalSecret: string;
  /** 0 picks a free port. */
  port: number;
  /** Interface to listen on; loopback unless the subgraph runs in its own container. */
  host?: string;
  /** The clock expiries are measured with; tests pass one they can move. */
  now?: () => Date;
}

/** The parts of a service that every resolver and reaction is built from. */
export interface ServiceRuntime {
  orm: Orm;
  relay: OutboxRelay;
  bus: EventBus;
  log: Logger;
  now: () => Date;
  /**
   * Resolves when this service has handled every event delivered to it so far: a caller waiting for
   * another service's event can then also rely on this service's read models having caught up.
   */
  eventsHandled(): Promise<void>;
}

/** A running subgraph with its ORM, for tests and the process that hosts it. */
export interface RunningService extends RunningServer {
  name: string;
  orm: Orm;
}

/**
 * The composition root every subgraph shares: open its ORM on its schema, migrate, start its outbox
 * relay and its event reactions, build its schema and serve it. Each service's `createServer` is this
 * plus its own entities, resolvers and context.
 */
export async function startService<C extends SubgraphContext>(
  deps: ServiceDeps,
  definition: {
    name: string;
    entities: EntityClass<AnyEntity>[];
    migrations: Constructor<Migration>[];
    schema: () => Promise<FederatedSchema>;
    context: (base: SubgraphContext, em: EntityManager, runtime: ServiceRuntime) => C;
    reactions?: (runtime: ServiceRuntime) => Record<string, EventReaction>;
    /** Work the service runs beside requests (schedulers); each is stopped on dispose. */
    background?: (runtime: ServiceRuntime) => { stop(): Promise<void> }[];
  },
): Promise<RunningService> {
  const log = deps.log.child({ service: definition.name });
  const orm = await createOrm({
    service: definition.name,
    database: deps.database,
    entities: [...definition.entities, OutboxEvent, InboxEntry, ConsumerPosition, DeadEvent],
    migrations: definition.migrations,
    log,
  });
  await migrate(orm, log);
  const relay = new OutboxRelay(orm, definition.name, deps.bus, log);
  const runtime: ServiceRuntime = {
    orm,
    relay,
    bus: deps.bus,
    log,
    now: deps.now ?? (() => new Date()),
    eventsHandled: async () => consumer?.idle(),
  };
  const consumer = definition.reactions
    ? consumeEvents({
        orm,
        bus: deps.bus,
        relay,
        service: definition.name,
        reactions: definition.reactions(runtime),
        log,
      })
    : undefined;
  const jobs = definition.background?.(runtime) ?? [];
  relay.kick();
  const { schema } = await definition.schema();
  const server = await createSubgraphServer({
    name: definition.name,
    schema,
    principalSecret: deps.principalSecret,
    port: deps.port,
    ...(deps.host ? { host: deps.host } : {}),
    log,
    context: (base) => definition.context(base, orm.em.fork() as EntityManager, runtime),
    ready: async () => (await orm.checkConnection()).ok,
  });
  return {
    name: definition.name,
    url: server.url,
    orm,
    async dispose() {
      await server.dispose();
      await Promise.all(jobs.map((job) => job.stop()));
      await consumer?.stop();
      await relay.close();
      await orm.close();
    },
  };
}
