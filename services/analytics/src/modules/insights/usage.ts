import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@vexil/platform';
import type { Usage } from './usage.type.js';

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
  const connection = em.getConnection();
  const [contexts] = await connection.execute<{ count: string }[]>(
    `select count(*)::text as count from analytics.monthly_contexts where organization_id = ? and month = ?`,
    [organizationId, `${chosen}-01`],
  );
  const [evaluations] = await connection.execute<{ count: string | null }[]>(
    `select sum(count)::text as count from analytics.flag_activity
     where organization_id = ? and kind = 'evaluation' and hour >= ? and hour < ?`,
    [organizationId, start, end],
  );
  return {
    month: chosen,
    monthlyActiveContexts: Number(contexts?.count ?? 0),
    evaluations: Number(evaluations?.count ?? 0),
  };
}
