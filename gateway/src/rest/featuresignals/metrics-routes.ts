import { Type } from '@sinclair/typebox';
import { resource, type RestRoute } from '../rest-route.js';
import type { EvaluationResult } from '@vexil/evaluation';
import { featureSignalsReason } from './reasons.js';
import { FlagValue, Nullable, Timestamp } from './schemas.js';

type Data = Record<string, any>;

const Impression = Type.Object({
  flag_key: Type.String(),
  variant_key: Type.String(),
  user_key: Type.String(),
  timestamp: Type.Integer({ description: 'milliseconds since the epoch' }),
});

/** One flag's insight in one environment, as the flag list of a dashboard shows it. */
const FlagInsight = Type.Object({
  flag_key: Type.String(),
  name: Type.String(),
  evaluations: Type.Integer({ description: 'in the last 30 days' }),
  impressions: Type.Integer({ description: 'in the last 30 days' }),
  last_evaluated_at: Nullable(Timestamp),
  stale: Type.Boolean(),
  stale_reason: Nullable(Type.String({ description: '`EXPIRED`, `NOT_EVALUATED` or `SINGLE_VARIATION`' })),
  variations: Type.Array(
    Type.Object({ variation: Type.String(), reason: Type.String(), count: Type.Integer() }),
  ),
});

