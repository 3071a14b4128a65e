import { ConfigError, envReader } from './env.js';

/** Settings every Vexil process shares: where the data lives and the secrets that bind the services. */
export interface PlatformConfig {
  /** `production` turns off the explorer and introspection and refuses default secrets. */
  nodeEnv: 'development' | 'production' | 'test';
  /** A PostgreSQL server; when absent, embedded PGlite under `dataDir`. */
  databaseUrl: string | undefined;
  /** Where embedded PGlite keeps its files. */
  dataDir: string;
  /** HS256 key for user access tokens (seed 001: `JWT_SECRET`). */
  jwtSecret: string;
  /** Key the gateway signs forwarded principals with and every subgraph verifies. */
  principalSecret: string;
  accessTokenTtlMinutes: number;
  refreshTokenTtlHours: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export const DEFAULT_JWT_SECRET = 'dev-secret-change-in-production';
const DEFAULT_PRINCIPAL_SECRET = 'dev-principal-secret-change-in-production';

/** Reads and validates the shared settings; throws {@link ConfigError} naming the variable at fault. */
export function readPlatformConfig(env: Record<string, string | undefined> = process.env): PlatformConfig {
  const read = envReader(env);
  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const config: PlatformConfig = {
    nodeEnv,
    databaseUrl: read.url('DATABASE_URL'),
    dataDir: read.string('VEXIL_DATA_DIR', '.vexil'),
    jwtSecret: read.string('JWT_SECRET', DEFAULT_JWT_SECRET),
    principalSecret: read.string('PRINCIPAL_SECRET', DEFAULT_PRINCIPAL_SECRET),
    accessTokenTtlMinutes: read.integer('TOKEN_TTL_MINUTES', 60, { min: 1, max: 24 * 60 }),
    refreshTokenTtlHours: read.integer('REFRESH_TTL_HOURS', 24 * 7, { min: 1, max: 24 * 365 }),
    logLevel: read.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
  };
  if (nodeEnv === 'production') {
    if (config.jwtSecret === DEFAULT_JWT_SECRET) {
      throw new ConfigError('JWT_SECRET must be set to a strong secret when NODE_ENV=production');
    }
    if (config.principalSecret === DEFAULT_PRINCIPAL_SECRET) {
      throw new ConfigError('PRINCIPAL_SECRET must be set to a strong secret when NODE_ENV=production');
    }
  }
  return config;
}
