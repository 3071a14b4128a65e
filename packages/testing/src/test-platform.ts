import type { Platform } from '@vexil/gateway';
import { platformClients, type PlatformClients, type Sql } from './clients.js';
import { platformPackages } from './platform-packages.js';
import { createTestDatabase, type TestDatabase } from './template.js';

/** The clock the platform measures expiry with; starts at the real time and only moves when told. */
export interface TestClock {
  now(): Date;
  /** Moves the clock forward (tokens expire, grace periods end, lockouts lift). */
  advance(ms: number): void;
}

/**
 * What every test platform runs with unless a test says otherwise: no rate limit in the way, and the
 * gateway's evaluation counts sent every 100 ms, so a test reads its evaluations back at once.
 */
const TEST_DEFAULTS = {
  ...Object.fromEntries(
    ['AUTH', 'MANAGEMENT', 'EVALUATION', 'RULESET'].map((category) => [
      `RATE_LIMIT_${category}_PER_MINUTE`,
      '1000000',
    ]),
  ),
  EVALUATION_COUNTS_FLUSH_MS: '100',
};

/**
 * A whole Vexil platform of one test file's own, on its own database, with clients for it: for a file
 * that needs settings, a clock, restarts or internals the worker's shared platform cannot give it.
 */
export interface TestPlatform extends PlatformClients {
  platform: Platform;
  database: TestDatabase;
  clock: TestClock;
  /** Stops the gateway and services and starts them again on the same database and port. */
  restart(): Promise<void>;
  /**
   * Stops one subgraph, as a crashed process would leave it (the gateway keeps its URL); the returned
   * function starts it again on the same port.
   */
  stopService(name: string): Promise<() => Promise<void>>;
  dispose(): Promise<void>;
}

/**
 * Boots the real gateway and subgraphs through their `createServer`s on free loopback ports, on a
 * fresh database cloned from the run's template. Logs are silent unless `VEXIL_TEST_LOG` names a level.
 */
export async function startTestPlatform(
  env: Record<string, string> = {},
  options: {
    /** Runs a second platform (another gateway instance) on this one's database; server mode only. */
    sharing?: TestPlatform;
    /** A database of the caller's (say, on a cluster it restarts), which the caller disposes. */
    database?: TestDatabase;
  } = {},
): Promise<TestPlatform> {
  const {
    gateway: { readGatewayConfig, startPlatform },
    platform: { createLogger },
    schema: { subgraphs },
  } = await platformPackages();
  const database = options.sharing?.database ?? options.database ?? (await createTestDatabase());
  const config = readGatewayConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    // Every test calls from one address, many from one organization: limits are tested on their own.
    ...TEST_DEFAULTS,
    ...env,
  });
  const level = (process.env.VEXIL_TEST_LOG ?? 'silent') as 'silent';
  let offset = 0;
  const clock: TestClock = {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
  const start = (port: number) =>
    startPlatform(
      { ...config, port, databaseUrl: database.url },
      { database: database.database, log: createLogger(level), now: clock.now },
    );
  let platform = await start(config.port);
  const sql: Sql = (text, params = []) =>
    platform.services[0]!.orm.em.fork()
      .getConnection()
      .execute(text, params as never[]);
  const { clients, close } = platformClients(platform.gateway.url, sql);

  return {
    ...clients,
    get platform() {
      return platform;
    },
    database,
    clock,
    async restart() {
      await platform.dispose();
      platform = await start(platform.gateway.port);
    },
    async stopService(name) {
      const { services } = platform;
      const [service] = services.splice(
        services.findIndex((running) => running.name === name),
        1,
      );
      const port = Number(new URL(service!.url).port);
      await service!.dispose();
      return async () => {
        const subgraph = subgraphs.find((candidate) => candidate.name === name)!;
        services.push(
          await subgraph.createServer({
            config,
            database: platform.database!,
            bus: platform.bus,
            log: platform.log,
            principalSecret: config.principalSecret,
            port,
            now: clock.now,
          }),
        );
      };
    },
    async dispose() {
      await close();
      await platform.dispose();
      if (!options.sharing && !options.database) await database.dispose();
    },
  };
}
