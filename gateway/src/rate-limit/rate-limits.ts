import type { ServerResponse } from 'node:http';
import { DomainError, type Logger, type Principal } from '@vexil/platform';
import type { PlanRates } from './plan-rates.js';
import { Redis } from 'ioredis';
import pg from 'pg';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

/** The categories of routes a dialect puts its rows in (seed 003: auth, management, evaluation, ruleset). */
export type RateLimitCategory = 'auth' | 'management' | 'evaluation' | 'ruleset';

/** Requests allowed per minute in each category. */
export type RateLimitConfig = Record<RateLimitCategory, number>;

/** Who a category counts: auth by IP, management by organization, evaluation by environment, ruleset by key. */
function counted(category: RateLimitCategory, principal: Principal, clientIp: string | undefined): string {
  if (principal.kind === 'apiKey' && category === 'evaluation') return `env:${principal.environmentId}`;
  if (principal.kind === 'apiKey' && category === 'ruleset') return `key:${principal.keyId}`;
  if (category !== 'auth' && (principal.kind === 'user' || principal.kind === 'apiKey'))
    return `org:${principal.organizationId}`;
  // Whoever has not shown who they are is counted by address.
  return `ip:${clientIp ?? 'unknown'}`;
}

const WINDOW_SECONDS = 60;

/** Where gateways that run side by side keep the counts they share. */
export interface RateLimitStores {
  databaseUrl?: string | undefined;
  redisUrl?: string | undefined;
}

/**
 * One limiter per category, so that exhausting one never blocks another. SDK categories count in
 * this process's memory whatever the store: the evaluation hot path makes no network call (with
 * several gateways each allows its own budget). Auth and management counts go to Redis or PostgreSQL
 * when several gateways share one, so that the limit is the platform's.
 */
export class RateLimits {
  private constructor(
    private readonly limiters: Record<RateLimitCategory, RateLimiterAbstract>,
    private readonly release: () => Promise<void>,
    private readonly planRates: PlanRates | undefined,
  ) {}

  /**
   * Shared counts in Redis when `redisUrl` is given, else in the PostgreSQL server's database; in
   * memory on embedded PGlite (one process).
   */
  static async open(
    config: RateLimitConfig,
    stores: RateLimitStores,
    log: Logger,
    planRates?: PlanRates,
  ): Promise<RateLimits> {
    const memory = (category: RateLimitCategory) =>
      new RateLimiterMemory({ keyPrefix: category, points: config[category], duration: WINDOW_SECONDS });
    const withShared = (
      shared: Record<'auth' | 'management', RateLimiterAbstract>,
      close: () => Promise<void>,
    ) =>
      new RateLimits(
        { ...shared, evaluation: memory('evaluation'), ruleset: memory('ruleset') },
        close,
        planRates,
      );
    if (stores.redisUrl) {
      // No offline queue: while Redis is away a count fails at once and the insurance limiter takes it,
      // rather than requests waiting on a reconnect.
      const client = new Redis(stores.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
      client.on('error', (error) => log.warn('rate limit store unreachable', { error: error.message }));
      const redis = (category: 'auth' | 'management') =>
        new RateLimiterRedis({
          storeClient: client,
          keyPrefix: `vexil:${category}`,
          points: config[category],
          duration: WINDOW_SECONDS,
          rejectIfRedisNotReady: true,
          insuranceLimiter: memory(category),
        });
      return withShared({ auth: redis('auth'), management: redis('management') }, async () => {
        client.disconnect();
      });
    }
    if (!stores.databaseUrl) {
      return withShared({ auth: memory('auth'), management: memory('management') }, async () => {});
    }
    const pool = new pg.Pool({ connectionString: stores.databaseUrl, max: 4 });
    // An idle connection the server ends (a restart) is dropped by the pool and replaced on next use;
    // unheard, its error would end the process.
    pool.on('error', (error) => log.warn('rate limit store connection lost', { error: error.message }));
    const shared = (category: RateLimitCategory) =>
      new Promise<RateLimiterAbstract>((resolve, reject) => {
        const limiter: RateLimiterPostgres = new RateLimiterPostgres(
          {
            storeClient: pool,
            tableName: 'gateway_rate_limits',
            keyPrefix: category,
            points: config[category],
            duration: WINDOW_SECONDS,
            // A database that cannot answer must not turn every request away: count here meanwhile.
            insuranceLimiter: memory(category),
          },
          (error) => (error ? reject(error) : resolve(limiter)),
        );
      });
    // One after the other: both create the table if it is missing, and two CREATE TABLE IF NOT EXISTS
    // at once can collide in the catalog.
    const auth = await shared('auth');
    const management = await shared('management');
    return withShared({ auth, management }, () => pool.end());
  }

  /**
   * Counts a request against its category and says so in `X-RateLimit-*` headers; over the limit it
   * throws `RATE_LIMIT_EXCEEDED` with the seconds to wait (the dialect renders it, with `Retry-After`).
   * Management requests, counted per organization, are also held to the organization's plan
   * (`apiRequestsPerMinute`) when it allows fewer than the category: the category's limiter counts,
   * and the plan's cap is compared with its count. SDK categories never are: evaluation is not refused
   * for a plan (decision 15).
   */
  async consume(
    category: RateLimitCategory,
    principal: Principal,
    clientIp: string | undefined,
    response: ServerResponse,
  ): Promise<void> {
    const limiter = this.limiters[category];
    const plan = category === 'management' ? (this.planRates?.rateOf(principal) ?? null) : null;
    const points = plan !== null && plan < limiter.points ? plan : limiter.points;
    let result: RateLimiterRes;
    let allowed = true;
    try {
      result = await limiter.consume(counted(category, principal, clientIp));
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      result = error;
      allowed = false;
    }
    if (result.consumedPoints > points) allowed = false;
    response.setHeader('x-ratelimit-limit', String(points));
    response.setHeader('x-ratelimit-remaining', String(Math.max(0, points - result.consumedPoints)));
    response.setHeader('x-ratelimit-reset', String(Math.ceil((Date.now() + result.msBeforeNext) / 1000)));
    if (!allowed) throw DomainError.rateLimited(result.msBeforeNext / 1000);
  }

  close(): Promise<void> {
    this.planRates?.close();
    return this.release();
  }
}