/** A context as FeatureSignals' insights take it: a key and attributes. */
const Entity = Type.Object({
  key: Type.String({ minLength: 1 }),
  attributes: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
const contextOf = (entity: Data) => ({ ...(entity.attributes ?? {}), key: entity.key });
const byFlagKey = (results: EvaluationResult[]) =>
  new Map(
    [...results].sort((a, b) => a.flagKey.localeCompare(b.flagKey)).map((result) => [result.flagKey, result]),
  );

const since = Type.Optional(Type.String({ format: 'date-time', description: 'default: 24 hours ago' }));

/** FeatureSignals' overview periods; anything else is its default, 30 days. */
const PERIOD_HOURS: Record<string, number> = { '24h': 24, '7d': 168, '30d': 720, '90d': 2_160 };

/** `1 hour`, `6 hours`, `1 day`…: an interval as FeatureSignals writes it. */
const INTERVAL = /^(\d+) (hour|day)s?$/;
const hoursOf = (interval: string) => {
  const [, count, unit] = INTERVAL.exec(interval)!;
  return Number(count) * (unit === 'day' ? 24 : 1);
};

/** FeatureSignals' tracking, metrics and insights routes (routes.md §1.1, §1.4). */
export const featureSignalsMetricsRoutes = resource<RestRoute>('Metrics', [
  {
    method: 'POST',
    path: '/track',
    auth: 'apiKey',
    summary: 'Record an A/B impression: the variant of a flag a user saw',
    operation: 'IngestTelemetry',
    request: {
      body: Type.Object({
        flag_key: Type.String({ minLength: 1 }),
        variant_key: Type.Optional(Type.String()),
        user_key: Type.Optional(Type.String()),
      }),
      message: 'flag_key is required',
    },
    example: { flag_key: 'checkout-experiment', variant_key: 'treatment-a', user_key: 'user-123' },
    rateLimit: 'evaluation',
    variables: ({ body }) => ({ kind: 'impression', events: [body] }),
  },
  {
    method: 'GET',
    path: '/metrics/evaluations',
    auth: 'user',
    summary: 'Evaluations per flag, environment and reason since the counters were last reset',
    operation: 'EvaluationMetrics',
    result: 'organization.evaluationMetrics',
  },
  {
    method: 'POST',
    path: '/metrics/evaluations/reset',
    auth: 'user',
    summary: 'Start the evaluation counters again (the counts stay for insights)',
    operation: 'ResetEvaluationMetrics',
    result: () => ({ status: 'reset' }),
    response: Type.Object({ status: Type.Literal('reset') }),
  },
  {
    method: 'GET',
    path: '/metrics/impressions',
    auth: 'user',
    summary: 'A/B impressions per flag and variant since the last flush',
    operation: 'ImpressionCounts',
    result: 'organization.impressionCounts',
  },
  {
    method: 'POST',
    path: '/metrics/impressions/flush',
    auth: 'user',
    summary: 'Hand over the impressions tracked since the last flush, oldest first',
    operation: 'FlushImpressions',
    result: ({ flushImpressions }) =>
      flushImpressions.map(({ receivedAt, ...impression }: Data) => ({
        ...impression,
        timestamp: new Date(receivedAt).getTime(),
      })),
    response: Type.Array(Impression),
  },
  {
    method: 'GET',
    path: '/eval-events',
    auth: 'user',
    summary: "How often a flag was evaluated across the organization's environments, by variant",
    operation: 'FlagEvaluations',
    request: { query: Type.Object({ flag_key: Type.String({ minLength: 1 }), since }) },
    variables: ({ query }) => ({ flagKey: query.get('flag_key'), since: query.get('since') }),
    // Vexil counts evaluations, not their latency.
    result: ({ organization }) => ({ ...organization.flagEvaluations, latency_us: null }),
    response: Type.Object({
      flag_key: Type.String(),
      total_evaluations: Type.Integer(),
      since: Timestamp,
      by_variant: Type.Record(Type.String(), Type.Integer()),
      latency_us: Type.Null({ description: 'not measured' }),
    }),
  },
  {
    method: 'GET',
    path: '/eval-events/volume',
    auth: 'user',
    summary: "The organization's evaluations per interval since a moment",
    operation: 'EvaluationVolume',
    request: {
      query: Type.Object({
        since,
        interval: Type.Optional(
          Type.String({ pattern: INTERVAL.source, description: '`1 hour` (default), `6 hours`, `1 day`…' }),
        ),
      }),
    },
    variables: ({ query }) => ({
      since: query.get('since'),
      intervalHours: hoursOf(query.get('interval') ?? '1 hour'),
    }),
    result: ({ organization }, { query }) => ({
      interval: query.get('interval') ?? '1 hour',
      since: organization.evaluationVolume[0]?.timestamp ?? query.get('since'),
      data: organization.evaluationVolume,
    }),
    response: Type.Object({
      interval: Type.String(),
      since: Nullable(Timestamp),
      data: Type.Array(Type.Object({ timestamp: Timestamp, value: Type.Integer() })),
    }),
  },
  {
    method: 'GET',
    path: '/analytics/overview',
    auth: 'user',
    summary:
      "The organization's activity in a period: active projects and users, its funnel and event counts",
    operation: 'ActivitySummary',
    request: {
      query: Type.Object({
        period: Type.Optional(
          Type.String({ description: '`24h`, `7d`, `30d` (default; also for any other value) or `90d`' }),
        ),
      }),
    },
    variables: ({ query }) => ({
      since: new Date(Date.now() - (PERIOD_HOURS[query.get('period') ?? ''] ?? 720) * 3_600_000),
    }),
    // FeatureSignals reports these across its whole service; Vexil reports the caller's organization.
    result: ({ organization: { subscription, activitySummary: summary } }, { query }) => {
      const count = (...actions: string[]) =>
        summary.actions
          .filter(({ action }: Data) => actions.some((prefix) => action.startsWith(prefix)))
          .reduce((sum: number, { count }: Data) => sum + count, 0);
      return {
        period: query.get('period') ?? '',
        active_workspaces: summary.activeProjects,
        active_users: summary.activeUsers,
        funnel: {
          signup_completed: count('user.registered'),
          onboarding_completed: count('onboarding.completed'),
          flag_created: count('flag.created'),
          first_evaluation: summary.flagsFirstEvaluated,
          checkout_completed: count('subscription.changed'),
        },
        plan_distribution: { [subscription.plan]: 1 },
        event_counts: {
          auth: count('user.', 'key.'),
          flag: count('flag.', 'segment.', 'change_request.'),
          billing: count('subscription.'),
          team: count('member.', 'role.'),
          evaluation: summary.evaluations,
        },
      };
    },
    response: Type.Object({
      period: Type.String(),
      active_workspaces: Type.Integer({ description: 'projects with a write in the period' }),
      active_users: Type.Integer(),
      funnel: Type.Record(Type.String(), Type.Integer()),
      plan_distribution: Type.Record(Type.String(), Type.Integer()),
      event_counts: Type.Record(Type.String(), Type.Integer()),
    }),
  },
  {
    method: 'POST',
    path: '/projects/:projectID/environments/:envID/inspect-entity',
    auth: 'user',
    summary: 'What every flag of the environment serves one context, and why',
    operation: 'InspectEntity',
    request: { body: Entity, message: 'key is required' },
    example: { key: 'user-42', attributes: { country: 'DE', plan: 'pro' } },
    variables: ({ params, body }) => ({ environmentId: params.envID, context: contextOf(body) }),
    result: ({ evaluate }) =>
      [...byFlagKey(evaluate).values()].map((result) => ({
        flag_key: result.flagKey,
        value: result.value ?? null,
        reason: featureSignalsReason(result),
        ...(result.variation ? { variant_key: result.variation } : {}),
        // A target list names the context itself; a rule only describes it.
        individually_targeted: result.reason === 'TARGETING_MATCH' && !result.ruleId,
      })),
    response: Type.Array(
      Type.Object({
        flag_key: Type.String(),
        value: FlagValue,
        reason: Type.String(),
        variant_key: Type.Optional(Type.String()),
        individually_targeted: Type.Boolean(),
      }),
    ),
  },
  {
    method: 'POST',
    path: '/projects/:projectID/environments/:envID/compare-entities',
    auth: 'user',
    summary: 'What every flag of the environment serves two contexts, side by side',
    operation: 'CompareEntities',
    request: {
      body: Type.Object({ entity_a: Entity, entity_b: Entity }),
      message: 'entity_a.key and entity_b.key are required',
    },
    example: { entity_a: { key: 'user-1', attributes: { plan: 'free' } }, entity_b: { key: 'user-2' } },
    variables: ({ params, body }) => ({
      environmentId: params.envID,
      a: contextOf(body.entity_a as Data),
      b: contextOf(body.entity_b as Data),
    }),
    // Both contexts meet the same flags (one ruleset), so the answers pair up by key.
    result: ({ a, b }) => {
      const other = byFlagKey(b);
      return [...byFlagKey(a).values()].map((one) => {
        const two = other.get(one.flagKey)!;
        return {
          flag_key: one.flagKey,
          value_a: one.value ?? null,
          value_b: two.value ?? null,
          reason_a: featureSignalsReason(one),
          reason_b: featureSignalsReason(two),
          is_different: JSON.stringify(one.value ?? null) !== JSON.stringify(two.value ?? null),
        };
      });
    },
    response: Type.Array(
      Type.Object({
        flag_key: Type.String(),
        value_a: FlagValue,
        value_b: FlagValue,
        reason_a: Type.String(),
        reason_b: Type.String(),
        is_different: Type.Boolean(),
      }),
    ),
  },
  {
    method: 'GET',
    path: '/projects/:projectID/environments/:envID/flag-insights',
    auth: 'user',
    summary: "Each flag's evaluations, last evaluation and staleness in one environment (last 30 days)",
    operation: 'FlagInsights',
    list: true,
    variables: ({ params, page }) => ({ projectId: params.projectID, environmentId: params.envID, ...page }),
    result: ({ project }) => ({
      nodes: project.flags.nodes.map(({ key, name, activity, staleness }: Data) => ({
        flag_key: key,
        name,
        evaluations: activity.evaluations,
        impressions: activity.impressions,
        last_evaluated_at: activity.lastEvaluatedAt,
        stale: staleness.stale,
        stale_reason: staleness.reason,
        variations: activity.byVariation,
      })),
      totalCount: project.flags.totalCount,
    }),
    response: FlagInsight,
  },
]);
