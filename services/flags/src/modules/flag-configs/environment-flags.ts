import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
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

/** One page of an environment's flags: their ids, how many match, and whether more follow. */
export interface EnvironmentFlagPage {
  ids: string[];
  totalCount: number;
  hasNextPage: boolean;
}

/**
 * Pages of several environments' flags (keyed `environmentId:projectId`), all with the same filters,
 * order and page, cut by SQL: one query counts (and finds the `after` cursor), one returns only the
 * rows of each page. A flag never configured in an environment is off there, as its default is.
 */
export function environmentFlagPages(em: EntityManager, args: EnvironmentFlagsArgs) {
  return new DataLoader<string, EnvironmentFlagPage>(async (keys) => {
    const { first, offset } = pageBounds(args);
    const environments = keys.map((key) => key.split(':') as [string, string]);
    const where = [args.archived ? 'f.archived_at is not null' : 'f.archived_at is null'];
    const values: unknown[] = environments.flat();
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
    const ordered = `with environments (environment_id, project_id) as (
        values ${environments.map(() => '(?::uuid, ?::uuid)').join(', ')}
      ), ordered as (
        select e.environment_id, f.id, row_number() over (
          partition by e.environment_id
          order by ${ORDER_COLUMNS[args.orderBy ?? FlagOrder.CREATED_AT]} ${direction}, f.id ${direction}
        ) as position
        from environments e
        join flags.flags f on f.project_id = e.project_id
        left join flags.flag_configs c on c.flag_id = f.id and c.environment_id = e.environment_id
        where ${where.join(' and ')}
      )`;
    const after = args.after ? decodeCursor(args.after) : '';
    const connection = em.getConnection();
    const context = em.getTransactionContext();
    const [counts, rows] = await Promise.all([
      connection.execute<{ environment_id: string; total: number; start: number | null }[]>(
        `${ordered} select environment_id::text, count(*)::int as total,
           max(position) filter (where id::text = ?)::int as start
         from ordered group by environment_id`,
        [...values, after],
        'all',
        context,
      ),
      connection.execute<{ environment_id: string; id: string }[]>(
        `${ordered}, starts as (select environment_id, position as start from ordered where id::text = ?)
         select o.environment_id::text, o.id::text from ordered o
         left join starts s on s.environment_id = o.environment_id
         where o.position > coalesce(s.start, 0) + ? and o.position <= coalesce(s.start, 0) + ?
         order by o.position`,
        [...values, after, offset, offset + first],
        'all',
        context,
      ),
    ]);
    return environments.map(([environmentId]) => {
      const count = counts.find((row) => row.environment_id === environmentId);
      const start = count?.start ?? null;
      if (after && start === null) return DomainError.validation({ after: ['is not a cursor of this list'] });
      const totalCount = count?.total ?? 0;
      return {
        ids: rows.filter((row) => row.environment_id === environmentId).map((row) => row.id),
        totalCount,
        hasNextPage: (start ?? 0) + offset + first < totalCount,
      };
    });
  });
}
