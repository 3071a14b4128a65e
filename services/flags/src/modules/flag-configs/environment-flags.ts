import type { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor, DomainError, pageBounds, PageArgs } from '@vexil/platform';
import { ArgsType, Field, registerEnumType } from 'type-graphql';

/** What an environment's flag list is ordered by; ties go by id, so pages never overlap. */
export enum FlagOrder {
  CREATED_AT = 'created_at',
  UPDATED_AT = 'updated_at',
  NAME = 'name',
  KEY = 'key',
}

registerEnumType(FlagOrder, { name: 'FlagOrder', description: 'What a list of flags is ordered by.' });

/** Filters, order and page of an environment's flags: all cut in SQL, whatever the project's size. */
@ArgsType()
export class EnvironmentFlagsArgs extends PageArgs {
  @Field(() => Boolean, {
    nullable: true,
    description: 'Only archived flags (true) or only live ones (false, the default).',
  })
  archived?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only flags on (true) or off (false) here.' })
  enabled?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Only flags of this type.' })
  type?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only flags whose key, name or description contains this text (any case).',
  })
  search?: string | null;

  @Field(() => FlagOrder, { nullable: true, description: 'The order (default: oldest first).' })
  orderBy?: FlagOrder | null;

  @Field(() => Boolean, { nullable: true, description: 'Reverse the order.' })
  descending?: boolean | null;
}

/** The SQL of each order; only these texts reach the query. */
const ORDER_COLUMNS: Record<FlagOrder, string> = {
  [FlagOrder.CREATED_AT]: 'f.created_at',
  [FlagOrder.UPDATED_AT]: 'f.updated_at',
  [FlagOrder.NAME]: 'f.name',
  [FlagOrder.KEY]: 'f.key',
};

/** `%`, `_` and `\` of a search text match themselves. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The ids of one page of an environment's flags, and how many match: a flag never configured here is
 * off, as its default configuration is. One query counts (and finds the `after` cursor), one cuts the page.
 */
export async function environmentFlagPage(
  em: EntityManager,
  environment: { id: string; projectId: string },
  args: EnvironmentFlagsArgs,
): Promise<{ ids: string[]; totalCount: number; hasNextPage: boolean }> {
  const { first, offset } = pageBounds(args);
  const where = ['f.project_id = ?', args.archived ? 'f.archived_at is not null' : 'f.archived_at is null'];
  const values: unknown[] = [environment.id, environment.projectId];
  if (args.enabled != null) {
    where.push('coalesce(c.enabled, false) = ?');
    values.push(args.enabled);
  }
  if (args.type != null) {
    where.push('f.type = ?');
    values.push(args.type);
  }
  if (args.search) {
    // Backslash is LIKE's default escape character in PostgreSQL.
    where.push('(f.key ilike ? or f.name ilike ? or f.description ilike ?)');
    values.push(...Array(3).fill(likePattern(args.search)));
  }
  const direction = args.descending ? 'desc' : 'asc';
  const ordered = `with ordered as (
      select f.id, row_number() over (
        order by ${ORDER_COLUMNS[args.orderBy ?? FlagOrder.CREATED_AT]} ${direction}, f.id ${direction}
      ) as position
      from flags.flags f
      left join flags.flag_configs c on c.flag_id = f.id and c.environment_id = ?
      where ${where.join(' and ')}
    )`;
  const connection = em.getConnection();
  const context = em.getTransactionContext();
  const after = args.after ? decodeCursor(args.after) : null;
  const [counted] = await connection.execute<{ total: number; start: number | null }[]>(
    `${ordered} select count(*)::int as total,
       (select position from ordered where id::text = ?)::int as start from ordered`,
    [...values, after ?? ''],
    'all',
    context,
  );
  const { total, start } = counted!;
  if (after !== null && start === null)
    throw DomainError.validation({ after: ['is not a cursor of this list'] });
  const from = (start ?? 0) + offset;
  const rows = await connection.execute<{ id: string }[]>(
    `${ordered} select id from ordered where position > ? and position <= ? order by position`,
    [...values, from, from + first],
    'all',
    context,
  );
  return { ids: rows.map((row) => row.id), totalCount: total, hasNextPage: from + first < total };
}
