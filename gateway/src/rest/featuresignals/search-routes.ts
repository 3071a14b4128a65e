import { Type } from '@sinclair/typebox';
import { Uuid } from '../request-schema.js';
import { resource, type RestRoute } from '../rest-route.js';

type Data = Record<string, any>;

/** A hit as FeatureSignals' dashboard links it: flags and segments by key, the rest by name. */
const toSearchHit = ({ kind, id, key, name }: Data) => {
  const keyed = kind === 'flag' || kind === 'segment';
  const href = { flag: `/flags/${key}`, segment: '/segments', environment: '/environments' }[kind as string];
  return {
    id,
    label: keyed ? key : name,
    description: keyed ? name : key,
    category: kind,
    href: href ?? '/dashboard',
  };
};

const SearchHit = Type.Object({
  id: Type.String({ format: 'uuid' }),
  label: Type.String(),
  description: Type.String(),
  category: Type.String({ description: '`flag`, `segment`, `environment` or `project`' }),
  href: Type.String({ description: 'where FeatureSignals’ dashboard shows it' }),
});

const projectId = Type.Optional(Uuid({ description: 'only within this project' }));

/** FeatureSignals' search (routes.md §1.8): PostgreSQL full-text search by word prefixes, best first. */
export const featureSignalsSearchRoutes = resource<RestRoute>('Search', [
  {
    method: 'GET',
    path: '/search',
    auth: 'user',
    summary: 'Flags, segments, environments and projects matching words, grouped by kind',
    operation: 'Search',
    request: {
      query: Type.Object({ q: Type.String({ minLength: 1 }), project_id: projectId }),
      message: "query parameter 'q' is required",
    },
    variables: ({ query }) => ({ query: query.get('q'), projectId: query.get('project_id'), first: 50 }),
    result: ({ search }, { query }) => {
      const results: Record<string, unknown[]> = {};
      for (const hit of search) (results[hit.kind] ??= []).push(toSearchHit(hit));
      return { query: query.get('q'), results, total: search.length };
    },
    response: Type.Object({
      query: Type.String(),
      results: Type.Record(Type.String(), Type.Array(SearchHit)),
      total: Type.Integer(),
    }),
  },
  {
    method: 'GET',
    path: '/search/suggest',
    auth: 'user',
    summary: 'The ten best matches as one list, for a search box as the user types',
    operation: 'Search',
    request: { query: Type.Object({ q: Type.Optional(Type.String()), project_id: projectId }) },
    variables: ({ query }) => ({
      query: query.get('q') ?? '',
      projectId: query.get('project_id'),
      first: 10,
    }),
    result: ({ search }) => search.map(toSearchHit),
    response: Type.Array(SearchHit),
  },
]);
