import type { EntityManager } from '@mikro-orm/postgresql';
import { actorOf, executeBound, type Principal, type ServiceRuntime } from '@vexil/platform';
import { MetricsWindow } from '../telemetry/metrics-window.entity.js';
import type {
  ActivitySummary,
  EvaluationMetrics,
  FlagEvaluations,
  Impression,
  ImpressionCount,
  VolumePoint,
} from './metrics.type.js';

/** About this many impressions per flush (whole arrivals); the next flush returns the rest. */
export const FLUSH_LIMIT = 10_000;

const EPOCH = new Date(0);

const windowOf = (em: EntityManager, organizationId: string) => em.findOne(MetricsWindow, { organizationId });

/** The organization's windows, made (open since ever) on its first reset or flush. */
const openWindow = async (em: EntityManager, organizationId: string) =>
  (await windowOf(em, organizationId)) ??
  em.create(MetricsWindow, { organizationId, evaluationsSince: null, impressionsFlushedAt: null });

/** An organization's evaluations per flag, environment and reason since its window opened. */
export async function evaluationMetrics(
  em: EntityManager,
  organizationId: string,
): Promise<EvaluationMetrics> {
  const windowStart = (await windowOf(em, organizationId))?.evaluationsSince ?? null;
  const rows = await em
    .getConnection()
    .execute<{ flag_key: string; environment_id: string; reason: string; count: string }[]>(
      `select flag_key, environment_id, reason, sum(count)::text as count from analytics.flag_activity
     where organization_id = ? and kind = 'evaluation' and last_at >= ?
     group by flag_key, environment_id, reason order by sum(count) desc, flag_key, reason`,
      [organizationId, windowStart ?? EPOCH],
    );
  const counters = rows.map((row) => ({
    flagKey: row.flag_key,
    environmentId: row.environment_id,
    reason: row.reason,
    count: Number(row.count),
  }));
  return { totalEvaluations: counters.reduce((sum, row) => sum + row.count, 0), windowStart, counters };
}

/** Impressions per flag and variant since the last flush. */
export async function impressionCounts(
  em: EntityManager,
  organizationId: string,
): Promise<ImpressionCount[]> {
  const since = (await windowOf(em, organizationId))?.impressionsFlushedAt ?? EPOCH;
  const rows = await em.getConnection().execute<{ flag_key: string; variant_key: string; count: string }[]>(
    `select data->>'flag_key' as flag_key, coalesce(data->>'variant_key', '') as variant_key, count(*)::text as count
     from analytics.sdk_events where organization_id = ? and kind = 'impression' and received_at > ?
     group by 1, 2 order by count(*) desc, 1, 2`,
    [organizationId, since],
  );
  return rows.map((row) => ({
    flagKey: row.flag_key,
    variantKey: row.variant_key,
    count: Number(row.count),
  }));
}

/**
 * Opens a new evaluation window (FeatureSignals' reset): the counts stay, the metrics start again
 * from now. Recorded like every write.
 */
export async function resetEvaluationMetrics(
  em: EntityManager,
  runtime: ServiceRuntime,
  principal: Principal,
  organizationId: string,
): Promise<Date> {
  const now = runtime.now();
  await runtime.relay.transaction(em, async (tx) => {
    const window = await openWindow(tx, organizationId);
    const before = window.evaluationsSince;
    window.evaluationsSince = now;
    runtime.relay.record(tx, {
      type: 'metrics.evaluations_reset',
      organizationId,
      aggregateId: organizationId,
      actor: actorOf(principal),
      payload: { before: { evaluationsSince: before }, after: { evaluationsSince: now } },
    });
  });
  return now;
}

/**
 * Hands over the impressions tracked since the last flush (oldest first, about {@link FLUSH_LIMIT})
 * and moves the flush mark past them, in one transaction.
 */
