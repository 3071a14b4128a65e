import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Dialect } from 'kysely';
import type { Logger } from '../observability/logger.js';
import { PGliteDialect } from './pglite-dialect.js';
import { ServerDialect } from './server-dialect.js';

// MikroORM keeps dates as the strings PostgreSQL sends and parses them itself; PGlite must do the same.
const rawTemporalParsers = Object.fromEntries([1082, 1114, 1184, 1186].map((oid) => [oid, (s: string) => s]));

/**
 * The process's one database: a PostgreSQL server named by URL, or embedded PGlite opened in-process.
 * Every service of the process takes its connection settings from here (see {@link ormConnection}).
 */
export type Database =
  | {
      readonly mode: 'server';
      readonly url: string;
      /** How long a request may wait for a connection, riding out a restarting server. */
      readonly acquireTimeoutMs: number;
      close(): Promise<void>;
    }
  | {
      readonly mode: 'embedded';
      readonly pglite: PGlite;
      readonly dialect: PGliteDialect;
      close(): Promise<void>;
    };

/** How to reach the database: a server URL, a PGlite data directory, or PGlite in memory (`memory://`). */
export type DatabaseLocation =
  { url: string; acquireTimeoutMs?: number } | { dataDir: string } | { loadDataDir: Blob };

/** Default of `DATABASE_ACQUIRE_TIMEOUT_MS`. */
export const DEFAULT_ACQUIRE_TIMEOUT_MS = 5000;

/** Opens the database; embedded PGlite creates its data directory on first use. */
export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  if ('url' in location) {
    return {
      mode: 'server',
      url: location.url,
      acquireTimeoutMs: location.acquireTimeoutMs ?? DEFAULT_ACQUIRE_TIMEOUT_MS,
      close: async () => {},
    };
  }
  let pglite: PGlite;
  if ('dataDir' in location) {
    if (!location.dataDir.startsWith('memory://')) await mkdir(location.dataDir, { recursive: true });
    pglite = await PGlite.create(location.dataDir, { parsers: rawTemporalParsers });
  } else {
    pglite = await PGlite.create({ loadDataDir: location.loadDataDir, parsers: rawTemporalParsers });
  }
  return {
    mode: 'embedded',
    pglite,
    dialect: new PGliteDialect(pglite),
    close: () => pglite.close(),
  };
}

/** The MikroORM connection options for one service on this database. */
export function ormConnection(
  database: Database,
  poolMax: number,
  log: Logger,
): { clientUrl?: string; dbName?: string; driverOptions: Dialect } {
  return database.mode === 'server'
    ? {
        clientUrl: database.url,
        driverOptions: new ServerDialect({
          url: database.url,
          max: poolMax,
          acquireTimeoutMs: database.acquireTimeoutMs,
          log,
        }),
      }
    : { dbName: 'postgres', driverOptions: database.dialect.share() };
}
