import type { IncomingHttpHeaders } from 'node:http';
import type { TObject, TSchema } from '@sinclair/typebox';
import type { ErrorCode, FieldErrors, Principal } from '@vexil/platform';
import type { RateLimitCategory } from '../rate-limit/rate-limits.js';
import type { EdgeAnswer, EdgeQuestion } from '../edge/evaluate-at-edge.js';
import type { DocumentDownload } from './document-download.js';

/** HTTP methods REST routes use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route's mappings see of the HTTP request. */
export interface RestRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body; `{}` when there is none. Always an object: anything else is rejected first. */
  body: Record<string, unknown>;
  /** The body exactly as sent, for a `rawBody` row (its `body` is then `{}`). */
  rawBody?: string;
  headers: IncomingHttpHeaders;
  principal: Principal;
  requestId: string;
  /** The page a list route asked for, read by the dialect from its own query parameters. */
  page: ListPage;
}

/** A page of a list as GraphQL connections take it. */
export interface ListPage {
  first: number;
  offset: number;
}

/** What a list route's `result` returns: a connection's items and total. */
export interface ListResult {
  nodes: unknown[];
  totalCount: number;
  /** The cursor after this page, null at the end: what an `export` row pages on. */
  next?: string | null;
}

/**
 * What a route takes besides its path: JSON Schemas (TypeBox) of its query string and JSON body. The
 * router checks a request against them before anything runs, and the OpenAPI document publishes them.
 * Path parameters need none: `:<thing>ID` is a UUID, any other one a string.
 */
export interface RequestSchemas {
  /** Query parameters; each property's schema describes the parameter's text (a pattern, an enum). */
  query?: TObject;
  body?: TObject;
  /**
   * For clients that post a batch as a bare JSON array: the array is read as this field of the body
   * (and `body` describes it there), so rows and schemas still see an object.
   */
  arrayBody?: string;
  /** The product's own words for a request that fails the schemas (the field errors go with it). */
  message?: string;
}

/** Where a route's documentation comes from: its summary, examples and the failures it can answer. */
interface RouteDocumentation {
  /** The resource the route belongs to, which the documentation groups routes by. */
  tag: string;
  summary: string;
  /** A request body that passes the schema; the generated bad-input tests start from it. */
  example?: Record<string, unknown>;
  /**
   * Failures particular to the route; the router adds those every route of its kind can answer
   * (validation, authentication, unknown ids, unavailable services).
   */
  errors?: ErrorCode[];
  /** The rate-limit category, when not the one the dialect gives the row's kind of caller. */
  rateLimit?: RateLimitCategory;
  /**
   * Sends the body as the row builds it, outside the dialect's object envelope: the FeatureFlags
   * package's routes answer bare bodies where its management routes answer Laravel's `{"data": …}`.
   */
  bare?: boolean;
}

/** Rows of one resource: the same rows, each tagged with it. */
export function resource<Row extends RouteDocumentation>(tag: string, rows: Omit<Row, 'tag'>[]): Row[] {
  return rows.map((row) => ({ ...row, tag }) as Row);
}

/**
 * One REST route: a row that maps an HTTP request onto a GraphQL operation (one `operations/` folder
 * serves every dialect) and the operation's data back onto the dialect's response. No business logic
 * lives here.
 */
export interface RestRoute extends RouteDocumentation {
  method: HttpMethod;
  /** Path below the dialect's mount, in find-my-way syntax (`/projects/:projectID`). */
  path: string;
  /**
   * `public` routes take any caller (operations decide); `user` routes need a signed-in user: no
   * credentials is 401, an API key 403; `apiKey` routes (what SDKs report) need an environment's key.
   */
  auth: 'public' | 'user' | 'apiKey';
  /** Name of the operation document in `operations/`. */
  operation: string;
  request?: RequestSchemas;
  /** The operation's variables; none when absent. */
  variables?: (request: RestRequest) => Record<string, unknown>;
  /**
   * The response: a dotted path into the operation's `data` (its schema then follows from the
   * operation), or a mapping that reshapes it, whose rendered shape `response` declares. None: 204.
   */
  result?: string | ((data: Record<string, any>, request: RestRequest) => unknown);
  /** JSON Schema of the rendered body of a mapping `result` (or of a list's items). */
  response?: TSchema;
  /** Success status (default 200, 204 without a `result`). */
  status?: number;
  /**
   * Takes the body as sent, unparsed and of any type, as `rawBody`: for a receiver that verifies a
   * signature over the exact bytes (Stripe's webhooks), which re-serialized JSON would break.
   */
  rawBody?: boolean;
  /** A list route: the dialect reads the page from the query and wraps `result` (a {@link ListResult}) in its list envelope. */
  list?: boolean;
  /**
   * A list route that answers the whole list as a download (`?format=ndjson|csv`), streamed page after
   * page: the operation takes `$first` and `$after`, and `result` gives each page's `next` cursor. CSV
   * columns are the properties of `response`.
   */
  export?: { filename: string };
  /** Answers one JSON document, read through several operations and streamed as it is read. */
  download?: DocumentDownload;
  /** Answers `302 Found` to the URL this returns instead of a body (links opened in a browser). */
  redirect?: (data: Record<string, unknown>, request: RestRequest) => string;
  /**
   * The operation's field errors named as the request names its fields, where `variables` renamed or
   * reordered them (a product's `default_value` sent as `defaultServe`).
   */
  failureFields?: (fields: FieldErrors, request: RestRequest) => FieldErrors;
}

