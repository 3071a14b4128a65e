import {
  MikroORM,
  type AnyEntity,
  type Constructor,
  type EntityClass,
  type LoggerOptions,
} from '@mikro-orm/core';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { sqlStatements } from '../observability/metrics.js';
import type { Logger } from '../observability/logger.js';
import { ormConnection, type Database } from './database.js';

/** What a service hands over to get its ORM: its schema, its entities and its migrations, in order. */
export interface ServiceOrmOptions {
  /** The service's name, which is also its PostgreSQL schema. */
  service: string;
  database: Database;
  entities: EntityClass<AnyEntity>[];
  migrations: Constructor<Migration>[];
  log: Logger;
  /** Connections per service in server mode. */
  poolMax?: number;
}

/** The ORM a service works with (MikroORM on PostgreSQL, server or embedded). */
export type Orm = MikroORM<PostgreSqlDriver>;

/**
 * Opens a service's MikroORM on its own schema. Every statement is counted per service in
 * `vexil_sql_statements_total`, which is how tests prove nested reads are batched.
 */
export async function createOrm(options: ServiceOrmOptions): Promise<Orm> {
  const requests = sqlStatements.labels(options.service, 'request');
  const background = sqlStatements.labels(options.service, 'background');
  const sqlLog = options.log.child({ component: 'sql' });
  return MikroORM.init<PostgreSqlDriver>({
    driver: PostgreSqlDriver,
    ...ormConnection(options.database, options.poolMax ?? 5, options.log),
    schema: options.service,
    entities: options.entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations,
      tableName: `${options.service}.mikro_orm_migrations`,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: ['query'],
    loggerFactory: (loggerOptions: LoggerOptions) => ({
      log: (namespace, message) => sqlLog.debug(String(message), { namespace }),
      error: (namespace, message) => sqlLog.error(String(message), { namespace }),
      warn: (namespace, message) => sqlLog.warn(String(message), { namespace }),
      logQuery: (context) => {
        (context.origin === 'background' ? background : requests).inc();
        if (context.level === 'error') sqlLog.warn('statement failed', { sql: context.query });
      },
      setDebugMode: () => {},
      isEnabled: (namespace) => namespace === 'query' && loggerOptions.debugMode !== false,
    }),
  });
}

/** Applies the service's pending migrations, logging each one as it runs. */
export async function migrate(orm: Orm, log: Logger): Promise<void> {
  const pending = await orm.migrator.getPending();
  if (pending.length === 0) return;
  log.info('applying migrations', { count: pending.length });
  const started = Date.now();
  const applied = await orm.migrator.up();
  for (const migration of applied) log.info('migration applied', { migration: migration.name });
  log.info('migrations done', { count: applied.length, ms: Date.now() - started });
}

/**
 * A unit of work for work no request waits on (relays, consumers, schedulers): its statements count
 * as `origin="background"`, apart from those of requests.
 */
export function backgroundEm(orm: Orm) {
  return orm.em.fork({ loggerContext: BACKGROUND });
}

/** The logger context of background statements, for raw `connection.execute` calls. */
export const BACKGROUND = { origin: 'background' } as Record<string, unknown>;
