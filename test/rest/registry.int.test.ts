import { Validator } from '@seriousme/openapi-schema-validator';
import { Value } from '@sinclair/typebox/value';
import { dialects, OPENAPI_PATHS, openApiPath, rowsOf } from '@vexil/gateway';
import { sharedTestPlatform } from '@vexil/testing';
import { concretePath } from '../harness/rows.js';

// Issue 11: the registry, the OpenAPI document and the live server say the same thing.

const vexil = sharedTestPlatform();
let document: any;
beforeAll(async () => {
  document = (await vexil.http('GET', '/openapi.json')).body;
});
afterAll(() => vexil.dispose());

/** Every registered route: its method and its full path under each mount. */
const registered = dialects.flatMap((dialect) =>
  dialect.mounts.flatMap((mount) =>
    rowsOf(dialect).map((row) => ({ dialect, row, method: row.method, path: `${mount}${row.path}` })),
  ),
);

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1, and the same at every address it is served', async () => {
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
    for (const path of OPENAPI_PATHS) expect((await vexil.http('GET', path)).body).toEqual(document);
  });

  it('documents every registered route, with a summary, responses and failures', () => {
    for (const { method, path, row } of registered) {
      const operation = document.paths[openApiPath(path)]?.[method.toLowerCase()];
      expect([method, path, Boolean(operation)]).toEqual([method, path, true]);
      expect(operation.summary).toBe(row.summary);
      const statuses = Object.keys(operation.responses).map(Number);
      expect(statuses.some((status) => status < 400)).toBe(true);
      expect(statuses.some((status) => status >= 400)).toBe(true);
      if (row.request?.body) expect(operation.requestBody.content['application/json'].schema).toBeDefined();
    }
  });

  it('documents nothing that is not registered', () => {
    const known = new Set(registered.map(({ method, path }) => `${method} ${openApiPath(path)}`));
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations as object).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.filter((operation) => !known.has(operation))).toEqual([]);
    expect(documented).toHaveLength(known.size);
  });

  it('has one tag per dialect and resource, and every operation is under one of them', () => {
    const tags = new Set(document.tags.map((tag: { name: string }) => tag.name));
    for (const dialect of dialects)
      expect([...tags].some((tag) => String(tag).startsWith(dialect.title))).toBe(true);
    for (const operations of Object.values(document.paths))
      for (const operation of Object.values(operations as Record<string, { tags: string[] }>))
        expect(tags.has(operation.tags[0])).toBe(true);
  });
});

describe('the live server', () => {
  it.each(registered.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s answers, not the router, with a documented status and body',
    async (_name, { method, path, dialect }) => {
      const answer = await vexil.http(method, concretePath(path), {
        ...(method === 'GET' || method === 'DELETE' ? {} : { body: {} }),
      });
      const code = answer.body?.code ?? answer.body?.error?.code;
      // FeatureFlags' Laravel errors carry no code: there the router's answers are its 404 and 405.
      if (code === undefined) expect([404, 405]).not.toContain(answer.status);
      else expect(code).not.toMatch(/^(ROUTE_NOT_FOUND|METHOD_NOT_ALLOWED)$/i);
      const documented = Object.keys(document.paths[openApiPath(path)][method.toLowerCase()].responses);
      expect(documented).toContain(String(answer.status));
      if (answer.status >= 400) expect(Value.Check(dialect.errorSchema, answer.body)).toBe(true);
    },
  );
});
