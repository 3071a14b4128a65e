import type { ServerResponse } from 'node:http';
import { DomainError, type Logger, type Principal } from '@vexil/platform';
import pg from 'pg';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
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

/**
 * One limiter per category, so that exhausting one never blocks another. SDK categories count in
 * this process's memory whatever the store: the evaluation hot path makes no database call (with
 * several gateways each allows its own budget). Auth and management counts go to PostgreSQL when
 * several gateways share a server, so that the limit is the platform's.
 */
export class RateLimits {
  private constructor(
    private readonly limiters: Record<RateLimitCategory, RateLimiterAbstract>,
    private readonly pool: pg.Pool | undefined,
  ) {}

  /** Counts in memory on embedded PGlite (one process), in the server's database otherwise. */
  static async open(
    config: RateLimitConfig,
    databaseUrl: string | undefined,
    log: Logger,
  ): Promise<RateLimits> {
    const memory = (category: RateLimitCategory) =>
      new RateLimiterMemory({ keyPrefix: category, points: config[category], duration: WINDOW_SECONDS });
    if (!databaseUrl) {
      return new RateLimits(
        {
          auth: memory('auth'),
          management: memory('management'),
          evaluation: memory('evaluation'),
          ruleset: memory('ruleset'),
        },
        undefined,
      );
    }
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
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
    return new RateLimits(
      { auth, management, evaluation: memory('evaluation'), ruleset: memory('ruleset') },
      pool,
    );
  }

  /**
   * Counts a request against its category and says so in `X-RateLimit-*` headers; over the limit it
   * throws `RATE_LIMIT_EXCEEDED` with the seconds to wait (the dialect renders it, with `Retry-After`).
   */
  async consume(
    category: RateLimitCategory,
    principal: Principal,
    clientIp: string | undefined,
    response: ServerResponse,
  ): Promise<void> {
    const limiter = this.limiters[category];
    let result: RateLimiterRes;
    let allowed = true;
    try {
      result = await limiter.consume(counted(category, principal, clientIp));
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      result = error;
      allowed = false;
    }
    response.setHeader('x-ratelimit-limit', String(limiter.points));
    response.setHeader('x-ratelimit-remaining', String(Math.max(0, result.remainingPoints)));
    response.setHeader('x-ratelimit-reset', String(Math.ceil((Date.now() + result.msBeforeNext) / 1000)));
    if (!allowed) throw DomainError.rateLimited(result.msBeforeNext / 1000);
  }

  async close(): Promise<void> {
    await this.pool?.end();
  }
}