/**
 * An SDK route: a row whose operation is the gateway's in-memory evaluation (REST.md), so it makes no
 * database or subgraph call. Only API keys may call it.
 */
export interface EvaluationRoute extends RouteDocumentation {
  method: HttpMethod;
  path: string;
  auth: 'apiKey';
  request?: RequestSchemas;
  /** Which flags for which context; throws `VALIDATION_FAILED` in the dialect's words. */
  question: (request: RestRequest) => EdgeQuestion;
  /** The response body, final: flag keys are data, so the dialect's casing does not apply. */
  answer: (answer: EdgeAnswer, request: RestRequest) => unknown;
  /**
   * The status of the answer when it is not 200: a protocol whose failed evaluation is itself the
   * answer (OFREP's 404 for an unknown flag) says so here, and `answer` renders the failure's body.
   */
  status?: (answer: EdgeAnswer) => number;
  /**
   * Sends an `ETag` (a digest of the body) and answers a matching `If-None-Match` with 304, for SDKs
   * that poll: nothing is sent until the flags change.
   */
  etag?: boolean;
  /**
   * A ruleset for an SDK that evaluates locally (every flag for nobody in particular): it serves no
   * one, so it counts as no evaluation in the flags' activity or MAU.
   */
  sync?: boolean;
  /** JSON Schema of the body. */
  response: TSchema;
}

/**
 * A server-sent event stream of a dialect (flag changes pushed to SDKs): a row like the others, whose
 * handler the gateway builds from its shared parts (the subscription bridge, rulesets, verifiers).
 */
export interface StreamRoute extends RouteDocumentation {
  method: 'GET';
  path: string;
  auth: 'apiKey';
  /** The SSE `event:` names the stream sends, for the documentation and the tests that read it. */
  events: string[];
  request?: RequestSchemas;
  /** Which of the gateway's stream handlers serves the row. */
  stream: StreamKind;
}

/** The stream handlers the gateway has (gateway/src/sse/). */
export type StreamKind = 'featuresignals' | 'flagify';

/** A failure to render in a dialect's error shape. */
export interface RestFailure {
  code: ErrorCode;
  message: string;
  fields?: FieldErrors;
  requestId: string;
  /** Seconds to wait, for a rate-limited request (sent as `Retry-After`). */
  retryAfter?: number;
  /** The path parameters of the route that failed, for error bodies that name what was asked (OFREP's `key`). */
  params?: Record<string, string | undefined>;
}

/** How a credential arrives, for the OpenAPI security schemes and the dialect's documentation. */
export interface Credential {
  /** `user`: a Vexil access token; `apiKey`: an environment's key. */
  for: 'user' | 'apiKey';
  header: string;
  /** `Bearer` when the header carries `Bearer <credential>`. */
  scheme?: 'Bearer';
}

/**
 * A REST dialect: one product's API, mounted under its prefixes, with its envelopes and error shape.
 * Every dialect renders the codes of the one error catalogue. The server, the tests and the OpenAPI
 * generator all read these declarations; nothing about a dialect is known elsewhere.
 */
export interface Dialect {
  name: string;
  /** The product, as the documentation names it. */
  title: string;
  /** Mount prefixes; a path belongs to the dialect with the longest mount it falls under. */
  mounts: string[];
  /** Field names of responses: GraphQL's own camelCase, or renamed to snake_case. */
  casing: 'camelCase' | 'snake_case';
  /** Headers its clients send credentials in. */
  credentials: Credential[];
  /** Prefixes of the API keys its clients are given (`sk_`, `pk_`). */
  keyPrefixes: string[];
  /**
   * Whether `user` rows also take server (`sk_`) keys, as the product documents of its management
   * API; client keys stay refused (403). What a key may do there is the subgraphs' decision.
   */
  serverKeysManage?: boolean;
  /**
   * For clients that drop the mount from their base URL (they resolve `/v1/…` against the origin) and
   * say who they are in a header: a request carrying `header`, under none of the mounts, whose path
   * starts with one of `prefixes`, is served as if under the first mount.
   */
  bareMount?: { header: string; prefixes: string[] };
  /** The rate-limit category of a row by its kind of caller, unless the row names its own. */
  rateLimitCategories: Record<'public' | 'user' | 'apiKey', RateLimitCategory>;
  routes: RestRoute[];
  /** SDK evaluation routes, answered from the gateway's rulesets. */
  evaluationRoutes: EvaluationRoute[];
  /** Server-sent event streams of flag changes. */
  streams: StreamRoute[];
  /** Wraps a single object in the dialect's object envelope (already in the dialect's casing). */
  renderObject(value: unknown): unknown;
  /** JSON Schema of the object envelope around `item`. */
  objectSchema(item: TSchema): TSchema;
  /** Query parameters of a list route's page, read by `readPage`. */
  pagination?: TObject;
  /** Reads a list route's page from the dialect's query parameters; throws `VALIDATION_FAILED`. */
  readPage(query: URLSearchParams): ListPage;
  /** Wraps a page of a list in the dialect's list envelope (already in the dialect's casing). */
  renderList(items: unknown[], totalCount: number, page: ListPage): unknown;
  /** JSON Schema of the list envelope around items of `item`. */
  listSchema(item: TSchema): TSchema;
  /** The dialect's status and body for a failure. */
  renderError(failure: RestFailure): { status: number; body: unknown };
  /** JSON Schema of the error body. */
  errorSchema: TSchema;
}
