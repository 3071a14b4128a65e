import type { EvaluationCounterOptions } from './edge/evaluation-counter.js';
import type { RateLimitConfig } from './rate-limit/rate-limits.js';
import { envReader, readPlatformConfig, type PlatformConfig } from '@vexil/platform';
import { subgraphs } from '@vexil/schema';

/** The gateway's settings, validated at start. */
export interface GatewayConfig extends PlatformConfig {
  port: number;
  host: string;
  /** The explorer landing page and introspection; off by default in production. */
  explorer: boolean;
  /** Requests per minute of each category of REST route, and where the shared counts live. */
  rateLimits: RateLimitConfig;
  /** Redis for the counts gateways share; the PostgreSQL server's database when absent. */
  rateLimitRedisUrl: string | undefined;
  /** How the gateway's own SDK evaluations are counted and sent to analytics. */
  evaluationCounts: EvaluationCounterOptions;
  /** The REST API's docs page (`/docs`) and OpenAPI document; off by default in production. */
  apiDocs: boolean;
  /**
   * Where each subgraph runs when they run as separate processes (`IDENTITY_URL`, …). When none is set,
   * the gateway starts all four in its own process (`npm start`).
   */
  subgraphUrls: Record<string, string> | undefined;
  limits: { maxDepth: number; maxAliases: number };
  /** Take the client address from `X-Forwarded-For`; only behind a proxy that sets it. */
  trustProxy: boolean;
  /** How long a resolved API key is cached; revocations evict at once through the bus. */
  apiKeyCacheSeconds: number;
  /** Interval of the comment lines that keep SSE streams open through proxies (`SSE_HEARTBEAT_MS`). */
  sseHeartbeatMs: number;
  /** How often a status check is recorded for the status history; 0: never. */
  statusCheckIntervalMs: number;
  subscriptions: {
    /** `connection_init` must arrive within this time (`GRAPHQL_WS_INIT_TIMEOUT_MS`). */
    initTimeoutMs: number;
    /** Ping interval; no pong within it drops the client (`GRAPHQL_WS_KEEPALIVE_MS`). */
    keepAliveMs: number;
    /** Largest message a client may send; a larger one closes the socket with 1009 (`GRAPHQL_WS_MAX_PAYLOAD_BYTES`). */
    maxPayloadBytes: number;
    /** Unsent bytes a socket may hold before it counts as too slow (`GRAPHQL_WS_MAX_BUFFERED_BYTES`). */
    maxBufferedBytes: number;
    /** Results a subscriber may have pending before it is cut off (`SUBSCRIPTION_QUEUE_CAPACITY`). */
    capacity: number;
    /** Most events replayed for `after` (`SUBSCRIPTION_RESUME_LIMIT`). */
    resumeLimit: number;
    /** How long a change may fail to load before its feed ends (`SUBSCRIPTION_STALL_MS`). */
    stallMs: number;
  };
}

/** Reads the gateway configuration from the environment; errors name the variable at fault. */
export function readGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const platform = readPlatformConfig(env);
  const read = envReader(env);
  const urls = Object.fromEntries(
    subgraphs.flatMap((s) => {
      const url = read.url(s.urlVariable);
      return url ? [[s.name, url]] : [];
    }),
  );
  const given = Object.keys(urls).length;
  if (given > 0 && given < subgraphs.length) {
    const missing = subgraphs.filter((s) => !urls[s.name]).map((s) => s.urlVariable);
    throw new Error(`Set all subgraph URLs or none; missing ${missing.join(', ')}`);
  }
  return {
    ...platform,
    port: read.integer('PORT', 8080, { max: 65535 }),
    host: read.string('HOST', '0.0.0.0'),
    explorer: read.boolean('GRAPHQL_EXPLORER', platform.nodeEnv !== 'production'),
    apiDocs: read.boolean('API_DOCS', platform.nodeEnv !== 'production'),
    subgraphUrls: given > 0 ? urls : undefined,
    limits: {
      maxDepth: read.integer('GRAPHQL_MAX_DEPTH', 15, { min: 1, max: 100 }),
      maxAliases: read.integer('GRAPHQL_MAX_ALIASES', 30, { min: 1, max: 1000 }),
    },
    trustProxy: read.boolean('TRUST_PROXY', false),
    // Seed 003's defaults.
    rateLimits: {
      auth: read.integer('RATE_LIMIT_AUTH_PER_MINUTE', 10, { min: 1 }),
      management: read.integer('RATE_LIMIT_MANAGEMENT_PER_MINUTE', 1_000, { min: 1 }),
      evaluation: read.integer('RATE_LIMIT_EVALUATION_PER_MINUTE', 10_000, { min: 1 }),
      ruleset: read.integer('RATE_LIMIT_RULESET_PER_MINUTE', 100, { min: 1 }),
    },
    rateLimitRedisUrl: read.optionalString('RATE_LIMIT_REDIS_URL'),
    evaluationCounts: {
      flushMs: read.integer('EVALUATION_COUNTS_FLUSH_MS', 10_000, { min: 10, max: 600_000 }),
      maxContexts: read.integer('EVALUATION_COUNTS_MAX_CONTEXTS', 100_000, { min: 1 }),
    },
    apiKeyCacheSeconds: read.integer('API_KEY_CACHE_SECONDS', 30, { max: 3600 }),
    sseHeartbeatMs: read.integer('SSE_HEARTBEAT_MS', 15_000, { min: 10, max: 600_000 }),
    statusCheckIntervalMs: read.integer('STATUS_CHECK_INTERVAL_MS', 60_000, { max: 3_600_000 }),
    subscriptions: {
      initTimeoutMs: read.integer('GRAPHQL_WS_INIT_TIMEOUT_MS', 5_000, { min: 10, max: 600_000 }),
      keepAliveMs: read.integer('GRAPHQL_WS_KEEPALIVE_MS', 12_000, { min: 10, max: 600_000 }),
      maxPayloadBytes: read.integer('GRAPHQL_WS_MAX_PAYLOAD_BYTES', 1024 * 1024, {
        min: 1024,
        max: 100 * 1024 * 1024,
      }),
      maxBufferedBytes: read.integer('GRAPHQL_WS_MAX_BUFFERED_BYTES', 4 * 1024 * 1024, { min: 1024 }),
      capacity: read.integer('SUBSCRIPTION_QUEUE_CAPACITY', 100, { min: 1, max: 100_000 }),
      resumeLimit: read.integer('SUBSCRIPTION_RESUME_LIMIT', 1_000, { min: 1, max: 100_000 }),
      stallMs: read.integer('SUBSCRIPTION_STALL_MS', 30_000, { min: 100, max: 3_600_000 }),
    },
  };
}
