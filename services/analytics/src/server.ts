import {
  OrganizationPlan,
  PlanGuard,
  startService,
  withOrganizationPlans,
  type PlatformConfig,
  type RunningService,
  type ServiceDeps,
} from '@vexil/platform';
import { createAnalyticsContext } from './context.js';
import { Migration0001Initial } from './migrations/migration-0001-initial.js';
import { Migration0002EventConsumers } from './migrations/migration-0002-event-consumers.js';
import { Migration0003SdkEvents } from './migrations/migration-0003-sdk-events.js';
import { Migration0004AuditContext } from './migrations/migration-0004-audit-context.js';
import { Migration0005FlagActivity } from './migrations/migration-0005-flag-activity.js';
import { Migration0006OrganizationPlans } from './migrations/migration-0006-organization-plans.js';
import { Migration0007StatusDays } from './migrations/migration-0007-status-days.js';
import { StatusDay } from './modules/status/status-day.entity.js';
import { AuditEvent } from './modules/audit/audit-event.entity.js';
import { auditReactions } from './modules/audit/audit.reactions.js';
import { FlagActivity } from './modules/telemetry/flag-activity.entity.js';
import { MetricsWindow } from './modules/telemetry/metrics-window.entity.js';
import { MonthlyContext } from './modules/telemetry/monthly-context.entity.js';
import { SdkEvent } from './modules/telemetry/sdk-event.entity.js';
import { startRetention } from './modules/telemetry/retention.js';
import { TelemetryWriter } from './modules/telemetry/telemetry-writer.js';
import { buildAnalyticsSchema } from './schema.js';

/** Options of the analytics subgraph. */
export interface AnalyticsOptions extends ServiceDeps {
  config: PlatformConfig;
}

/** Starts the analytics subgraph: the audit log, the events SDKs report, and the flags' activity. */
export function createServer(options: AnalyticsOptions): Promise<RunningService> {
  // Made with the runtime (its ORM), then shared by every request's context.
  let telemetry: TelemetryWriter | undefined;
  return startService(options, {
    name: 'analytics',
    entities: [
      AuditEvent,
      SdkEvent,
      FlagActivity,
      MonthlyContext,
      MetricsWindow,
      OrganizationPlan,
      StatusDay,
    ],
    migrations: [
      Migration0001Initial,
      Migration0002EventConsumers,
      Migration0003SdkEvents,
      Migration0004AuditContext,
      Migration0005FlagActivity,
      Migration0006OrganizationPlans,
      Migration0007StatusDays,
    ],
    background: (runtime) => {
      const writer = new TelemetryWriter(
        runtime.orm,
        {
          capacity: options.config.telemetry.queueCapacity,
          maxBatch: options.config.telemetry.batchRows,
        },
        runtime.log,
      );
      telemetry = writer;
      const { eventRetentionDays, activityRetentionDays, retentionSweepMs } = options.config.telemetry;
      return [
        { stop: () => writer.flushed() },
        startRetention(runtime, {
          eventDays: eventRetentionDays,
          activityDays: activityRetentionDays,
          sweepMs: retentionSweepMs,
        }),
      ];
    },
    schema: buildAnalyticsSchema,
    context: (base, em, runtime) =>
      createAnalyticsContext(
        base,
        em,
        runtime,
        telemetry!,
        new PlanGuard(options.config.billing, runtime.now),
      ),
    reactions: () => withOrganizationPlans(auditReactions()),
  });
}
