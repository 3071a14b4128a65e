import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery, type Kysely } from 'kysely';

/**
 * Runs SQL with `$1`-style parameters bound by the driver, in `em`'s transaction when it has one.
 * MikroORM's `execute` writes parameters into the statement's text instead, escaping them character by
 * character: for a large parameter (a batch of events as JSON) that escape costs more than the query.
 */
export async function executeBound<R = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  parameters: unknown[],
): Promise<R[]> {
  const executor = (em.getTransactionContext() ?? em.getConnection().getClient()) as Kysely<unknown>;
  return (await executor.executeQuery<R>(CompiledQuery.raw(sql, parameters))).rows;
}
