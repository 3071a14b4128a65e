import {
  OrganizationPlan,
  PlanGuard,
  withOrganizationPlans,
  startService,
  type PlatformConfig,
  type RunningService,
  type ServiceDeps,
} from '@vexil/platform';
import { createFlagsContext } from './context.js';
import { Migration0001Initial } from './migrations/migration-0001-initial.js';
import { Migration0002FlagsSegments } from './migrations/migration-0002-flags-segments.js';
import { Migration0003Governance } from './migrations/migration-0003-governance.js';
import { ChangeRequest } from './modules/change-requests/change-request.entity.js';
import { ScheduledChange } from './modules/schedules/scheduled-change.entity.js';
import { startScheduler } from './modules/schedules/scheduler.js';
import { Migration0004Webhooks } from './migrations/migration-0004-webhooks.js';
import { Migration0005ChangeRequestType } from './migrations/migration-0005-change-request-type.js';
import { Migration0006EventConsumers } from './migrations/migration-0006-event-consumers.js';
import { Migration0007JsonValues } from './migrations/migration-0007-json-values.js';
import { Migration0008FlagBucketing } from './migrations/migration-0008-flag-bucketing.js';
import { Migration0009ConfigurationRows } from './migrations/migration-0009-configuration-rows.js';
import { Migration0010OrganizationPlans } from './migrations/migration-0010-organization-plans.js';
import { Migration0011FlagExpiry } from './migrations/migration-0011-flag-expiry.js';
import { Migration0012Integrations } from './migrations/migration-0012-integrations.js';
import { WebhookDelivery } from './modules/webhooks/webhook-delivery.entity.js';
import { startWebhookDispatcher } from './modules/webhooks/webhook-dispatcher.js';
import { Webhook } from './modules/webhooks/webhook.entity.js';
import { WebhookService } from './modules/webhooks/webhook.service.js';
import { FlagConfigVersion } from './modules/flag-configs/flag-config-version.entity.js';
import { FlagConfig } from './modules/flag-configs/flag-config.entity.js';
import { Flag } from './modules/flags/flag.entity.js';
import { Segment } from './modules/segments/segment.entity.js';
import { Environment } from './modules/environments/environment.entity.js';
import { Project } from './modules/projects/project.entity.js';
import { ProjectService } from './modules/projects/project.service.js';
import { buildFlagsSchema } from './schema.js';

/** Options of the flags subgraph. */
export interface FlagsOptions extends ServiceDeps {
  config: PlatformConfig;
}

/** Starts the flags subgraph: projects, environments, flags and their configuration. */
export function createServer(options: FlagsOptions): Promise<RunningService> {
  return startService(options, {
    name: 'flags',
    entities: [
      Project,
      Environment,
      Flag,
      FlagConfig,
      FlagConfigVersion,
      Segment,
      ChangeRequest,
      ScheduledChange,
      Webhook,
      WebhookDelivery,
      OrganizationPlan,
    ],
    migrations: [
      Migration0001Initial,
      Migration0002FlagsSegments,
      Migration0003Governance,
      Migration0004Webhooks,
      Migration0005ChangeRequestType,
      Migration0006EventConsumers,
      Migration0007JsonValues,
      Migration0008FlagBucketing,
      Migration0009ConfigurationRows,
      Migration0010OrganizationPlans,
      Migration0011FlagExpiry,
      Migration0012Integrations,
    ],
    background: (runtime) => [
      startScheduler(runtime),
      startWebhookDispatcher(runtime, options.config.webhooks),
    ],
    schema: buildFlagsSchema,
    context: (base, em, runtime) =>
      createFlagsContext(base, em, runtime, options.config.webhooks, options.config.billing),
    reactions: (runtime) => {
      const plans = new PlanGuard(options.config.billing, runtime.now);
      return withOrganizationPlans({
        'organization.created': (em, event) =>
          new ProjectService(em, runtime, plans).provisionWorkspace(em, event),
        '*': (em, event) =>
          new WebhookService(em, runtime, options.config.webhooks, plans).enqueue(em, event),
      });
    },
  });
}
