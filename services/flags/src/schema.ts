import { buildFederatedSchema, type FederatedSchema, type ReferenceResolvers } from '@vexil/platform';
import { resolveOrganizationReference } from './modules/organizations/organization.reference.js';
import { OrganizationProjectsResolver } from './modules/organizations/organization.resolver.js';
import { OrganizationUsageResolver } from './modules/organizations/organization-usage.resolver.js';
import { ProjectEventsResolver } from './modules/projects/project.events.js';
import { resolveProjectReference } from './modules/projects/project.reference.js';
import { ProjectResolver } from './modules/projects/project.resolver.js';
import {
  ChangeRequestResolver,
  EnvironmentChangeRequestsResolver,
  OrganizationChangeRequestsResolver,
} from './modules/change-requests/change-request.resolver.js';
import { EnvironmentResolver } from './modules/environments/environment.resolver.js';
import {
  EnvironmentSchedulesResolver,
  ScheduledChangeResolver,
} from './modules/schedules/scheduled-change.resolver.js';
import { EvaluationResolver } from './modules/evaluation/evaluation.resolver.js';
import { EvaluationsChangedResolver } from './modules/evaluation/evaluations-changed.events.js';
import {
  EnvironmentFlagsResolver,
  FlagConfigurationResolver,
} from './modules/flag-configs/flag-config.resolver.js';
import { RuleResolver } from './modules/flag-configs/rule.resolver.js';
import { ProjectFlagHealthResolver } from './modules/flag-health/flag-health.resolver.js';
import { FlagEventsResolver } from './modules/flags/flag.events.js';
import { FlagUpdatesResolver } from './modules/flags/flag-updates.events.js';
import {
  IntegrationResolver,
  OrganizationIntegrationsResolver,
} from './modules/webhooks/integration.resolver.js';
import { OrganizationWebhooksResolver, WebhookResolver } from './modules/webhooks/webhook.resolver.js';
import { FlagResolver, ProjectFlagsResolver } from './modules/flags/flag.resolver.js';
import { ProjectSegmentsResolver, SegmentResolver } from './modules/segments/segment.resolver.js';
import { SearchResolver } from './modules/search/search.resolver.js';
import { SegmentMatchResolver } from './modules/segments/segment-match.resolver.js';

/** The flags subgraph's schema; `npm run compose` prints its SDL to services/flags/schema.graphql. */
export function buildFlagsSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    resolvers: [
      ProjectResolver,
      EnvironmentResolver,
      OrganizationProjectsResolver,
      OrganizationUsageResolver,
      ProjectEventsResolver,
      FlagResolver,
      FlagEventsResolver,
      FlagUpdatesResolver,
      EvaluationsChangedResolver,
      ProjectFlagsResolver,
      ProjectFlagHealthResolver,
      FlagConfigurationResolver,
      EnvironmentFlagsResolver,
      RuleResolver,
      SegmentResolver,
      ProjectSegmentsResolver,
      EvaluationResolver,
      ChangeRequestResolver,
      EnvironmentChangeRequestsResolver,
      OrganizationChangeRequestsResolver,
      ScheduledChangeResolver,
      EnvironmentSchedulesResolver,
      WebhookResolver,
      OrganizationWebhooksResolver,
      SearchResolver,
      SegmentMatchResolver,
      IntegrationResolver,
      OrganizationIntegrationsResolver,
    ],
    references: {
      Organization: resolveOrganizationReference,
      Project: resolveProjectReference,
    } as ReferenceResolvers,
  });
}
