import { randomBytes } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** An HTTP answer as a test sees it. */
export interface HttpAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A GraphQL answer over HTTP. */
export interface GraphQLAnswer<T = any> {
  status: number;
  data: T | null | undefined;
  errors: { message: string; extensions?: Record<string, unknown> }[] | undefined;
}

/** Runs SQL on a platform's database, with `?` placeholders. */
export type Sql = <T = Record<string, any>>(text: string, params?: unknown[]) => Promise<T[]>;

/**
 * What a test file does with a running platform, whether its own ({@link startTestPlatform}) or the
 * one its jest worker shares ({@link sharedTestPlatform}).
 */
export interface PlatformClients {
  url: string;
  /** Runs SQL on the platform's database (e.g. to read `identity.mail_outbox`). */
  sql: Sql;
  /** The data (token, link) of the last mail of a template sent to an address. */
  lastMail(to: string, template: string): Promise<Record<string, string>>;
  /** Any HTTP request to the gateway; `body` objects are sent as JSON. */
  http(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string>; token?: string },
  ): Promise<HttpAnswer>;
  /** A GraphQL operation over HTTP, as the given user (access token) or anonymously. */
  graphql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLAnswer<T>>;
  /** A graphql-ws client on the gateway; closed by `dispose`. */
  ws(connectionParams: Record<string, unknown>): Client;
  /** Registers a new account through REST v1 and returns its tokens and ids. */
  register(overrides?: Record<string, unknown>): Promise<Registered>;
  /** A new account with its default project: ids, environments by key, and a GraphQL client acting as it. */
  workspace(overrides?: Record<string, unknown>): Promise<Workspace>;
}

/** A registered account's default project, ready to use. */
export interface Workspace {
  account: Registered;
  projectId: string;
  /** Environment ids by key: `dev`, `staging`, `production`. */
  env: { dev: string; staging: string; production: string; [key: string]: string };
  /** Runs an operation as the account; `errors` are returned, not thrown. */
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer<T>>;
  /** Runs an operation that must succeed and returns its data (errors are thrown). */
  mutate<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Creates an API key of an environment (`server` = `sk_`, `client` = `pk_`). */
  apiKey(type?: 'server' | 'client', environment?: string): Promise<{ id: string; key: string }>;
  /** Creates a boolean flag (or as `input` says) in the project and returns its id. */
  createFlag(key: string, input?: Record<string, unknown>): Promise<string>;
  /** Turns a flag on or off in one environment, by key. */
  setEnabled(flagId: string, environment: string, enabled: boolean): Promise<void>;
}

/** What registration returned. */
export interface Registered {
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  userId: string;
  organizationId: string;
  organizationSlug: string;
}

/**
 * Clients for the gateway at `url`, reading the database through `sql`. `close` ends the graphql-ws
 * clients they opened, and nothing else: the platform is not theirs to stop.
 */
export function platformClients(url: string, sql: Sql): { clients: PlatformClients; close(): Promise<void> } {
  const sockets: Client[] = [];

  const http: PlatformClients['http'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(url + path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };

  const clients: PlatformClients = {
    url,
    sql,
    async lastMail(to, template) {
      const [mail] = await sql<{ data: Record<string, string> }>(
        'select data from identity.mail_outbox where to_address = ? and template = ? order by created_at desc limit 1',
        [to.toLowerCase(), template],
      );
      if (!mail) throw new Error(`no ${template} mail to ${to}`);
      return mail.data;
    },
    http,
    async graphql(query, variables, token) {
      const answer = await http('POST', '/graphql', {
        body: { query, variables },
        ...(token ? { token } : {}),
      });
      return { status: answer.status, data: answer.body?.data, errors: answer.body?.errors };
    },
    ws(connectionParams) {
      const client = createClient({
        url: `${url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams,
        retryAttempts: 0,
        lazy: true,
      });
      sockets.push(client);
      return client;
    },
    async register(overrides = {}) {
      const email = `user-${randomBytes(4).toString('hex')}@example.com`;
      const password = 'correct-horse-battery';
      const answer = await http('POST', '/v1/auth/register', {
        body: { email, password, name: 'Test User', org_name: 'Test Org', ...overrides },
      });
      if (answer.status !== 201) throw new Error(`register failed: ${answer.status} ${answer.text}`);
      return {
        email: (overrides.email as string) ?? email,
        password: (overrides.password as string) ?? password,
        accessToken: answer.body.tokens.access_token,
        refreshToken: answer.body.tokens.refresh_token,
        userId: answer.body.user.id,
        organizationId: answer.body.organization.id,
        organizationSlug: answer.body.organization.slug,
      };
    },
    async workspace(overrides = {}) {
      const account = await clients.register(overrides);
      const gql = <T>(query: string, variables: Record<string, unknown> = {}) =>
        clients.graphql<T>(query, variables, account.accessToken);
      const { data } = await gql<any>(
        `{ organization { projects { nodes { id environments { nodes { id key } } } } } }`,
      );
      const project = data.organization.projects.nodes[0];
      const env = Object.fromEntries(
        project.environments.nodes.map((e: { id: string; key: string }) => [e.key, e.id]),
      ) as Workspace['env'];
      const mutate = async <T>(query: string, variables: Record<string, unknown> = {}) => {
        const answer = await gql<T>(query, variables);
        if (answer.errors) throw new Error(`${query}: ${JSON.stringify(answer.errors)}`);
        return answer.data as T;
      };
      return {
        account,
        projectId: project.id,
        env,
        gql,
        mutate,
        async apiKey(type = 'server', environment = 'production') {
          const answer = await http('POST', `/v1/environments/${env[environment]}/api-keys`, {
            token: account.accessToken,
            body: { name: `${type} key`, type },
          });
          if (answer.status !== 201) throw new Error(`API key: ${answer.status} ${answer.text}`);
          return { id: answer.body.id, key: answer.body.key };
        },
        async createFlag(key, input = {}) {
          const data = await mutate<any>(
            `mutation ($p: ID!, $input: CreateFlagInput!) { createFlag(projectId: $p, input: $input) { id } }`,
            { p: project.id, input: { key, type: 'boolean', ...input } },
          );
          return data.createFlag.id;
        },
        async setEnabled(flagId, environment, enabled) {
          await mutate(
            `mutation ($f: ID!, $e: ID!, $on: Boolean!) { setFlagEnabled(flagId: $f, environmentId: $e, enabled: $on) { version } }`,
            { f: flagId, e: env[environment], on: enabled },
          );
        },
      };
    },
  };
  return {
    clients,
    async close() {
      await Promise.all(sockets.map((socket) => socket.dispose()));
    },
  };
}
