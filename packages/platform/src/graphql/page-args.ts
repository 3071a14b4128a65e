import 'reflect-metadata';
import { ArgsType, Field, Int } from 'type-graphql';

/** The arguments of every connection field: a page size and where the page starts. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, at most 200 (default 50).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts.' })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Items to skip first, for clients that page by position.',
  })
  offset?: number | null;
}
