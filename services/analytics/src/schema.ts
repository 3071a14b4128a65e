import { buildFederatedSchema, type FederatedSchema, type ReferenceResolvers } from '@vexil/platform';
import { resolveAuditEventReference } from './modules/audit/audit-event.reference.js';
import { resolveOrganizationReference } from './modules/organizations/organization.reference.js';
import { OrganizationAuditResolver } from './modules/organizations/organization.resolver.js';
import { OrganizationUsageResolver } from './modules/organizations/organization-usage.resolver.js';
import { OrganizationRef } from './modules/organizations/organization.type.js';
import { AuditEventType } from './modules/audit/audit-event.type.js';
import { TelemetryResolver } from './modules/telemetry/telemetry.resolver.js';
import { MetricsResolver } from './modules/insights/metrics.resolver.js';
import { FlagAnalyticsResolver } from './modules/flags/flag.resolver.js';
import { FlagRef } from './modules/flags/flag.type.js';
import { ProjectAuditResolver } from './modules/projects/project.resolver.js';
import { ProjectRef } from './modules/projects/project.type.js';
import { StatusResolver } from './modules/status/status.resolver.js';
import { DataExportResolver } from './modules/data-export/data-export.resolver.js';

/** The analytics subgraph's schema; `npm run compose` prints its SDL to services/analytics/schema.graphql. */
export function buildAnalyticsSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    resolvers: [
      OrganizationAuditResolver,
      OrganizationUsageResolver,
      FlagAnalyticsResolver,
      ProjectAuditResolver,
      TelemetryResolver,
      MetricsResolver,
      StatusResolver,
      DataExportResolver,
    ],
    // Reachable only through federation (no root field leads to them), so they must be listed.
    orphanedTypes: [OrganizationRef, FlagRef, ProjectRef, AuditEventType],
    references: {
      Organization: resolveOrganizationReference,
      AuditEvent: resolveAuditEventReference,
    } as ReferenceResolvers,
  });
}
