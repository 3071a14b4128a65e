import type { TObject, TSchema } from '@sinclair/typebox';
import { errorCatalogue, type ErrorCode } from '@vexil/platform';
import type { GraphQLSchema } from 'graphql';
import { operations } from './operations.js';
import { pathParameters, pathParameterSchema } from './request-schema.js';
import { operationResultSchema } from './response-schema.js';
import { errorsOf } from './rest-router.js';
import type { Credential, Dialect, EvaluationRoute, RestRoute, StreamRoute } from './rest-route.js';

type Json = Record<string, unknown>;
type Row = RestRoute | EvaluationRoute | StreamRoute;

/** `/projects/:projectID` as OpenAPI writes it: `/projects/{projectID}`. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** The name of the security scheme of a credential's header: `<dialect>_<header>`. */
const schemeName = (dialect: Dialect, credential: Credential) =>
  `${dialect.name}_${credential.header.toLowerCase().replaceAll('-', '_')}`;

/**
 * The security schemes of a dialect's credentials, one per header: a header that carries either kind of
 * credential (FeatureFlags' `Authorization: Bearer`) says so.
 */
function securitySchemes(dialect: Dialect): Record<string, Json> {
  const schemes: Record<string, Json> = {};
  for (const credential of dialect.credentials) {
    const name = schemeName(dialect, credential);
    const what =
      credential.for === 'user'
        ? 'a Vexil access token'
        : `an environment's API key (${dialect.keyPrefixes.join(', ')})`;
    const description = schemes[name]
      ? `${schemes[name].description}, or ${what}`
      : `${dialect.title}: ${what}`;
    schemes[name] =
      credential.scheme === 'Bearer'
        ? { type: 'http', scheme: 'bearer', description }
        : { type: 'apiKey', in: 'header', name: credential.header, description };
  }
  return schemes;
}

/** Who may call a row: any of the dialect's credentials for its kind of caller, or anyone. */
function security(dialect: Dialect, row: Row): Json[] {
  if (row.auth === 'public') return [];
  const takesKeys = row.auth === 'apiKey' || (row.auth === 'user' && dialect.serverKeysManage);
  return dialect.credentials
    .filter((credential) => credential.for === row.auth || (takesKeys && credential.for === 'apiKey'))
    .map((credential) => ({ [schemeName(dialect, credential)]: [] }));
}

function parameters(dialect: Dialect, row: Row): Json[] {
  const query = row.request?.query?.properties ?? {};
  const required = new Set(row.request?.query?.required ?? []);
  const page = 'list' in row && row.list ? (dialect.pagination?.properties ?? {}) : {};
  return [
    ...pathParameters(row.path).map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: pathParameterSchema(name),
    })),
    ...Object.entries({ ...page, ...query }).map(([name, schema]) => ({
      name,
      in: 'query',
      required: required.has(name),
      schema,
      ...(schema.description ? { description: schema.description } : {}),
    })),
  ];
}

/**
 * Failures grouped by status, each status with the codes it stands for, the dialect's error body and,
 * as examples, each code as the dialect renders it.
 */
function errorResponses(dialect: Dialect, codes: ErrorCode[]): Record<string, Json> {
  // The status is the dialect's: most follow the catalogue, FeatureFlags' Laravel answers 422 to bad input.
  const rendered = (code: ErrorCode) =>
    dialect.renderError({ code, message: errorCatalogue[code].message, requestId: 'a-request-id' });
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const { status } = rendered(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const example = (code: ErrorCode) => ({ value: rendered(code).body });
  return Object.fromEntries(
    [...byStatus].map(([status, grouped]) => [
      String(status),
      {
        description: grouped.map((code) => `\`${code}\`: ${errorCatalogue[code].message}`).join('; '),
        content: {
          'application/json': {
            schema: dialect.errorSchema,
            examples: Object.fromEntries(grouped.map((code) => [code, example(code)])),
          },
        },
      },
    ]),
  );
}

/** The success responses of a row. */
function successResponses(dialect: Dialect, row: Row, schema: GraphQLSchema): Record<string, Json> {
  if ('stream' in row) {
    return {
      200: {
        description: `A server-sent event stream; events: ${row.events.map((event) => `\`${event}\``).join(', ')}`,
        content: { 'text/event-stream': { schema: { type: 'string' } } },
      },
    };
  }
  if ('question' in row) {
    return {
      200: {
        description: 'The evaluation',
        content: {
          'application/json': { schema: row.bare ? row.response : dialect.objectSchema(row.response) },
        },
      },
      ...(row.etag ? { 304: { description: 'Unchanged since the `ETag` sent in `If-None-Match`' } } : {}),
    };
  }
  if (row.redirect) return { 302: { description: 'Redirects (`Location`) to the app' } };
  if (row.download) {
    return {
      200: {
        description: `${row.summary}, as a download (\`${row.download.filename}\`)`,
        content: { 'application/json': { schema: { type: 'object' } } },
      },
    };
  }
  if (row.export && row.response) {
    const columns = Object.keys((row.response as TObject).properties ?? {}).join(', ');
    return {
      200: {
        description: `${row.summary}: one object per line, or CSV with the columns ${columns}`,
        content: {
          'application/x-ndjson': { schema: row.response },
          'text/csv': { schema: { type: 'string' } },
        },
      },
    };
  }
  if (row.result === undefined) return { [String(row.status ?? 204)]: { description: 'Done; no body' } };
  const body =
    typeof row.result === 'string'
      ? operationResultSchema(schema, operations.get(row.operation)!, row.result, {
          casing: dialect.casing,
          list: row.list ?? false,
        })
      : row.response;
  if (!body)
    throw new Error(`${dialect.name} ${row.method} ${row.path}: a mapping result needs a response schema`);
  return {
    [String(row.status ?? 200)]: {
      description: row.summary,
      content: {
        'application/json': {
          schema: row.list
            ? dialect.listSchema(body as TSchema)
            : row.bare
              ? body
              : dialect.objectSchema(body as TSchema),
        },
      },
    },
  };
}

