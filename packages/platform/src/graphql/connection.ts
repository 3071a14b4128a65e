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

/** Default and largest page sizes of every connection. */
export const PAGE_SIZE = { default: 50, max: 100 } as const;

const encode = (id: string) => Buffer.from(id).toString('base64url');
const decode = (cursor: string) => Buffer.from(cursor, 'base64url').toString();

/**
 * Cuts one page out of a list already loaded in order (children batch-loaded per parent). The cursor
 * is the item's id, so pages stay stable when items are added before them; `offset` serves REST
 * dialects that page by position.
 */
export function paginate<T extends { id: string }>(
  items: readonly T[],
  args: { first?: number | null; after?: string | null; offset?: number | null },
): Connection<T> {
  const first = args.first ?? PAGE_SIZE.default;
  if (!Number.isInteger(first) || first < 0 || first > PAGE_SIZE.max) {
    throw DomainError.validation({ first: [`must be between 0 and ${PAGE_SIZE.max}`] });
  }
  let start = args.offset ?? 0;
  if (!Number.isInteger(start) || start < 0) throw DomainError.validation({ offset: ['must be 0 or more'] });
  if (args.after) {
    const index = items.findIndex((item) => item.id === decode(args.after!));
    if (index < 0) throw DomainError.validation({ after: ['is not a cursor of this list'] });
    start += index + 1;
  }
  const page = items.slice(start, start + first);
  const edges = page.map((node) => ({ node, cursor: encode(node.id) }));
  return {
    nodes: page,
    edges,
    totalCount: items.length,
    pageInfo: { hasNextPage: start + first < items.length, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
