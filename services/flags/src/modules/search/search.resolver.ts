import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { DomainError, organizationOf } from '@vexil/platform';
import type { FlagsContext } from '../../context.js';
import { search } from './search.js';
import { SearchHit } from './search-hit.type.js';

/** Search across what the flags subgraph owns, for the signed-in user's organization. */
@Resolver()
export class SearchResolver {
  @Query(() => [SearchHit], {
    description:
      'Flags, segments, projects and environments of the caller’s organization whose key, name or description has words starting with each word of `query`, best first (signed-in users).',
  })
  search(
    @Arg('query', () => String, { description: 'Words, each matched as the start of a word.' }) query: string,
    @Arg('projectId', () => ID, { nullable: true, description: 'Only within this project.' })
    projectId: string | null,
    @Arg('first', () => Int, { defaultValue: 20, description: 'At most this many hits (1–100).' })
    first: number,
    @Ctx() { principal, em }: FlagsContext,
  ): Promise<SearchHit[]> {
    // An API key sees one environment; a search across the organization is for its members.
    if (principal.kind !== 'user') throw new DomainError('UNAUTHENTICATED', 'sign in to search');
    if (!Number.isInteger(first) || first < 1 || first > 100)
      throw DomainError.validation({ first: ['must be between 1 and 100'] });
    if (query.length > 200) throw DomainError.validation({ query: ['must be at most 200 characters'] });
    return search(em, organizationOf(principal)!, query, projectId, first);
  }
}
