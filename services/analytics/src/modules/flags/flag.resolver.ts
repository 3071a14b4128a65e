import { Arg, Args, Ctx, FieldResolver, ID, Int, Directive, Resolver, Root } from 'type-graphql';
import { DomainError, PageArgs, organizationOf } from '@vexil/platform';
import type { AnalyticsContext } from '../../context.js';
import { AuditEventConnection } from '../audit/audit-event.type.js';
import { AuditLogFilter, auditLogPage } from '../audit/audit-log.js';
import { flagActivity, flagStaleness } from '../insights/flag-activity.js';
import { FlagActivitySummary, FlagStaleness } from '../insights/flag-activity.type.js';
import { FlagRef } from './flag.type.js';

const DAY_MS = 86_400_000;

@Resolver(() => FlagRef)
export class FlagAnalyticsResolver {
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

  @Directive('@requires(fields: "key")')
  @FieldResolver(() => FlagActivitySummary, {
    description:
      'What the flag did in one environment: evaluations by variation and reason, impressions, and the last evaluation. Counted by the hour, so the period is rounded to whole hours.',
  })
  activity(
    @Root() flag: FlagRef,
    @Arg('environmentId', () => ID, { description: 'The environment.' }) environmentId: string,
    @Arg('since', () => Date, { nullable: true, description: 'Start of the period (default: 30 days ago).' })
    since: Date | null,
    @Arg('until', () => Date, { nullable: true, description: 'End of the period (default: now).' })
    until: Date | null,
    @Ctx() { em, principal }: AnalyticsContext,
  ) {
    const end = until ?? new Date();
    const start = since ?? new Date(end.getTime() - 30 * DAY_MS);
    if (start >= end) throw DomainError.validation({ until: ['must be after since'] });
    return flagActivity(
      em,
      { organizationId: organizationOf(principal), environmentId, flagKey: flag.key },
      start,
      end,
    );
  }

  @Directive('@requires(fields: "key createdAt expiresAt")')
  @FieldResolver(() => FlagStaleness, {
    description:
      'Whether the flag looks finished with in one environment over the last `days` days, and why.',
  })
  staleness(
    @Root() flag: FlagRef,
    @Arg('environmentId', () => ID, { description: 'The environment.' }) environmentId: string,
    @Arg('days', () => Int, { defaultValue: 30, description: 'The period looked at (1–365 days).' })
    days: number,
    @Ctx() { em, principal }: AnalyticsContext,
  ) {
    if (!Number.isInteger(days) || days < 1 || days > 365)
      throw DomainError.validation({ days: ['must be between 1 and 365'] });
    const scope = { organizationId: organizationOf(principal), environmentId, flagKey: flag.key };
    return flagStaleness(em, scope, flag, days, new Date());
  }
}
