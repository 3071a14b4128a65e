import { Args, ArgsType, Ctx, Field, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { DEAD_EVENT, paginate, requirePermission } from '@vexil/platform';
import type { AnalyticsContext } from '../../context.js';
import { AuditEventConnection, toAuditEventType } from '../audit/audit-event.type.js';
import { OrganizationRef } from './organization.type.js';

@ArgsType()
class AuditPageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, at most 100 (default 50).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts.' })
  after?: string | null;
}

@Resolver(() => OrganizationRef)
export class OrganizationAuditResolver {
  @FieldResolver(() => AuditEventConnection, { description: 'The organization’s audit log, newest first.' })
  async auditLog(
    @Root() organization: OrganizationRef,
    @Args(() => AuditPageArgs) page: AuditPageArgs,
    @Ctx() { loaders }: AnalyticsContext,
  ) {
    const entries = await loaders.auditEventsByOrganization.load(organization.id);
    return paginate(entries.map(toAuditEventType), page);
  }

  @FieldResolver(() => AuditEventConnection, {
    description:
      'Events of the organization a service set aside after its reaction kept failing (audit action `event.dead`; `data` names the service, the event and the error), newest first. Owners and admins only.',
  })
  async deadEvents(
    @Root() organization: OrganizationRef,
    @Args(() => AuditPageArgs) page: AuditPageArgs,
    @Ctx() { loaders, principal }: AnalyticsContext,
  ) {
    requirePermission(principal, 'admin');
    const entries = await loaders.auditEventsByOrganization.load(organization.id);
    return paginate(entries.filter((entry) => entry.action === DEAD_EVENT).map(toAuditEventType), page);
  }
}
