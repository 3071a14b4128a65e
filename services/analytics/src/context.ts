import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphContext } from '@vexil/platform';
import { createAuditLoaders } from './modules/audit/audit.loaders.js';

/** Per-request context of the analytics subgraph. */
export interface AnalyticsContext extends SubgraphContext {
  em: EntityManager;
  loaders: ReturnType<typeof createAuditLoaders>;
}

/** Builds the context of one request. */
export function createAnalyticsContext(base: SubgraphContext, em: EntityManager): AnalyticsContext {
  return { ...base, em, loaders: createAuditLoaders(em) };
}
