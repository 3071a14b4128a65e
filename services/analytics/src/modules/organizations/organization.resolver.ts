import { Args, ArgsType, Ctx, Field, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { paginate } from '@vexil/platform';
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
}