export async function flushImpressions(
  em: EntityManager,
  runtime: ServiceRuntime,
  principal: Principal,
  organizationId: string,
): Promise<Impression[]> {
  return runtime.relay.transaction(em, async (tx) => {
    const window = await openWindow(tx, organizationId);
    const since = window.impressionsFlushedAt ?? EPOCH;
    // One ingest's events share their arrival time: the cut falls between arrival times, never within one.
    const rows = await tx
      .getConnection()
      .execute<{ flag_key: string; variant_key: string; user_key: string; received_at: Date }[]>(
        `with cut as (
         select max(received_at) as at from (
           select received_at from analytics.sdk_events
           where organization_id = ? and kind = 'impression' and received_at > ?
           order by received_at limit ?) first)
       select data->>'flag_key' as flag_key, coalesce(data->>'variant_key', '') as variant_key,
         coalesce(data->>'user_key', '') as user_key, received_at
       from analytics.sdk_events, cut
       where organization_id = ? and kind = 'impression' and received_at > ? and received_at <= cut.at
       order by received_at, id`,
        [organizationId, since, FLUSH_LIMIT, organizationId, since],
        'all',
        tx.getTransactionContext(),
      );
    const last = rows.at(-1);
    if (last) window.impressionsFlushedAt = new Date(last.received_at);
    runtime.relay.record(tx, {
      type: 'metrics.impressions_flushed',
      organizationId,
      aggregateId: organizationId,
      actor: actorOf(principal),
      payload: { count: rows.length },
    });
    return rows.map((row) => ({
      flagKey: row.flag_key,
      variantKey: row.variant_key,
      userKey: row.user_key,
      receivedAt: new Date(row.received_at),
    }));
  });
}

/** How often a flag key was evaluated in the organization since `since`, by variation. */
export async function flagEvaluations(
  em: EntityManager,
  organizationId: string,
  flagKey: string,
  since: Date,
): Promise<FlagEvaluations> {
  const rows = await executeBound<{ variation: string; count: string }>(
    em,
    `select variation, sum(count)::text as count from analytics.flag_activity
     where organization_id = $1 and flag_key = $2 and kind = 'evaluation' and hour >= date_trunc('hour', $3::timestamptz)
     group by variation order by variation`,
    [organizationId, flagKey, since],
  );
  const byVariant = Object.fromEntries(rows.map((row) => [row.variation, Number(row.count)]));
  const totalEvaluations = Object.values(byVariant).reduce((sum, count) => sum + count, 0);
  return { flagKey, totalEvaluations, since, byVariant };
}

/**
 * The organization's evaluations per interval of `hours` since `since`, every interval listed (an
 * empty one counts 0), oldest first.
 */
export async function evaluationVolume(
  em: EntityManager,
  organizationId: string,
  since: Date,
  hours: number,
): Promise<VolumePoint[]> {
  const rows = await executeBound<{ timestamp: Date; value: string }>(
    em,
    `select slot as timestamp, coalesce(sum(a.count), 0)::text as value
     from generate_series(date_trunc('hour', $2::timestamptz), now(), make_interval(hours => $3)) as slot
     left join analytics.flag_activity a
       on a.organization_id = $1 and a.kind = 'evaluation'
      and a.hour >= slot and a.hour < slot + make_interval(hours => $3)
     group by slot order by slot`,
    [organizationId, since, hours],
  );
  return rows.map((row) => ({ timestamp: new Date(row.timestamp), value: Number(row.value) }));
}

/** The organization's activity since `since`: one statement over its audit log and activity rollup. */
export async function activitySummary(
  em: EntityManager,
  organizationId: string,
  since: Date,
): Promise<ActivitySummary> {
  const [row] = await executeBound<{
    active_projects: number;
    active_users: number;
    evaluations: string;
    flags_first_evaluated: number;
    actions: { action: string; count: number }[] | null;
  }>(
    em,
    `with audited as (
       select action, actor_type, actor_id, project_id from analytics.audit_events
       where organization_id = $1 and occurred_at >= $2),
     firsts as (
       select environment_id, flag_key, min(hour) as first from analytics.flag_activity
       where organization_id = $1 and kind = 'evaluation' group by 1, 2)
     select
       (select count(distinct project_id)::int from audited) as active_projects,
       (select count(distinct actor_id)::int from audited where actor_type = 'user') as active_users,
       (select coalesce(sum(count), 0)::text from analytics.flag_activity
         where organization_id = $1 and kind = 'evaluation' and hour >= date_trunc('hour', $2::timestamptz)) as evaluations,
       (select count(distinct flag_key)::int from firsts where first >= date_trunc('hour', $2::timestamptz)) as flags_first_evaluated,
       (select json_agg(json_build_object('action', action, 'count', n) order by n desc, action)
         from (select action, count(*)::int as n from audited group by action) counted) as actions`,
    [organizationId, since],
  );
  return {
    since,
    activeProjects: row!.active_projects,
    activeUsers: row!.active_users,
    evaluations: Number(row!.evaluations),
    flagsFirstEvaluated: row!.flags_first_evaluated,
    actions: row!.actions ?? [],
  };
}
