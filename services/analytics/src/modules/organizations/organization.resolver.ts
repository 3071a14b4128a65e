import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { DEAD_EVENT, PageArgs, requirePermission } from '@vexil/platform';
import type { AnalyticsContext } from '../../context.js';
import { AuditEventConnection } from '../audit/audit-event.type.js';
import { AuditLogFilter, auditLogPage } from '../audit/audit-log.js';
import { usageOf } from '../insights/usage.js';
import { Usage } from '../insights/usage.type.js';
import { OrganizationRef } from './organization.type.js';

@Resolver(() => OrganizationRef)
export class OrganizationAuditResolver {
  @FieldResolver(() => AuditEventConnection, {
    description: 'The organization’s audit log, newest first: every change of every service.',
  })
  auditLog(
    @Root() organization: OrganizationRef,
    @Arg('filter', () => AuditLogFilter, { nullable: true, description: 'Which entries; all when absent.' })
    filter: AuditLogFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em }: AnalyticsContext,
  ) {
    return auditLogPage(em, organization.id, filter, page);
  }

  @FieldResolver(() => Usage, {
    description: 'What the organization used in a month: monthly active contexts and evaluations.',
  })
  usage(
    @Root() organization: OrganizationRef,
    @Arg('month', () => String, { nullable: true, description: '`YYYY-MM` (UTC); this month when absent.' })
    month: string | null,
    @Ctx() { em }: AnalyticsContext,
  ) {
    return usageOf(em, organization.id, month);
  }

  @FieldResolver(() => AuditEventConnection, {
    description:
      'The audit log as an export reads it, page after page: the same entries as `auditLog`, for owners and admins only, on a plan with audit export.',
  })
  async auditLogExport(
    @Root() organization: OrganizationRef,
    @Arg('filter', () => AuditLogFilter, { nullable: true, description: 'Which entries; all when absent.' })
    filter: AuditLogFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em, principal, plans }: AnalyticsContext,
  ) {
    requirePermission(principal, 'admin');
    await plans.requireFeature(em, organization.id, 'auditExport');
    return auditLogPage(em, organization.id, filter, page);
  }

  @FieldResolver(() => AuditEventConnection, {
    description:
      'Events of the organization a service set aside after its reaction kept failing (audit action `event.dead`; `data` names the service, the event and the error), newest first. Owners and admins only.',
  })
  deadEvents(
    @Root() organization: OrganizationRef,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em, principal }: AnalyticsContext,
  ) {
    requirePermission(principal, 'admin');
    return auditLogPage(em, organization.id, { actions: [DEAD_EVENT] }, page);
  }
}