const RATE_LIMIT_HEADERS = {
  'X-RateLimit-Limit': {
    description: "Requests per minute in the route's category",
    schema: { type: 'integer' },
  },
  'X-RateLimit-Remaining': {
    description: 'Requests left in the current minute',
    schema: { type: 'integer' },
  },
  'X-RateLimit-Reset': {
    description: 'When the count starts again (unix seconds)',
    schema: { type: 'integer' },
  },
};

/** Every answer says where its caller stands in the row's rate-limit category (a stream, when it opens). */
function withRateLimitHeaders(responses: Record<string, Json>): Record<string, Json> {
  return Object.fromEntries(
    Object.entries(responses).map(([status, response]) => [
      status,
      {
        ...response,
        headers: {
          ...RATE_LIMIT_HEADERS,
          ...(status === '429'
            ? { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } }
            : {}),
        },
      },
    ]),
  );
}

/** The rows of a dialect, whatever their kind. */
export const rowsOf = (dialect: Dialect): Row[] => [
  ...dialect.routes,
  ...dialect.evaluationRoutes,
  ...dialect.streams,
];

/**
 * The OpenAPI 3.1 document of the REST dialects, generated from the registry: every row under every
 * mount, tagged by dialect and resource, with its request schemas, example, responses and failures.
 */
export function openApiDocument(registry: readonly Dialect[], schema: GraphQLSchema, version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  const tags: Json[] = [];
  for (const dialect of registry) {
    const rows = rowsOf(dialect);
    for (const tag of new Set(rows.map((row) => row.tag)))
      tags.push({
        name: `${dialect.title} · ${tag}`,
        description: `${dialect.title} (${dialect.mounts.join(', ')})`,
      });
    for (const mount of dialect.mounts) {
      for (const row of rows) {
        const path = openApiPath(`${mount}${row.path}`);
        const body = row.request?.body;
        (paths[path] ??= {})[row.method.toLowerCase()] = {
          operationId:
            `${dialect.name}.${row.method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+/g, '.')}`.replace(
              /\.$/,
              '',
            ),
          tags: [`${dialect.title} · ${row.tag}`],
          summary: row.summary,
          security: security(dialect, row),
          'x-rate-limit-category': dialect.rateLimitCategories[row.auth],
          parameters: parameters(dialect, row),
          ...(body
            ? {
                requestBody: {
                  required: true,
                  content: {
                    'application/json': { schema: body, ...(row.example ? { example: row.example } : {}) },
                  },
                },
              }
            : 'rawBody' in row && row.rawBody
              ? {
                  requestBody: {
                    required: true,
                    description: 'Passed on byte for byte: the signature covers the exact body.',
                    content: { 'application/json': { schema: { type: 'object' } } },
                  },
                }
              : {}),
          responses: withRateLimitHeaders({
            ...successResponses(dialect, row, schema),
            ...errorResponses(dialect, errorsOf(row)),
          }),
        };
      }
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Vexil REST API',
      version,
      description:
        "The REST routes of the products Vexil stands in for, each in its own dialect. Vexil's own API is its GraphQL graph at `/graphql`.",
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    tags,
    paths,
    components: { securitySchemes: Object.assign({}, ...registry.map(securitySchemes)) },
  };
}
