import type { DatabaseLocation } from '../database/database.js';
import { DEFAULT_PLANS_FILE, readPlansFile, type BillingSettings } from '../billing/plans.js';
import { readPaymentSettings, type PaymentSettings } from '../billing/payments.js';
import { ConfigError, envReader } from './env.js';

/** Settings every Vexil process shares: where the data lives and the secrets that bind the services. */
export interface PlatformConfig {
  /** `production` turns off the explorer and introspection and refuses default secrets. */
  nodeEnv: 'development' | 'production' | 'test';
  /** A PostgreSQL server; when absent, embedded PGlite under `dataDir`. */
  databaseUrl: string | undefined;
  /** Where embedded PGlite keeps its files. */
  dataDir: string;
  /** How long a request waits for a database connection (and for a restarting server) before a 503. */
  databaseAcquireTimeoutMs: number;
  /** HS256 key for user access tokens (seed 001: `JWT_SECRET`). */
  jwtSecret: string;
  /** Key the gateway signs forwarded principals with and every subgraph verifies. */
  principalSecret: string;
  accessTokenTtlMinutes: number;
  refreshTokenTtlHours: number;
  /** HMAC-SHA256 key API keys are hashed with before storage (routes.md §1.1's pepper). */
  apiKeyPepper: string;
  /** Key TOTP secrets are encrypted with at rest (AES-256-GCM), so a database dump cannot mint codes. */
  mfaEncryptionKey: string;
  /** Where people open Vexil; links in mails and the email-verification redirect point here. */
  appUrl: string;
  /** Sign-in throttling: failures slow an account or IP down, then lock it for `lockMinutes`. */
  loginThrottle: {
    /** Failures of one account after which each further attempt must wait, doubling each time. */
    slowAfter: number;
    /** Failures of one account that lock it. */
    accountLockAfter: number;
    /** Failures from one IP address (any accounts) that lock the address. */
    ipLockAfter: number;
    lockMinutes: number;
  };
  /** Mail delivery: an SMTP server URL (`smtp://user:pass@host:587`, `smtps://…`); unset keeps mail in the outbox. */
  smtp: { url: string | undefined; from: string };
  /** Outbound webhooks. */
  webhooks: {
    /** Allow targets on loopback, private or link-local addresses (off: the SSRF guard refuses them). */
    allowPrivateTargets: boolean;
    /** First retry delay; attempt n waits n² times this, ±20 % jitter. */
    retryBaseMs: number;
  };
  /** Telemetry ingest (analytics). */
  telemetry: {
    /**
     * Rows waiting to be written (each event, and the activity and context rows it makes) beyond which
     * SDKs are asked to retry (429).
     */
    queueCapacity: number;
    /** Rows one group commit writes at most. */
    batchRows: number;
    /** Days raw SDK events are kept. */
    eventRetentionDays: number;
    /** Days hourly activity rollups and monthly contexts are kept. */
    activityRetentionDays: number;
    /** How often telemetry past its retention is swept. */
    retentionSweepMs: number;
  };
  /** Plans (from `BILLING_PLANS_FILE`), the plan organizations start on, and trials. */
  billing: BillingSettings;
  /** Who takes the money (`BILLING_PROVIDER`); only billing reads it, the keys stay there. */
  payments: PaymentSettings;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export const DEFAULT_JWT_SECRET = 'dev-secret-change-in-production';
const DEFAULT_PRINCIPAL_SECRET = 'dev-principal-secret-change-in-production';
const DEFAULT_API_KEY_PEPPER = 'dev-api-key-pepper-change-in-production';
const DEFAULT_MFA_ENCRYPTION_KEY = 'dev-mfa-encryption-key-change-in-production';

/**
 * The fixed development values of the secrets, by config field. Only tests run on them: `npm start`
 * replaces each one that is not set by a generated one (see `withGeneratedSecrets`), and production
 * refuses them.
 */
export const DEFAULT_SECRETS = {
  jwtSecret: DEFAULT_JWT_SECRET,
  principalSecret: DEFAULT_PRINCIPAL_SECRET,
  apiKeyPepper: DEFAULT_API_KEY_PEPPER,
  mfaEncryptionKey: DEFAULT_MFA_ENCRYPTION_KEY,
} as const;

/** Reads and validates the shared settings; throws {@link ConfigError} naming the variable at fault. */
export function readPlatformConfig(env: Record<string, string | undefined> = process.env): PlatformConfig {
  const read = envReader(env);
  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const billing = readBillingSettings(read);
  const config: PlatformConfig = {
    nodeEnv,
    databaseUrl: read.url('DATABASE_URL'),
    dataDir: read.string('VEXIL_DATA_DIR', '.vexil'),
    databaseAcquireTimeoutMs: read.integer('DATABASE_ACQUIRE_TIMEOUT_MS', 5000, { min: 100, max: 600_000 }),
    jwtSecret: read.string('JWT_SECRET', DEFAULT_JWT_SECRET),
    principalSecret: read.string('PRINCIPAL_SECRET', DEFAULT_PRINCIPAL_SECRET),
    accessTokenTtlMinutes: read.integer('TOKEN_TTL_MINUTES', 60, { min: 1, max: 24 * 60 }),
    refreshTokenTtlHours: read.integer('REFRESH_TTL_HOURS', 24 * 7, { min: 1, max: 24 * 365 }),
    apiKeyPepper: read.string('API_KEY_PEPPER', DEFAULT_API_KEY_PEPPER),
    mfaEncryptionKey: read.string('MFA_ENCRYPTION_KEY', DEFAULT_MFA_ENCRYPTION_KEY),
    appUrl: read.url('APP_URL') ?? 'http://localhost:8080',
    loginThrottle: {
      slowAfter: read.integer('LOGIN_SLOW_AFTER', 3, { min: 1, max: 1000 }),
      accountLockAfter: read.integer('LOGIN_LOCK_AFTER', 10, { min: 1, max: 1000 }),
      ipLockAfter: read.integer('LOGIN_IP_LOCK_AFTER', 100, { min: 1, max: 100_000 }),
      lockMinutes: read.integer('LOGIN_LOCK_MINUTES', 15, { min: 1, max: 24 * 60 }),
    },
    smtp: { url: read.url('SMTP_URL'), from: read.string('MAIL_FROM', 'Vexil <no-reply@vexil.local>') },
    telemetry: {
      queueCapacity: read.integer('TELEMETRY_QUEUE_CAPACITY', 100_000, { min: 1 }),
      batchRows: read.integer('TELEMETRY_BATCH_ROWS', 5_000, { min: 1, max: 100_000 }),
      eventRetentionDays: read.integer('TELEMETRY_EVENT_RETENTION_DAYS', 90, { min: 1 }),
      activityRetentionDays: read.integer('TELEMETRY_ACTIVITY_RETENTION_DAYS', 400, { min: 1 }),
      retentionSweepMs: read.integer('TELEMETRY_RETENTION_SWEEP_MS', 3_600_000, { min: 10 }),
    },
    webhooks: {
      allowPrivateTargets: read.boolean('WEBHOOK_ALLOW_PRIVATE_TARGETS', false),
      retryBaseMs: read.integer('WEBHOOK_RETRY_BASE_MS', 1000, { min: 1, max: 3_600_000 }),
    },
    billing,
    payments: readPaymentSettings(read, billing.plans),
    logLevel: read.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
  };
  if (nodeEnv === 'production') {
    if (config.jwtSecret === DEFAULT_JWT_SECRET) {
      throw new ConfigError('JWT_SECRET must be set to a strong secret when NODE_ENV=production');
    }
    if (config.principalSecret === DEFAULT_PRINCIPAL_SECRET) {
      throw new ConfigError('PRINCIPAL_SECRET must be set to a strong secret when NODE_ENV=production');
    }
    if (config.apiKeyPepper === DEFAULT_API_KEY_PEPPER) {
      throw new ConfigError('API_KEY_PEPPER must be set to a strong secret when NODE_ENV=production');
    }
    if (config.mfaEncryptionKey === DEFAULT_MFA_ENCRYPTION_KEY) {
      throw new ConfigError('MFA_ENCRYPTION_KEY must be set to a strong secret when NODE_ENV=production');
    }
  }
  return config;
}

/**
 * Plans are configuration, not code: a self-hosted install starts everyone on a plan without limits
 * (`self-hosted`), so nobody running Vexil themselves meets a paywall.
 */
function readBillingSettings(read: ReturnType<typeof envReader>): BillingSettings {
  const plans = readPlansFile(read.string('BILLING_PLANS_FILE', DEFAULT_PLANS_FILE));
  const keys = plans.map((plan) => plan.key);
  const defaultPlan = read.oneOf(
    'BILLING_DEFAULT_PLAN',
    keys,
    keys.includes('self-hosted') ? 'self-hosted' : keys[0]!,
  );
  return { plans, defaultPlan, trialDays: read.integer('BILLING_TRIAL_DAYS', 14, { min: 1, max: 365 }) };
}

/** Where this process's data lives, as {@link openDatabase} takes it. */
export function databaseLocation(config: PlatformConfig): DatabaseLocation {
  return config.databaseUrl
    ? { url: config.databaseUrl, acquireTimeoutMs: config.databaseAcquireTimeoutMs }
    : { dataDir: config.dataDir };
}
