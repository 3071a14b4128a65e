import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '@vexil/platform';
import type { SearchHit } from './search-hit.type.js';

/**
 * A text search as a `tsquery` of prefixes: every word must start a word of the document
 * (`new chec` finds `new-checkout`). Words are letters, digits and `_`; anything else separates them,
 * so no operator of the query language can be typed in.
 */
export function prefixQuery(text: string): string | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  return words.length === 0 ? null : words.map((word) => `${word}:*`).join(' & ');
}

// 'simple': no stemming or stop words; keys and names are identifiers more than prose. A hyphenated key
// is indexed whole and by its parts.
const DOCUMENT = (columns: string) => `to_tsvector('simple', ${columns})`;

/**
 * The organization's flags, segments, projects and environments matching `text`, best first: one
 * statement, ranked by `ts_rank`, optionally within one project. Archived flags are left out.
 */
export async function search(
  em: EntityManager,
  organizationId: string,
  text: string,
  projectId: string | null,
  first: number,
): Promise<SearchHit[]> {
  const query = prefixQuery(text);
  if (!query) return [];
  const flagDocument = DOCUMENT(`key || ' ' || name || ' ' || description`);
  const segmentDocument = DOCUMENT(`key || ' ' || name || ' ' || description`);
  const namedDocument = (key: string) => DOCUMENT(`${key} || ' ' || name`);
  const rows = await executeBound<SearchHit & { project_id: string }>(
    em,
    `with q as (select to_tsquery('simple', $2) as query)
     select kind, id, key, name, project_id, rank from (
       select 'flag' as kind, id, key, name, project_id, ts_rank(${flagDocument}, q.query) as rank
       from flags.flags, q
       where organization_id = $1 and archived_at is null and ($3::uuid is null or project_id = $3)
         and ${flagDocument} @@ q.query
       union all
       select 'segment', id, key, name, project_id, ts_rank(${segmentDocument}, q.query)
       from flags.segments, q
       where organization_id = $1 and ($3::uuid is null or project_id = $3) and ${segmentDocument} @@ q.query
       union all
       select 'environment', id, key, name, project_id, ts_rank(${namedDocument('key')}, q.query)
       from flags.environments, q
       where organization_id = $1 and ($3::uuid is null or project_id = $3) and ${namedDocument('key')} @@ q.query
       union all
       select 'project', id, slug, name, id, ts_rank(${namedDocument('slug')}, q.query)
       from flags.projects, q
       where organization_id = $1 and ($3::uuid is null or id = $3) and ${namedDocument('slug')} @@ q.query
     ) hits
     order by rank desc, kind, key
     limit $4`,
    [organizationId, query, projectId, first],
  );
  return rows.map(({ project_id, rank, ...hit }) => ({ ...hit, projectId: project_id, rank: Number(rank) }));
}
