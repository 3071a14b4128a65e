import type { EntityManager } from '@mikro-orm/postgresql';
import { PlanGuard, type BillingSettings, type ServiceRuntime, type SubgraphContext } from '@vexil/platform';
import { createGovernanceLoaders } from './modules/change-requests/change-request.loaders.js';
import { ChangeRequestService } from './modules/change-requests/change-request.service.js';
import { createEnvironmentLoaders } from './modules/environments/environment.loaders.js';
import { ScheduledChangeService } from './modules/schedules/scheduled-change.service.js';
import { EnvironmentService } from './modules/environments/environment.service.js';
import { FlagConfigService } from './modules/flag-configs/flag-config.service.js';
import { createFlagLoaders } from './modules/flags/flag.loaders.js';
import { FlagService } from './modules/flags/flag.service.js';
import { createUsageLoaders } from './modules/organizations/organization-usage.js';
import { createProjectLoaders } from './modules/projects/project.loaders.js';
import { ProjectService } from './modules/projects/project.service.js';
import { createSegmentLoaders } from './modules/segments/segment.loaders.js';
import { SegmentService } from './modules/segments/segment.service.js';
import { createWebhookLoaders } from './modules/webhooks/webhook.loaders.js';
import { WebhookService, type WebhookSettings } from './modules/webhooks/webhook.service.js';

/** Per-request context of the flags subgraph. */
export interface FlagsContext extends SubgraphContext {
  em: EntityManager;
  loaders: ReturnType<typeof createProjectLoaders> &
    ReturnType<typeof createEnvironmentLoaders> &
    ReturnType<typeof createFlagLoaders> &
    ReturnType<typeof createSegmentLoaders> &
    ReturnType<typeof createGovernanceLoaders> &
    ReturnType<typeof createWebhookLoaders> &
    ReturnType<typeof createUsageLoaders>;
  projects: ProjectService;
  environments: EnvironmentService;
  flags: FlagService;
  configs: FlagConfigService;
  segments: SegmentService;
  changeRequests: ChangeRequestService;
  schedules: ScheduledChangeService;
  webhooks: WebhookService;
}

/** Builds the context of one request; loaders live exactly as long as the request. */
export function createFlagsContext(
  base: SubgraphContext,
  em: EntityManager,
  runtime: ServiceRuntime,
  webhooks: WebhookSettings,
  billing: BillingSettings,
): FlagsContext {
  const configs = new FlagConfigService(em, runtime);
  const plans = new PlanGuard(billing, runtime.now);
  return {
    ...base,
    em,
    loaders: {
      ...createProjectLoaders(em),
      ...createEnvironmentLoaders(em),
      ...createFlagLoaders(em),
      ...createSegmentLoaders(em),
      ...createGovernanceLoaders(em),
      ...createWebhookLoaders(em),
      ...createUsageLoaders(em),
    },
    projects: new ProjectService(em, runtime, plans),
    environments: new EnvironmentService(em, runtime, plans),
    flags: new FlagService(em, runtime, plans),
    configs,
    segments: new SegmentService(em, runtime),
    changeRequests: new ChangeRequestService(em, runtime, configs),
    schedules: new ScheduledChangeService(em, runtime, configs),
    webhooks: new WebhookService(em, runtime, webhooks, plans),
  };
}
