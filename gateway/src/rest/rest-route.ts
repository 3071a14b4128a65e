import type { ErrorCode, FieldErrors, Principal } from '@vexil/platform';
import type { EdgeAnswer, EdgeQuestion } from '../edge/evaluate-at-edge.js';
import type { ScalarValues } from './scalar-values.js';

/** HTTP methods REST routes use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route's mappings see of the HTTP request. */
export interface RestRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body; `{}` when there is none. Always an object: anything else is rejected first. */
  body: Record<string, unknown>;
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
}

/**
 * One REST route: a row that maps an HTTP request onto a GraphQL operation of the dialect and the
 * operation's data back onto the dialect's response. No business logic lives here.
 */
export interface RestRoute {
  method: HttpMethod;
  /** Path below the dialect's mount, in find-my-way syntax (`/projects/:projectID`). */
  path: string;
  /**
   * `public` routes take any caller (operations decide); `user` routes need a signed-in user: no
   * credentials is 401, an API key 403.
   */
  auth: 'public' | 'user';
  /** Name of the operation document in the dialect's `operations/` folder. */
  operation: string;
  variables: (request: RestRequest) => Record<string, unknown>;
  /** Picks the response from the operation's `data`; the dialect renders it. */
  result: (data: Record<string, unknown>, request: RestRequest) => unknown;
  /** Success status (default 200). */
  status?: number;
  /** A list route: the dialect reads the page from the query and wraps `result` (a {@link ListResult}) in its list envelope. */
  list?: boolean;
  /** Answers `302 Found` to the URL this returns instead of a body (links opened in a browser). */
  redirect?: (data: Record<string, unknown>, request: RestRequest) => string;
}

/**
 * An SDK route: a row whose operation is the gateway's in-memory evaluation (REST.md), so it makes no
 * database or subgraph call. Only API keys may call it.
 */
export interface EvaluationRoute {
  method: HttpMethod;
  path: string;
  auth: 'apiKey';
  /** Which flags for which context; throws `VALIDATION_FAILED` in the dialect's words. */
  question: (request: RestRequest) => EdgeQuestion;
  /** The response body, final: flag keys are data, so the dialect's casing does not apply. */
  answer: (answer: EdgeAnswer, request: RestRequest) => unknown;
}

/** A failure to render in a dialect's error shape. */
export interface RestFailure {
  code: ErrorCode;
  message: string;
  fields?: FieldErrors;
  requestId: string;
  /** Seconds to wait, for a rate-limited request (sent as `Retry-After`). */
  retryAfter?: number;
}

/**
 * A REST dialect: one product's API, mounted under its prefixes, with its envelopes and error shape.
 * Every dialect renders the codes of the one error catalogue.
 */
export interface Dialect {
  name: string;
  mounts: string[];
  routes: RestRoute[];
  /** SDK evaluation routes, answered from the gateway's rulesets. */
  evaluationRoutes: EvaluationRoute[];
  /**
   * Turns a route's result into the dialect's success body (casing, envelope); `scalars` are the
   * operation's scalar values in it, user data that casing leaves as it is.
   */
  renderSuccess(value: unknown, scalars: ScalarValues): unknown;
  /** Reads a list route's page from the dialect's query parameters; throws `VALIDATION_FAILED`. */
  readPage(query: URLSearchParams): ListPage;
  /** Wraps a page of a list in the dialect's list envelope (`scalars` as for {@link renderSuccess}). */
  renderList(result: ListResult, page: ListPage, scalars: ScalarValues): unknown;
  /** The dialect's status and body for a failure. */
  renderError(failure: RestFailure): { status: number; body: unknown };
}
