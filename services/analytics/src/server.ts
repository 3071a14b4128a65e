import { startService, type PlatformConfig, type RunningService, type ServiceDeps } from '@vexil/platform';
import { createAnalyticsContext } from './context.js';
import { Migration0001Initial } from './migrations/migration-0001-initial.js';
import { Migration0002EventConsumers } from './migrations/migration-0002-event-consumers.js';
import { AuditEvent } from './modules/audit/audit-event.entity.js';
import { auditReactions } from './modules/audit/audit.reactions.js';
import { buildAnalyticsSchema } from './schema.js';

/** Options of the analytics subgraph. */
export interface AnalyticsOptions extends ServiceDeps {
  config: PlatformConfig;
}

/** Starts the analytics subgraph: the audit log now; telemetry, metrics and insights to come. */
export function createServer(options: AnalyticsOptions): Promise<RunningService> {
  return startService(options, {
    name: 'analytics',
    entities: [AuditEvent],
    migrations: [Migration0001Initial, Migration0002EventConsumers],
    schema: buildAnalyticsSchema,
    context: createAnalyticsContext,
    reactions: auditReactions,
  });
}
