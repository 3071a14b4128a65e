import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, organizationOf } from '@vexil/platform';
import type { AnalyticsContext } from '../../context.js';
import { AuditEventConnection } from '../audit/audit-event.type.js';
import { AuditLogFilter, auditLogPage } from '../audit/audit-log.js';
import { FlagRef } from './flag.type.js';

@Resolver(() => FlagRef)
export class FlagAuditResolver {
  @FieldResolver(() => AuditEventConnection, {
    description:
      'The changes of this flag (its definition and its configuration in every environment), newest first.',
  })
  auditLog(
    @Root() flag: FlagRef,
    @Arg('filter', () => AuditLogFilter, { nullable: true, description: 'Which entries; all when absent.' })
    filter: AuditLogFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em, principal }: AnalyticsContext,
  ) {
    return auditLogPage(
      em,
      organizationOf(principal),
      { ...filter, resourceTypes: ['flag'], resourceId: flag.id },
      page,
    );
  }
}
