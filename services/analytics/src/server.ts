import { startService, type PlatformConfig, type RunningService, type ServiceDeps } from '@vexil/platform';
import { createAnalyticsContext } from './context.js';
import { Migration0001Initial } from './migrations/migration-0001-initial.js';
import { Migration0002EventConsumers } from './migrations/migration-0002-event-consumers.js';
import { Migration0003SdkEvents } from './migrations/migration-0003-sdk-events.js';
import { Migration0004AuditContext } from './migrations/migration-0004-audit-context.js';
import { AuditEvent } from './modules/audit/audit-event.entity.js';
import { auditReactions } from './modules/audit/audit.reactions.js';
import { SdkEvent } from './modules/telemetry/sdk-event.entity.js';
import { buildAnalyticsSchema } from './schema.js';

/** Options of the analytics subgraph. */
export interface AnalyticsOptions extends ServiceDeps {
  config: PlatformConfig;
}

/** Starts the analytics subgraph: the audit log and the events SDKs report; metrics and insights to come. */
export function createServer(options: AnalyticsOptions): Promise<RunningService> {
  return startService(options, {
    name: 'analytics',
    entities: [AuditEvent, SdkEvent],
    migrations: [
      Migration0001Initial,
      Migration0002EventConsumers,
      Migration0003SdkEvents,
      Migration0004AuditContext,
    ],
    schema: buildAnalyticsSchema,
    context: createAnalyticsContext,
    reactions: auditReactions,
  });
}
