import { Type } from '@sinclair/typebox';
import { resource, type RestRoute } from '../rest-route.js';
import { REGION } from '../../status/install-routes.js';
import { Timestamp } from './schemas.js';

type Data = Record<string, any>;

const days = (most: number) =>
  Type.Object({
    days: Type.Optional(
      Type.String({ pattern: '^[0-9]+$', description: `days back from today, 1–${most} (default 90)` }),
    ),
  });

/**
 * FeatureSignals' status history and SLA (its live `/v1/status` is the gateway's own, beside `/readyz`):
 * from the checks the gateway records in analytics every `STATUS_CHECK_INTERVAL_MS`. Public.
 */
export const featureSignalsStatusRoutes = resource<RestRoute>('Status', [
  {
    method: 'GET',
    path: '/status/history',
    auth: 'public',
    summary: 'Each component’s checks per day, newest first',
    operation: 'StatusHistory',
    request: { query: days(90) },
    variables: ({ query }) => ({ days: query.has('days') ? Number(query.get('days')) : undefined }),
    result: ({ statusHistory }) => ({
      components: statusHistory.map((day: Data) => ({
        date: day.date,
        region: REGION.region,
        component: day.component,
        uptime_pct: day.uptimePercent,
        total_checks: day.totalChecks,
        operational_checks: day.operationalChecks,
      })),
      regions: [REGION.region],
      checked_at: new Date().toISOString(),
    }),
    response: Type.Object({
      components: Type.Array(
        Type.Object({
          date: Type.String(),
          region: Type.String(),
          component: Type.String(),
          uptime_pct: Type.Number(),
          total_checks: Type.Integer(),
          operational_checks: Type.Integer(),
        }),
      ),
      regions: Type.Array(Type.String()),
      checked_at: Timestamp,
    }),
  },
  {
    method: 'GET',
    path: '/status/sla',
    auth: 'public',
    summary: 'Uptime over a period and the current run of fully operational days',
    operation: 'ServiceLevel',
    request: { query: days(365) },
    variables: ({ query }) => ({ days: query.has('days') ? Number(query.get('days')) : undefined }),
    result: ({ serviceLevel }) => ({
      sla: [
        {
          region: REGION.region,
          name: REGION.name,
          uptime_pct: serviceLevel.uptimePercent,
          days_tracked: serviceLevel.daysTracked,
          current_streak_days: serviceLevel.currentStreakDays,
        },
      ],
      period_days: serviceLevel.periodDays,
      checked_at: new Date().toISOString(),
    }),
    response: Type.Object({
      sla: Type.Array(
        Type.Object({
          region: Type.String(),
          name: Type.String(),
          uptime_pct: Type.Number(),
          days_tracked: Type.Integer(),
          current_streak_days: Type.Integer(),
        }),
      ),
      period_days: Type.Integer(),
      checked_at: Timestamp,
    }),
  },
]);
