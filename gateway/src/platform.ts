import {
  createLogger,
  databaseLocation,
  openDatabase,
  openEventBus,
  type Database,
  type EventBus,
  type Logger,
  type RunningService,
} from '@vexil/platform';
import { subgraphs } from '@vexil/schema';
import type { GatewayConfig } from './config.js';
import { createGatewayServer, type GatewayServer } from './server.js';

/** Everything `npm start` runs, as one handle. */
export interface Platform {
  gateway: GatewayServer;
  services: RunningService[];
  database: Database | undefined;
  bus: EventBus;
  log: Logger;
  dispose(): Promise<void>;
}

/**
 * Starts the platform. Without subgraph URLs in the config, the four subgraphs run in this process on
 * free loopback ports, on one database (PGlite under `.vexil/` unless `DATABASE_URL` is set) and one
 * event bus; with them, only the gateway runs here. Tests pass their own database and clock.
 */
export async function startPlatform(
  config: GatewayConfig,
  overrides: { database?: Database; log?: Logger; now?: () => Date } = {},
): Promise<Platform> {
  const log = overrides.log ?? createLogger(config.logLevel);
  const started = Date.now();
  const ownsDatabase = !overrides.database && !config.subgraphUrls;
  let database = overrides.database;
  if (!database && !config.subgraphUrls) {
    log.info(config.databaseUrl ? 'using PostgreSQL server' : 'opening embedded PostgreSQL', {
      dataDir: config.databaseUrl ? undefined : config.dataDir,
    });
    database = await openDatabase(databaseLocation(config));
  }
  if (!database && !config.databaseUrl)
    throw new Error('DATABASE_URL is required when the subgraphs run elsewhere');
  const bus = await openEventBus(database ?? (await openDatabase(databaseLocation(config))), log);
  const services: RunningService[] = [];
  const dispose = async () => {
    await gateway?.dispose();
    for (const service of services.reverse()) await service.dispose();
    await bus.close();
    if (ownsDatabase) await database?.close();
  };
  let gateway: GatewayServer | undefined;
  try {
    let urls = config.subgraphUrls;
    if (!urls) {
      for (const subgraph of subgraphs) {
        services.push(
          await subgraph.createServer({
            config,
            database: database!,
            bus,
            log,
            principalSecret: config.principalSecret,
            port: 0,
            ...(overrides.now ? { now: overrides.now } : {}),
          }),
        );
      }
      urls = Object.fromEntries(services.map((service) => [service.name, service.url]));
    }
    gateway = await createGatewayServer({
      config,
      subgraphUrls: urls,
      bus,
      log,
      ...(overrides.now ? { now: overrides.now } : {}),
    });
  } catch (error) {
    await dispose();
    throw error;
  }
  log.info('platform ready', { url: gateway.url, ms: Date.now() - started });
  return { gateway, services, database, bus, log, dispose };
}
