import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, organizationOf } from '@vexil/platform';
import type { AnalyticsContext } from '../../context.js';
import { AuditEventConnection } from '../audit/audit-event.type.js';
import { AuditLogFilter, auditLogPage } from '../audit/audit-log.js';
import { ProjectRef } from './project.type.js';

@Resolver(() => ProjectRef)
export class ProjectAuditResolver {
  @FieldResolver(() => AuditEventConnection, {
    description: 'Every change within this project (its flags, environments, segments, keys…), newest first.',
  })
  auditLog(
    @Root() project: ProjectRef,
    @Arg('filter', () => AuditLogFilter, { nullable: true, description: 'Which entries; all when absent.' })
    filter: AuditLogFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em, principal }: AnalyticsContext,
  ) {
    return auditLogPage(em, organizationOf(principal), { ...filter, projectId: project.id }, page);
  }
}
