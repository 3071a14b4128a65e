import type { Database } from '../database/database.js';
import type { Logger } from '../observability/logger.js';
import { InProcessEventBus, PostgresEventBus, type EventBus } from './event-bus.js';

/** The bus that fits the database: LISTEN/NOTIFY on a server, in-process beside embedded PGlite. */
export async function openEventBus(database: Database, log: Logger): Promise<EventBus> {
  return database.mode === 'server'
    ? PostgresEventBus.connect(database.url, log)
    : new InProcessEventBus(log, (sql, params) => database.dialect.query(sql, params));
}
