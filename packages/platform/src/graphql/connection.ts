import 'reflect-metadata';
import { Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { DomainError } from '../errors/domain-error.js';

/** Relay page information; shareable because every subgraph has connections. */
@Directive('@shareable')
@ObjectType('PageInfo', { description: 'Where a page sits in its list.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page.' })
  endCursor!: string | null;
}

/** A page of a list: `nodes` (and `edges` with cursors), the total and where it ends. */
export interface Connection<T> {
  nodes: T[];
  edges: { node: T; cursor: string }[];
  totalCount: number;
  pageInfo: PageInfo;
}

/** Builds the `XConnection` and `XEdge` GraphQL types of a node type. */
export function connectionType<T extends object>(name: string, node: ClassType<T>): ClassType<Connection<T>> {
  @ObjectType(`${name}Edge`, { description: `A ${name} with its cursor.` })
  class Edge {
    @Field(() => node, { description: `The ${name}.` })
    node!: T;

    @Field(() => String, { description: 'Opaque cursor to pass as `after`.' })
    cursor!: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionType {
    @Field(() => [node], { description: 'The items of this page.' })
    nodes!: T[];

    @Field(() => [Edge], { description: 'The items of this page with their cursors.' })
    edges!: Edge[];

    @Field(() => Int, { description: 'How many items the whole list has.' })
    totalCount!: number;

    @Field(() => PageInfo, { description: 'Where this page sits.' })
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}

/** Default and largest page sizes of every connection; the largest is PhaseFlag's `per_page` cap. */
export const PAGE_SIZE = { default: 50, max: 200 } as const;

/** The opaque cursor of a list item's id. */
export const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');
/** The id a cursor stands for. */
export const decodeCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString();

/** The size and position of a page asked for, checked: `first` within PAGE_SIZE, `offset` 0 or more. */
export function pageBounds(args: { first?: number | null; offset?: number | null }): {
  first: number;
  offset: number;
} {
  const first = args.first ?? PAGE_SIZE.default;
  if (!Number.isInteger(first) || first < 0 || first > PAGE_SIZE.max) {
    throw DomainError.validation({ first: [`must be between 0 and ${PAGE_SIZE.max}`] });
  }
  const offset = args.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0)
    throw DomainError.validation({ offset: ['must be 0 or more'] });
  return { first, offset };
}

/** A connection of one page already cut out of its list, each item with the id its cursor encodes. */
export function pageOf<T>(
  page: { node: T; id: string }[],
  totalCount: number,
  hasNextPage: boolean,
): Connection<T> {
  const edges = page.map(({ node, id }) => ({ node, cursor: encodeCursor(id) }));
  return {
    nodes: page.map(({ node }) => node),
    edges,
    totalCount,
    pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/**
 * Cuts one page out of a list already loaded in order (children batch-loaded per parent). The cursor
 * is the item's id, so pages stay stable when items are added before them; `offset` serves REST
 * dialects that page by position.
 */
export function paginate<T extends { id: string }>(
  items: readonly T[],
  args: { first?: number | null; after?: string | null; offset?: number | null },
): Connection<T> {
  const { first, offset } = pageBounds(args);
  let start = offset;
  if (args.after) {
    const index = items.findIndex((item) => item.id === decodeCursor(args.after!));
    if (index < 0) throw DomainError.validation({ after: ['is not a cursor of this list'] });
    start += index + 1;
  }
  return pageOf(
    items.slice(start, start + first).map((node) => ({ node, id: node.id })),
    items.length,
    start + first < items.length,
  );
}
