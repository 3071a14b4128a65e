import { setTimeout as sleep } from 'node:timers/promises';
import { createPostgreSqlTypeParsers } from '@mikro-orm/sql';
import {
  PostgresDialect,
  type AbortableOperationOptions,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import array from 'postgres-array';
import type { Logger } from '../observability/logger.js';
import { isTransientDatabaseError, markCommitOutcomeUnknown } from './transient-error.js';

/** How a service's pool on a PostgreSQL server behaves when the server goes away. */
export interface ServerPoolOptions {
  url: string;
  max: number;
  /**
   * How long one acquisition may take, waiting for a free connection and retrying refused connects
   * (a restarting server) together; past it the request fails as SERVICE_UNAVAILABLE.
   */
  acquireTimeoutMs: number;
  log: Logger;
}

/**
 * kysely's PostgreSQL dialect with a pool that heals after the server restarts.
 *
 * kysely releases a transaction's connection only after COMMIT or ROLLBACK succeeds, and never when BEGIN
 * fails; on a restarted server all three fail, so every slot of the pool leaked and every later request
 * waited forever (issue 10). Here each acquisition is its own handle: a failed BEGIN, COMMIT or ROLLBACK
 * hands the connection back at once (pg drops it from the pool when its socket is dead), and a late
 * call on the abandoned handle cannot touch a connection someone else holds by then.
 */
export class ServerDialect extends PostgresDialect {
  readonly pool: pg.Pool;

  constructor(private readonly options: ServerPoolOptions) {
    const types = new pg.TypeOverrides();
    // The same parsers MikroORM installs on the pools it creates itself.
    for (const [oid, parser] of Object.entries(createPostgreSqlTypeParsers((s: string) => array.parse(s))))
      types.setTypeParser(Number(oid), parser as (value: string) => unknown);
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.max,
      connectionTimeoutMillis: options.acquireTimeoutMs,
      types,
    });
    // A connection dropped by the server is reported as an 'error' event; unhandled, it would end the process.
    pool.on('error', (error) => options.log.warn('database connection lost', { error: error.message }));
    pool.on('connect', (client) =>
      client.on('error', (error) => options.log.warn('database connection lost', { error: error.message })),
    );
    super({ pool });
    this.pool = pool;
  }

  override createDriver(): Driver {
    return new HealingDriver(super.createDriver(), this.options.acquireTimeoutMs);
  }
}

// A statement that only reads may run again on a fresh connection after its connection died under it.
const READ_ONLY = /^\s*select\b(?![\s\S]*\bfor\s+(update|share|no key update|key share)\b)/i;

/** One acquisition of a pooled connection; dead once handed back. */
class Handle implements DatabaseConnection {
  released = false;
  inTransaction = false;
  constructor(
    public inner: DatabaseConnection,
    private readonly driver: HealingDriver,
  ) {}

  async executeQuery<R>(query: CompiledQuery, options?: AbortableOperationOptions): Promise<QueryResult<R>> {
    if (this.released) throw new Error('Connection lost: the transaction was abandoned');
    try {
      return await this.inner.executeQuery<R>(query, options);
    } catch (error) {
      if (this.inTransaction || !isTransientDatabaseError(error) || !READ_ONLY.test(query.sql)) throw error;
      // Outside a transaction a read that lost its connection changed nothing: run it on a new one.
      this.inner = await this.driver.replace(this.inner);
      return this.inner.executeQuery<R>(query, options);
    }
  }

  streamQuery<R>(
    query: CompiledQuery,
    chunkSize: number,
    options?: AbortableOperationOptions,
  ): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize, options);
  }
}

class HealingDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly acquireTimeoutMs: number,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Handle(await this.#acquireInner(), this);
  }

  /** Hands back a connection that broke and acquires another in its place. */
  async replace(broken: DatabaseConnection): Promise<DatabaseConnection> {
    await this.inner.releaseConnection(broken);
    return this.#acquireInner();
  }

  /** Waits for a connection, riding out a server that refuses connects while it restarts. */
  async #acquireInner(): Promise<DatabaseConnection> {
    const deadline = Date.now() + this.acquireTimeoutMs;
    for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
      try {
        return await this.inner.acquireConnection();
      } catch (error) {
        if (!isTransientDatabaseError(error) || Date.now() + delay >= deadline) throw error;
        await sleep(delay);
      }
    }
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const handle = connection as Handle;
    await this.#orAbandon(handle, () => this.inner.beginTransaction(handle.inner, settings));
    handle.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const handle = connection as Handle;
    try {
      await this.#orAbandon(handle, () => this.inner.commitTransaction(handle.inner));
    } catch (error) {
      if (isTransientDatabaseError(error)) markCommitOutcomeUnknown(error);
      throw error;
    }
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const handle = connection as Handle;
    return this.#orAbandon(handle, () => this.inner.rollbackTransaction(handle.inner));
  }

  async savepoint(
    connection: DatabaseConnection,
    name: string,
    compile: Parameters<NonNullable<Driver['savepoint']>>[2],
  ) {
    await this.inner.savepoint!((connection as Handle).inner, name, compile);
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: Parameters<NonNullable<Driver['rollbackToSavepoint']>>[2],
  ) {
    await this.inner.rollbackToSavepoint!((connection as Handle).inner, name, compile);
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: Parameters<NonNullable<Driver['releaseSavepoint']>>[2],
  ) {
    await this.inner.releaseSavepoint!((connection as Handle).inner, name, compile);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const handle = connection as Handle;
    if (handle.released) return;
    handle.released = true;
    await this.inner.releaseConnection(handle.inner);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }

  /** Runs a transaction step; when it fails, the connection goes back to the pool before the error does. */
  async #orAbandon(handle: Handle, step: () => Promise<void>): Promise<void> {
    if (handle.released) throw new Error('Connection lost: the transaction was abandoned');
    try {
      await step();
    } catch (error) {
      await this.releaseConnection(handle).catch(() => {});
      throw error;
    }
  }
}
