import type { EntityManager } from '@mikro-orm/postgresql';
import type { FlagActivitySummary, FlagStaleness } from './flag-activity.type.js';

interface Scope {
  organizationId: string | null;
  environmentId: string;
  flagKey: string;
}

const DAY_MS = 86_400_000;

/**
 * A flag's activity in one environment from the hourly rollups: counts of the hours that start within
 * [since, until), and the last evaluation ever. Only the caller's organization's rows are read.
 */
export async function flagActivity(
  em: EntityManager,
  { organizationId, environmentId, flagKey }: Scope,
  since: Date,
  until: Date,
): Promise<FlagActivitySummary> {
  if (!organizationId) return { evaluations: 0, impressions: 0, lastEvaluatedAt: null, byVariation: [] };
  const connection = em.getConnection();
  const rows = await connection.execute<{ kind: string; variation: string; reason: string; count: string }[]>(
    `select kind, variation, reason, sum(count)::text as count from analytics.flag_activity
     where organization_id = ? and environment_id = ? and flag_key = ? and hour >= ? and hour < ?
     group by kind, variation, reason order by sum(count) desc, variation, reason`,
    [organizationId, environmentId, flagKey, since, until],
  );
  const [last] = await connection.execute<{ last_at: Date | null }[]>(
    `select max(last_at) as last_at from analytics.flag_activity
     where organization_id = ? and environment_id = ? and flag_key = ? and kind = 'evaluation'`,
    [organizationId, environmentId, flagKey],
  );
  const evaluations = rows.filter((row) => row.kind === 'evaluation');
  const total = (kind: string) =>
    rows.filter((row) => row.kind === kind).reduce((sum, row) => sum + Number(row.count), 0);
  return {
    evaluations: total('evaluation'),
    impressions: total('impression'),
    lastEvaluatedAt: last?.last_at ? new Date(last.last_at) : null,
    byVariation: evaluations.map(({ variation, reason, count }) => ({
      variation,
      reason,
      count: Number(count),
    })),
  };
}

/**
 * Whether a flag looks finished with: a flag past its expiry date, or older than the period and not
 * evaluated in it, or serving one variation to everyone in it, is a candidate for removal.
 */
export async function flagStaleness(
  em: EntityManager,
  scope: Scope,
  flag: { createdAt: Date; expiresAt: Date | null },
  days: number,
  now: Date,
): Promise<FlagStaleness> {
  const since = new Date(now.getTime() - days * DAY_MS);
  const activity = await flagActivity(em, scope, since, now);
  const variations = new Set(activity.byVariation.map((count) => count.variation));
  const old = new Date(flag.createdAt) <= since;
  const reason =
    flag.expiresAt !== null && new Date(flag.expiresAt) <= now
      ? 'EXPIRED'
      : !old
        ? null
        : activity.evaluations === 0
          ? 'NOT_EVALUATED'
          : variations.size === 1
            ? 'SINGLE_VARIATION'
            : null;
  return { stale: reason !== null, reason, lastEvaluatedAt: activity.lastEvaluatedAt, days };
}
