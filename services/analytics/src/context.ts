import type { EntityManager } from '@mikro-orm/postgresql';
import type { PlanGuard, ServiceRuntime, SubgraphContext } from '@vexil/platform';
import { createAuditLoaders } from './modules/audit/audit.loaders.js';
import { createUsageLoaders } from './modules/insights/usage.loaders.js';
import type { TelemetryWriter } from './modules/telemetry/telemetry-writer.js';

/** Per-request context of the analytics subgraph. */
export interface AnalyticsContext extends SubgraphContext {
  em: EntityManager;
  loaders: ReturnType<typeof createAuditLoaders> & ReturnType<typeof createUsageLoaders>;
  /** The service's one telemetry writer: every ingest goes through its group commit. */
  telemetry: TelemetryWriter;
  runtime: ServiceRuntime;
  /** The plans in force, for the MAU limit SDK telemetry is held to. */
  plans: PlanGuard;
}

/** Builds the context of one request. */
export function createAnalyticsContext(
  base: SubgraphContext,
  em: EntityManager,
  runtime: ServiceRuntime,
  telemetry: TelemetryWriter,
  plans: PlanGuard,
): AnalyticsContext {
  return {
    ...base,
    em,
    loaders: { ...createAuditLoaders(em), ...createUsageLoaders(em) },
    runtime,
    telemetry,
    plans,
  };
}
