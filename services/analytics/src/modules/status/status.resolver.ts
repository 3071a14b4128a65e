import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { DomainError, executeBound } from '@vexil/platform';
import type { AnalyticsContext } from '../../context.js';
import { ComponentCheckInput, ComponentDay, ServiceLevel } from './status.type.js';

const checkedDays = (days: number, most: number) => {
  if (!Number.isInteger(days) || days < 1 || days > most)
    throw DomainError.validation({ days: [`must be between 1 and ${most}`] });
};

/** The platform's status history (public, as a status page is): what the gateway's checks found. */
@Resolver()
export class StatusResolver {
  @Mutation(() => Int, {
    description:
      'Records one round of the gateway’s status checks into the day’s counts; how many components. The gateway only.',
  })
  async recordStatusCheck(
    @Arg('components', () => [ComponentCheckInput], { description: 'Each component and what was found.' })
    components: ComponentCheckInput[],
    @Ctx() { principal, em }: AnalyticsContext,
  ): Promise<number> {
    if (principal.kind !== 'system' || principal.name !== 'gateway')
      throw new DomainError('INSUFFICIENT_PERMISSIONS', 'only the gateway records status checks');
    if (components.length === 0) return 0;
    await executeBound(
      em,
      `insert into analytics.status_days (day, component, total_checks, operational_checks)
       select (now() at time zone 'utc')::date, c.component, 1, case when c.operational then 1 else 0 end
       from jsonb_to_recordset($1::jsonb) as c(component text, operational boolean)
       on conflict (day, component) do update
         set total_checks = status_days.total_checks + 1,
             operational_checks = status_days.operational_checks + excluded.operational_checks`,
      [JSON.stringify(components)],
    );
    return components.length;
  }

  @Query(() => [ComponentDay], {
    description: 'Each component’s checks per day over the last `days` days, newest first (public).',
  })
  async statusHistory(
    @Arg('days', () => Int, { defaultValue: 90, description: 'Days back from today (1–90).' }) days: number,
    @Ctx() { em }: AnalyticsContext,
  ): Promise<ComponentDay[]> {
    checkedDays(days, 90);
    const rows = await executeBound<{ day: string; component: string; total: number; operational: number }>(
      em,
      `select to_char(day, 'YYYY-MM-DD') as day, component, total_checks as total, operational_checks as operational
       from analytics.status_days where day > (now() at time zone 'utc')::date - $1::int
       order by day desc, component`,
      [days],
    );
    return rows.map((row) => ({
      date: row.day,
      component: row.component,
      uptimePercent: (100 * row.operational) / row.total,
      totalChecks: row.total,
      operationalChecks: row.operational,
    }));
  }

  @Query(() => ServiceLevel, {
    description: 'The platform’s availability over the last `days` days (public).',
  })
  async serviceLevel(
    @Arg('days', () => Int, { defaultValue: 90, description: 'Days back from today (1–365).' }) days: number,
    @Ctx() { em }: AnalyticsContext,
  ): Promise<ServiceLevel> {
    checkedDays(days, 365);
    const rows = await executeBound<{ day: string; total: number; operational: number }>(
      em,
      `select to_char(day, 'YYYY-MM-DD') as day, sum(total_checks)::int as total,
         sum(operational_checks)::int as operational
       from analytics.status_days where day > (now() at time zone 'utc')::date - $1::int
       group by day order by day desc`,
      [days],
    );
    const total = rows.reduce((sum, row) => sum + row.total, 0);
    const operational = rows.reduce((sum, row) => sum + row.operational, 0);
    // Days without checks (the platform was not running) neither break nor extend the streak.
    const streak = rows.findIndex((row) => row.operational < row.total);
    return {
      uptimePercent: total === 0 ? 100 : (100 * operational) / total,
      daysTracked: rows.length,
      currentStreakDays: streak === -1 ? rows.length : streak,
      periodDays: days,
    };
  }
}
