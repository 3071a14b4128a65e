import { envReader } from '../config/env.js';
import { databaseLocation, readPlatformConfig, type PlatformConfig } from '../config/platform-config.js';
import { withGeneratedSecrets } from '../config/secrets-file.js';
import { openDatabase } from '../database/database.js';
import { openEventBus } from '../events/open-event-bus.js';
import { createLogger } from '../observability/logger.js';
import type { RunningService, ServiceDeps } from './start-service.js';

/**
 * The `main` of a service run as its own process (`npm run start:<service>`, docker-compose): read the
 * config, open the database and the bus, serve, and shut down cleanly on SIGINT/SIGTERM.
 */
export async function runServiceMain(options: {
  name: string;
  portVariable: string;
  defaultPort: number;
  createServer: (deps: ServiceDeps & { config: PlatformConfig }) => Promise<RunningService>;
}): Promise<void> {
  let log = createLogger('info', { service: options.name });
  try {
    const config = await withGeneratedSecrets(readPlatformConfig());
    log = createLogger(config.logLevel, { service: options.name });
    const port = envReader().integer(options.portVariable, options.defaultPort, { max: 65535 });
    const host = envReader().string('HOST', '127.0.0.1');
    const database = await openDatabase(databaseLocation(config));
    const bus = await openEventBus(database, log);
    const service = await options.createServer({
      config,
      database,
      bus,
      log,
      principalSecret: config.principalSecret,
      port,
      host,
    });
    const shutdown = async () => {
      log.info('shutting down');
      await service.dispose();
      await bus.close();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  } catch (error) {
    log.error('failed to start', { error });
    process.exit(1);
  }
}
