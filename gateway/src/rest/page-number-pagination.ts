import { Type } from '@sinclair/typebox';
import { DomainError } from '@vexil/platform';
import type { Dialect } from './rest-route.js';

const WHOLE = '^[1-9]\\d*$';

/**
 * Pagination by page number, `page` (from 1) and `per_page`, as PhaseFlag (routes.md §3.0) and Laravel's
 * paginator (FeatureFlags) read it: the parameters' schema, and the page a request asks for.
 */
export function pageNumberPagination(perPage: {
  default: number;
  max: number;
}): Pick<Dialect, 'pagination' | 'readPage'> {
  return {
    pagination: Type.Object({
      page: Type.Optional(Type.String({ pattern: WHOLE, description: 'from 1' })),
      per_page: Type.Optional(
        Type.String({ pattern: WHOLE, description: `default ${perPage.default}, at most ${perPage.max}` }),
      ),
    }),
    readPage: (query) => {
      const number = (name: string, fallback: number) => {
        const raw = query.get(name);
        if (raw === null || raw === '') return fallback;
        if (!new RegExp(WHOLE).test(raw) || !Number.isSafeInteger(Number(raw)))
          throw DomainError.validation({ [name]: ['must be a whole number, 1 or more'] });
        return Number(raw);
      };
      const size = Math.min(number('per_page', perPage.default), perPage.max);
      return { first: size, offset: (number('page', 1) - 1) * size };
    },
  };
}
