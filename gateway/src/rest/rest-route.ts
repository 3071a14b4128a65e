import type { ErrorCode, FieldErrors, Principal } from '@vexil/platform';

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
}

/**
 * One REST route: a row that maps an HTTP request onto a GraphQL operation of the dialect and the
 * operation's data back onto the dialect's response. No business logic lives here.
 */
export interface RestRoute {
  method: HttpMethod;
  /** Path below the dialect's mount, in find-my-way syntax (`/projects/:projectID`). */
  path: string;
  /** `public` routes need no credentials; `user` routes need a signed-in user. */
  auth: 'public' | 'user';
  /** Name of the operation document in the dialect's `operations/` folder. */
  operation: string;
  variables: (request: RestRequest) => Record<string, unknown>;
  /** Picks the response from the operation's `data`; the dialect renders it. */
  result: (data: Record<string, unknown>, request: RestRequest) => unknown;
  /** Success status (default 200). */
  status?: number;
}

/** A failure to render in a dialect's error shape. */
export interface RestFailure {
  code: ErrorCode;
  message: string;
  fields?: FieldErrors;
  requestId: string;
}

/**
 * A REST dialect: one product's API, mounted under its prefixes, with its envelopes and error shape.
 * Every dialect renders the codes of the one error catalogue.
 */
export interface Dialect {
  name: string;
  mounts: string[];
  routes: RestRoute[];
  /** Turns a route's result into the dialect's success body (casing, envelope). */
  renderSuccess(value: unknown): unknown;
  /** The dialect's status and body for a failure. */
  renderError(failure: RestFailure): { status: number; body: unknown };
}
