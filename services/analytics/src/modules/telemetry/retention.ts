import type { EntityManager } from '@mikro-orm/postgresql';
import {
  backgroundEm,
  executeBound,
  periodicJob,
  type BackgroundJob,
  type ServiceRuntime,
} from '@vexil/platform';

export interface RetentionOptions {
  /** Raw SDK events are kept this many days. */
  eventDays: number;
  /** Hourly activity rollups and monthly contexts are kept this many days. */
  activityDays: number;
  /** How often old rows are swept. */
  sweepMs: number;
}

const DAY_MS = 86_400_000;

/**
 * Sweeps telemetry past its retention: raw events after `eventDays`, rollups and the month's contexts
 * after `activityDays` (a month's contexts go once the whole month is past it). The audit log is not
 * telemetry and is kept.
 */
export function startRetention(runtime: ServiceRuntime, options: RetentionOptions): BackgroundJob {
  const sweep = async () => {
    const em = backgroundEm(runtime.orm) as EntityManager;
    const now = runtime.now().getTime();
    const events = new Date(now - options.eventDays * DAY_MS);
    const activity = new Date(now - options.activityDays * DAY_MS);
    await executeBound(em, `delete from analytics.sdk_events where received_at < $1`, [events]);
    await executeBound(em, `delete from analytics.flag_activity where hour < $1`, [activity]);
    await executeBound(em, `delete from analytics.monthly_contexts where month + interval '1 month' <= $1`, [
      activity,
    ]);
  };
  return periodicJob(runtime.log, 'telemetry retention sweep failed', options.sweepMs, sweep);
}
