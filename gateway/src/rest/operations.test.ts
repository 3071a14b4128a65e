import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { validate } from 'graphql';
import { artifactPaths } from '@vexil/schema';
import { dialects } from './dialects.js';
import { operations } from './operations.js';

// The API schema clients see, from the committed supergraph.
const apiSchema = Supergraph.build(readFileSync(artifactPaths.supergraph, 'utf8'))
  .apiSchema()
  .toGraphQLJSSchema();

describe('REST operations', () => {
  it.each(dialects.map((dialect) => [dialect.name, dialect] as const))(
    'has a document for every route of %s',
    (_name, dialect) => {
      for (const route of dialect.routes)
        expect([route.operation, operations.has(route.operation)]).toEqual([route.operation, true]);
    },
  );

  it.each([...operations.keys()])('%s is valid against the supergraph', (name) => {
    expect(validate(apiSchema, operations.get(name)!).map((e) => e.message)).toEqual([]);
  });

  it('runs every document from some route', () => {
    const used = new Set(
      dialects.flatMap((dialect) =>
        dialect.routes.flatMap((route) => [route.operation, ...(route.download?.operations ?? [])]),
      ),
    );
    expect([...operations.keys()].filter((name) => !used.has(name))).toEqual([]);
  });
});
