import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { validate } from 'graphql';
import { artifactPaths } from '@vexil/schema';
import { featureSignalsDialect } from './featuresignals/featuresignals-dialect.js';
import { loadOperations } from './operations.js';

// The API schema clients see, from the committed supergraph.
const apiSchema = Supergraph.build(readFileSync(artifactPaths.supergraph, 'utf8'))
  .apiSchema()
  .toGraphQLJSSchema();

describe.each([featureSignalsDialect])('REST operations of $name', (dialect) => {
  const operations = loadOperations(dialect.name);

  it('has a document for every route', () => {
    for (const route of dialect.routes) expect(operations.has(route.operation)).toBe(true);
  });

  it.each([...operations.keys()])('%s is valid against the supergraph', (name) => {
    expect(validate(apiSchema, operations.get(name)!).map((e) => e.message)).toEqual([]);
  });
});
