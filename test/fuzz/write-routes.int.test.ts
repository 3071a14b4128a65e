import { dialects, type RestRequest, type RestRoute, type EvaluationRoute } from '@vexil/gateway';
import { sharedTestPlatform, type Workspace } from '@vexil/testing';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

// Issue 10: bad input is a 4xx, never a 5xx, and a refused request writes nothing. Every REST write
// route (from the dialects' route tables) and every GraphQL mutation (from the schema) gets a bounded,
// seeded batch of malformed requests; after each one the tenants' data is compared with before.

const SEED = 10;
const REST_TRIES = 8;
const MUTATION_TRIES = 5;

const vexil = sharedTestPlatform();
let attacker: Workspace;
let victim: Workspace;
let random: () => number;
beforeAll(async () => {
  attacker = await vexil.workspace();
  victim = await vexil.workspace();
  await attacker.createFlag('f');
  await attacker.mutate(
    `mutation ($p: ID!) { createSegment(projectId: $p, input: { key: "s", name: "S", conditions: [] }) { id } }`,
    { p: attacker.projectId },
  );
  await victim.createFlag('f');
  random = mulberry32(SEED);
});
afterAll(() => vexil.dispose());

/** A small seeded generator (mulberry32): the same requests on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const randomUuid = () =>
  'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => Math.floor(random() * 16).toString(16));
const nested = (levels: number): unknown => {
  let value: unknown = 1;
  for (let level = 0; level < levels; level++) value = { a: [value] };
  return value;
};

/** Values no field should take: wrong types, unstorable text, huge and deep values, foreign ids. */
const poisons = (): unknown[] => [
  42,
  -1,
  1e308,
  true,
  {},
  [],
  [[[]]],
  { a: { b: 'c' } },
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  'x'.repeat(100_000),
  nested(80),
  { ['k\u0000']: 1 },
  '12345',
  victim.projectId,
  victim.env.dev,
];

/** Path values that name nothing the caller may touch. */
const poisonedParams = (): string[] => [
  '12345',
  'not-a-uuid',
  '%00',
  'a%00b',
  '%ED%A0%80',
  'x'.repeat(3000),
  randomUuid(),
  victim.projectId,
  victim.env.dev,
];

/** What the attacker's own ids are, by path parameter name; unknown ids are random UUIDs. */
const ownParam = (name: string): string =>
  ({
    projectID: attacker.projectId,
    envID: attacker.env.dev,
    flagKey: 'f',
    key: 'f',
    segmentKey: 's',
    envKey: 'dev',
    version: '1',
  })[name] ?? randomUuid();

/**
 * A digest of everything a tenant owns that requests write synchronously: every `flags` table holding
 * an organization or environment, and identity's members, roles and invitations. Tables that consumers
 * fill later from events (audit, projections) would move on their own and are left out.
 */
