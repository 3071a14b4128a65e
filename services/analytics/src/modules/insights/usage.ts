import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@vexil/platform';
import type { Usage } from './usage.type.js';

/** Distinct contexts of an organization's environments in a month (`YYYY-MM`): its MAU, exact. */
export async function monthlyActiveContexts(
  em: EntityManager,
  organizationId: string,
  month: string,
): Promise<number> {
  const [row] = await em
    .getConnection()
    .execute<{ count: string }[]>(
      `select count(*)::text as count from analytics.monthly_contexts where organization_id = ? and month = ?`,
      [organizationId, `${month}-01`],
    );
  return Number(row?.count ?? 0);
}

/** An organization's usage in a month (`YYYY-MM`, default the current one). */
export async function usageOf(
  em: EntityManager,
  organizationId: string,
  month: string | null,
): Promise<Usage> {
  const chosen = month ?? new Date().toISOString().slice(0, 7);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(chosen)) throw DomainError.validation({ month: ['must be YYYY-MM'] });
  const start = new Date(`${chosen}-01T00:00:00Z`);
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  const [evaluations] = await em.getConnection().execute<{ count: string | null }[]>(
    `select sum(count)::text as count from analytics.flag_activity
     where organization_id = ? and kind = 'evaluation' and hour >= ? and hour < ?`,
    [organizationId, start, end],
  );
  return {
    month: chosen,
    monthlyActiveContexts: await monthlyActiveContexts(em, organizationId, chosen),
    evaluations: Number(evaluations?.count ?? 0),
  };
}
