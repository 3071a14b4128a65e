import { Type } from '@sinclair/typebox';
import { errorCatalogue, type ErrorCode, type FieldErrors } from '@vexil/platform';
import { ABSENT } from '../request-schema.js';
import type { Dialect } from '../rest-route.js';
import { ofrepEvaluationRoutes } from './evaluation-routes.js';
import { OfrepFailure, type OfrepErrorCode } from './ofrep-evaluation.js';

const TARGETING_KEY = 'context.targetingKey';

/**
 * OpenFeature's code for a failure of the catalogue. A request refused before evaluating is about its
 * context when a field of the context is named (a missing or empty targeting key has a code of its
 * own), and could not be read at all otherwise (not JSON, not an object).
 */
function ofrepErrorCode(code: ErrorCode, fields: FieldErrors | undefined): OfrepErrorCode {
  if (code === 'FLAG_NOT_FOUND') return 'FLAG_NOT_FOUND';
  if (code !== 'VALIDATION_FAILED') return 'GENERAL';
  const problem = fields?.[TARGETING_KEY]?.[0];
  if (problem === ABSENT.missing || problem === ABSENT.empty) return 'TARGETING_KEY_MISSING';
  const names = Object.keys(fields ?? {});
  return names.some((name) => name === 'context' || name.startsWith('context.'))
    ? 'INVALID_CONTEXT'
    : 'PARSE_ERROR';
}

/**
 * The OpenFeature Remote Evaluation Protocol (REST.md, "Beyond the four products"): every OpenFeature
 * SDK's OFREP provider, configured with Vexil's base URL, appends `/ofrep/v1/…`. Providers send what
 * they are configured with: the key as `Authorization: Bearer` or in `X-API-Key`, as OFREP's own
 * security schemes name them. Errors are OFREP's `{key, errorCode, errorDetails}` (`key` on the
 * single-flag route, which its providers require to read the failure), with the field errors of a
 * refused request beside them; 401, 403 and 429 carry the same shape, which providers ignore.
 */
export const ofrepDialect: Dialect = {
  name: 'ofrep',
  title: 'OFREP',
  mounts: ['/ofrep/v1'],
  casing: 'camelCase',
  credentials: [
    { for: 'apiKey', header: 'Authorization', scheme: 'Bearer' },
    { for: 'apiKey', header: 'X-API-Key' },
  ],
  keyPrefixes: ['sk_', 'pk_'],
  rateLimitCategories: { public: 'auth', user: 'management', apiKey: 'evaluation' },
  routes: [],
  evaluationRoutes: ofrepEvaluationRoutes,
  streams: [],
  // OFREP bodies are sent as they are, and it has no lists.
  renderObject: (value) => value,
  objectSchema: (item) => item,
  readPage: () => ({ first: 100, offset: 0 }),
  renderList: (items) => items,
  listSchema: (item) => Type.Array(item),
  renderError: ({ code, message, fields, params }) => ({
    status: errorCatalogue[code].status,
    body: {
      ...(params?.key !== undefined ? { key: params.key } : {}),
      errorCode: ofrepErrorCode(code, fields),
      errorDetails: message,
      ...(fields ? { fields } : {}),
    },
  }),
  errorSchema: Type.Object({
    key: Type.Optional(Type.String({ description: 'the flag asked for, on the single-flag route' })),
    errorCode: OfrepFailure.properties.errorCode,
    errorDetails: OfrepFailure.properties.errorDetails,
    fields: Type.Optional(
      Type.Record(Type.String(), Type.Array(Type.String()), {
        description: 'the errors of each field of a refused request',
      }),
    ),
  }),
};