async function digestQuery(): Promise<string> {
  const tables = await vexil.sql<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns
      where table_schema = 'flags' and column_name in ('organization_id', 'environment_id')
        and table_name not like '%outbox%' and table_name not like '%inbox%'
        and table_name <> 'webhook_deliveries'`,
  );
  const byOrganization = new Set(
    tables.filter((t) => t.column_name === 'organization_id').map((t) => t.table_name),
  );
  const names = [...new Set(tables.map((t) => t.table_name))].sort();
  const parts = [
    ...names.map((name) =>
      byOrganization.has(name)
        ? `flags.${name} t where t.organization_id = $1`
        : `flags.${name} t where t.environment_id in (select id from flags.environments where organization_id = $1)`,
    ),
    ...['memberships', 'custom_roles', 'invitations'].map(
      (name) => `identity.${name} t where t.organization_id = $1`,
    ),
  ];
  return `select md5(concat_ws('|', ${parts
    .map((from) => `(select string_agg(t::text, ',' order by t::text) from ${from})`)
    .join(', ')})) as digest`;
}

let query = '';
const digest = async (workspace: Workspace): Promise<string> => {
  query ||= await digestQuery();
  const [row] = await vexil.sql<{ digest: string }>(query.replaceAll('$1', '?'), [
    ...Array(query.split('$1').length - 1).fill(workspace.account.organizationId),
  ]);
  return row!.digest;
};

interface Finding {
  request: string;
  problem: string;
}

/** Sends requests one by one; records any 5xx, and any refused request after which the tenant changed. */
async function probe(
  requests: { label: string; send: () => Promise<{ status: number; failed: boolean; internal: boolean }> }[],
): Promise<Finding[]> {
  const findings: Finding[] = [];
  let before = await digest(attacker);
  for (const { label, send } of requests) {
    const { status, failed, internal } = await send();
    const after = await digest(attacker);
    if (status >= 500 || internal)
      findings.push({ request: label, problem: `answered ${status} (internal)` });
    else if (failed && after !== before)
      findings.push({ request: label, problem: `refused (${status}) yet wrote` });
    before = after;
  }
  return findings;
}

/** The body keys a route's mapping reads, found by handing it a body that records every access. */
function keysRead(read: (body: Record<string, unknown>) => unknown): string[] {
  const keys = new Set<string>();
  const body = new Proxy({} as Record<string, unknown>, {
    get: (_target, key) => (typeof key === 'string' && keys.add(key), undefined),
    has: (_target, key) => (typeof key === 'string' && keys.add(key), false),
  });
  try {
    read(body);
  } catch {
    // Mappings may refuse the empty body; the keys they looked at are what matters.
  }
  return [...keys];
}

const requestOf = (body: Record<string, unknown>, params: Record<string, string>): RestRequest => ({
  params,
  query: new URLSearchParams(),
  body,
  headers: {},
  principal: { kind: 'anonymous' } as RestRequest['principal'],
  requestId: 'fuzz',
  page: { first: 10, offset: 0 },
});

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Every write route of every dialect, on the dialect's first mount, with what it reads. */
function writeRoutes() {
  return dialects.flatMap((dialect) =>
    [...dialect.routes, ...dialect.evaluationRoutes]
      .filter((route) => WRITE_METHODS.has(route.method))
      .map((route) => {
        const params = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
        const own = Object.fromEntries(params.map((name) => [name, ownParam(name)]));
        const read = (body: Record<string, unknown>) =>
          'question' in route
            ? (route as EvaluationRoute).question(requestOf(body, own))
            : (route as RestRoute).variables?.(requestOf(body, own));
        return {
          dialect: dialect.name,
          route,
          path: `${dialect.mounts[0]}${route.path}`,
          params,
          bodyKeys: route.method === 'DELETE' ? [] : keysRead(read),
        };
      }),
  );
}

const pathWith = (path: string, values: Record<string, string>) =>
  path.replace(/:(\w+)/g, (_match, name: string) => values[name] ?? ownParam(name));

describe('fuzzing every REST write route', () => {
  it('answers every malformed request with a 4xx and writes nothing when it refuses', async () => {
    const routes = writeRoutes();
    expect(routes.length).toBeGreaterThan(40);
    const apiKey = (await attacker.apiKey('server', 'dev')).key;
    const victimBefore = await digest(victim);
    const requests = routes.flatMap(({ route, path, params, bodyKeys }) => {
      // A route that reads nothing from the request has no input to get wrong (logout, DELETE /users/me).
      if (params.length === 0 && bodyKeys.length === 0) return [];
      const headers: Record<string, string> =
        route.auth === 'apiKey'
          ? { 'x-api-key': apiKey }
          : { authorization: `Bearer ${attacker.account.accessToken}` };
      return Array.from({ length: REST_TRIES }, (_, attempt) => {
        const poisonPath = bodyKeys.length === 0 || (params.length > 0 && attempt % 2 === 0);
        const values = poisonPath ? { [pick(params)]: pick(poisonedParams()) } : {};
        let text: string | undefined;
        let contentType = 'application/json';
        if (route.method !== 'DELETE') {
          const shape = attempt === REST_TRIES - 1 ? pick(['deep', 'array', 'text', 'form']) : 'fields';
          if (shape === 'deep') text = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
          else if (shape === 'array')
            text = JSON.stringify([{ [pick(bodyKeys.length ? bodyKeys : ['x'])]: 1 }]);
          else if (shape === 'text') text = '{"unterminated":';
          else if (shape === 'form') {
            text = 'name=x';
            contentType = 'application/x-www-form-urlencoded';
          } else {
            const body: Record<string, unknown> = {};
            for (const key of bodyKeys) if (random() < 0.6) body[key] = pick(['fuzz', 1, true, randomUuid()]);
            const poisoned = bodyKeys.filter(() => random() < 0.4);
            for (const key of poisoned.length ? poisoned : [pick(bodyKeys.length ? bodyKeys : ['x'])])
              body[key] = pick(poisons());
            text = JSON.stringify(body);
          }
        }
        const url = pathWith(path, values);
        return {
          label: `${route.method} ${url.slice(0, 200)} ${text?.slice(0, 120) ?? ''}`,
          send: async () => {
            const answer = await vexil.http(route.method, url, {
              headers: { ...headers, ...(text !== undefined ? { 'content-type': contentType } : {}) },
              ...(text !== undefined ? { body: text } : {}),
            });
            return {
              status: answer.status,
              failed: answer.status >= 400,
              internal: answer.body?.code === 'INTERNAL' || answer.body?.code === 'internal',
            };
          },
        };
      });
    });
    // Bounded: REST_TRIES for each of at most 150 write routes that read input.
    expect(requests.length).toBeLessThanOrEqual(150 * REST_TRIES);
    expect(await probe(requests)).toEqual([]);
    expect(await digest(victim)).toBe(victimBefore);
  });
});

/** A value of a GraphQL input type: plausible, or poisoned at some leaf; `poisoned.hit` says whether. */
function valueOf(type: GraphQLInputType, poisoned: { hit: boolean }, depth = 0): unknown {
  if (isNonNullType(type)) return valueOf(type.ofType, poisoned, depth);
  if (random() < 0.25 || depth > 4) {
    poisoned.hit = true;
    return pick(poisons());
  }
  if (isListType(type)) return [valueOf(type.ofType, poisoned, depth + 1)];
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) || random() < 0.3)
        value[field.name] = valueOf(field.type, poisoned, depth + 1);
    }
    return value;
  }
  if (isEnumType(type)) return type.getValues()[0]!.value;
  const named = getNamedType(type);
  if (isScalarType(named)) {
    switch (named.name) {
      case 'ID':
        return pick([attacker.projectId, attacker.env.dev, attacker.env.staging, randomUuid()]);
      case 'Int':
      case 'SafeInt':
        return 1;
      case 'Float':
        return 1.5;
      case 'Boolean':
        return true;
      case 'DateTimeISO':
        return new Date(Date.now() + 86_400_000).toISOString();
      case 'JSON':
      case 'JSONObject':
        return { key: 'u' };
      default:
        return 'fuzz';
    }
  }
  return null;
}

/**
 * A request for one mutation: every argument as a variable, at least one of them poisoned. With
 * `afterAWrite`, a valid `createProject` comes first in the same document, which must not be written
 * when the document is refused.
 */
function mutationRequest(field: GraphQLField<unknown, unknown>, afterAWrite: boolean) {
  const poisoned = { hit: false };
  const variables: Record<string, unknown> = {};
  for (const argument of field.args) {
    if (isNonNullType(argument.type) || random() < 0.5)
      variables[argument.name] = valueOf(argument.type, poisoned);
  }
  if (!poisoned.hit) variables[pick(field.args).name] = pick(poisons());
  const declared = field.args.map((argument) => `$${argument.name}: ${argument.type}`).join(', ');
  const passed = field.args.map((argument) => `${argument.name}: $${argument.name}`).join(', ');
  const selection = isScalarType(getNamedType(field.type)) ? '' : ' { __typename }';
  const write = afterAWrite ? 'written: createProject(input: { name: "Written" }) { id } ' : '';
  return {
    query: `mutation Fuzz(${declared}) { ${write}${field.name}(${passed})${selection} }`,
    variables,
  };
}

async function apiSchema(): Promise<GraphQLSchema> {
  const answer = await vexil.graphql(getIntrospectionQuery(), {}, attacker.account.accessToken);
  return buildClientSchema(answer.data);
}

describe('fuzzing every GraphQL mutation', () => {
  it('answers every malformed mutation without an internal error and writes nothing when it refuses', async () => {
    const mutations = Object.values((await apiSchema()).getMutationType()!.getFields()).filter(
      // A mutation without arguments has no input to get wrong (logout, deleteAccount).
      (field) => field.args.length > 0,
    );
    expect(mutations.length).toBeGreaterThan(40);
    const victimBefore = await digest(victim);
    const requests = mutations.flatMap((field) =>
      Array.from({ length: MUTATION_TRIES }, (_, attempt) => {
        const { query, variables } = mutationRequest(field, attempt === MUTATION_TRIES - 1);
        return {
          label: `${field.name} ${JSON.stringify(variables).slice(0, 200)}`,
          send: async () => {
            const answer = await vexil.http('POST', '/graphql', {
              token: attacker.account.accessToken,
              body: { query, variables },
            });
            const errors = (answer.body?.errors ?? []) as { extensions?: { code?: string } }[];
            return {
              status: answer.status,
              failed: errors.length > 0,
              internal: errors.some((error) => error.extensions?.code === 'INTERNAL'),
            };
          },
        };
      }),
    );
    expect(await probe(requests)).toEqual([]);
    expect(await digest(victim)).toBe(victimBefore);
  });
});
