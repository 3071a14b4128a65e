import { Value } from '@sinclair/typebox/value';
import { dialects, rowsOf, type Dialect } from '@vexil/gateway';
import { startTestPlatform, type TestPlatform, type Workspace } from '@vexil/testing';
import { concretePath, credentialsFor, NO_SUCH_ID } from '../harness/rows.js';

// Issue 11: every route's request schema drives its bad-input test. For each field a row's schema
// describes, values of the wrong kind (and a missing required field) are sent in an otherwise valid
// request (the row's example): each must answer the dialect's validation status, name the field, and write nothing.

type Schema = Record<string, any>;

/** A request that breaks one field: where, and the body or query that does it. */
interface BadInput {
  field: string;
  why: string;
  value: Record<string, unknown>;
}

/** Values that a field's schema refuses. */
function badValues(schema: Schema): [string, unknown][] {
  if (schema.anyOf?.every((option: Schema) => option.const !== undefined))
    return [['not one of them', 'none-of-these']];
  switch (schema.type) {
    case 'string':
      return [
        ['a number', 12345],
        ...(schema.minLength ? ([['empty', '']] as [string, unknown][]) : []),
        ...(schema.pattern || schema.format
          ? ([['not matching', 'not matching!']] as [string, unknown][])
          : []),
      ];
    case 'integer':
      return [
        ['a text', 'seven'],
        ['a fraction', 1.5],
        ...(schema.minimum !== undefined ? ([['too small', schema.minimum - 1]] as [string, unknown][]) : []),
      ];
    case 'number':
      return [['a text', 'seven']];
    case 'boolean':
      return [['a text', 'yes']];
    case 'array':
      return [
        ['not a list', 'one'],
        ...(schema.maxItems !== undefined
          ? ([['too long', Array(schema.maxItems + 1).fill('x')]] as [string, unknown][])
          : []),
      ];
    case 'object':
      return [['not an object', 'x']];
    default:
      return [];
  }
}

/** Every bad input of an object schema, starting from a valid value of it; nested objects too. */
function badInputs(schema: Schema, valid: Record<string, unknown>, prefix = ''): BadInput[] {
  const inputs: BadInput[] = [];
  for (const [name, property] of Object.entries<Schema>(schema.properties ?? {})) {
    const field = `${prefix}${name}`;
    const at = (value: unknown) => ({ ...valid, [name]: value });
    if ((schema.required ?? []).includes(name)) {
      const { [name]: _omitted, ...rest } = valid;
      inputs.push({ field, why: 'missing', value: rest });
    }
    for (const [why, value] of badValues(property)) inputs.push({ field, why, value: at(value) });
    const inner = valid[name];
    if (property.type === 'object' && inner && typeof inner === 'object' && !Array.isArray(inner)) {
      for (const nested of badInputs(property, inner as Record<string, unknown>, `${field}.`))
        inputs.push({ ...nested, value: at(nested.value) });
    }
  }
  return inputs;
}

/** Every query and body a row's schemas refuse, with the text of the request. */
function casesOf(dialect: Dialect) {
  return rowsOf(dialect).flatMap((row) => {
    const path = concretePath(`${dialect.mounts[0]}${row.path}`);
    const body = row.request?.body;
    const query = row.request?.query;
    return [
      ...(body ? badInputs(body, (row.example ?? {}) as Record<string, unknown>) : []).map((input) => ({
        row,
        path,
        input,
        request: { body: input.value, query: '' },
      })),
      ...(query ? badInputs(query, validQuery(query)) : [])
        // A query parameter is text: only a pattern, an enum or being required can refuse one.
        .filter((input) => typeof input.value[input.field] !== 'number' && input.why !== 'not an object')
        .map((input) => ({
          row,
          path,
          input,
          request: {
            body: undefined,
            query: `?${new URLSearchParams(input.value as Record<string, string>)}`,
          },
        })),
    ].map((item) => ({
      ...item,
      name: `${row.method} ${path}${item.request.query}: ${item.input.field} ${item.input.why}`,
    }));
  });
}

/** Query parameters that pass their schema: UUIDs, or the first of an enum. */
function validQuery(query: Schema): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries<Schema>(query.properties).map(([name, schema]) => [
      name,
      schema.anyOf?.[0]?.const ?? (schema.format === 'uuid' ? NO_SUCH_ID : 'x'),
    ]),
  );
}

// Its own platform: "writes nothing" compares every table before and after, which the shared
// platform's background work for other files (deliveries, mail) could change meanwhile.
let vexil: TestPlatform;
let ws: Workspace;
let apiKey: string;
beforeAll(async () => {
  vexil = await startTestPlatform();
  ws = await vexil.workspace();
  apiKey = (await ws.apiKey('server', 'production')).key;
});
afterAll(() => vexil?.dispose());

/**
 * Rows of every table of the services' own data: a write anywhere changes a count. Which events a
 * consumer has handled (`inbox`, positions) is bookkeeping of the setup's events, not a write.
 */
async function fingerprint(): Promise<Record<string, number>> {
  const tables = await vexil.sql<{ name: string }>(
    `select table_schema || '.' || table_name as name from information_schema.tables
      where (table_schema in ('identity', 'flags', 'billing') or table_name = 'sdk_events')
        and table_type = 'BASE TABLE' and table_name not in ('inbox', 'consumer_positions', 'dead_events')
      order by 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables)
    counts[name] = Number((await vexil.sql(`select count(*) as n from ${name}`))[0]!.n);
  return counts;
}

/** The fingerprint once the setup's events have been handled: two reads in a row agree. */
async function settled(): Promise<Record<string, number>> {
  let last = await fingerprint();
  for (let attempt = 0; attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const next = await fingerprint();
    if (JSON.stringify(next) === JSON.stringify(last)) return next;
    last = next;
  }
  return last;
}

describe.each(dialects.map((dialect) => [dialect.name, dialect] as const))('%s', (_name, dialect) => {
  const cases = casesOf(dialect);

  it('has a bad input for every row with a request schema, and valid examples', () => {
    for (const row of rowsOf(dialect)) {
      if (row.request?.body) {
        expect([row.method, row.path, Value.Check(row.request.body, row.example)]).toEqual([
          row.method,
          row.path,
          true,
        ]);
        expect(cases.some((item) => item.row === row)).toBe(true);
      }
    }
  });

  it('answers each bad input with the dialect’s status and shape, naming the field, and writes nothing', async () => {
    const before = await settled();
    // 400 everywhere but FeatureFlags, whose Laravel answers 422.
    const { status } = dialect.renderError({ code: 'VALIDATION_FAILED', message: '', requestId: '' });
    const wrong: string[] = [];
    for (const { row, path, input, request, name } of cases) {
      const credentials = credentialsFor(row, { token: ws.account.accessToken, apiKey });
      const answer = await vexil.http(row.method, `${path}${request.query}`, {
        ...credentials,
        ...(request.body ? { body: request.body } : {}),
      });
      const named = JSON.stringify(answer.body).includes(`"${input.field}"`);
      if (answer.status !== status || !Value.Check(dialect.errorSchema, answer.body) || !named)
        wrong.push(`${name} → ${answer.status} ${answer.text}`);
    }
    expect(wrong).toEqual([]);
    expect(cases.length).toBeGreaterThan(0);
    expect(await fingerprint()).toEqual(before);
  }, 120_000);
});
