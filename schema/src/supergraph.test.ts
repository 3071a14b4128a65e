import { readFileSync } from 'node:fs';
import { composeSupergraph, printSubgraphs } from './compose-supergraph.js';
import { artifactPaths } from './paths.js';
import { subgraphs } from './subgraphs.js';

// The SDL files and the supergraph are committed artifacts; the gateway boots from them. When code
// changes a schema without `npm run compose`, these fail and say so.
describe('committed schema artifacts', () => {
  let sdls: Record<string, string>;
  beforeAll(async () => {
    sdls = await printSubgraphs();
  });

  it.each(subgraphs.map((s) => s.name))(
    'services/%s/schema.graphql matches the code (run `npm run compose`)',
    (name) => {
      expect(readFileSync(artifactPaths.subgraph(name), 'utf8')).toBe(sdls[name]);
    },
  );

  it('schema/supergraph.graphql is the composition of the subgraphs (run `npm run compose`)', () => {
    expect(readFileSync(artifactPaths.supergraph, 'utf8')).toBe(composeSupergraph(sdls));
  });

  it('documents every type and field', () => {
    const undocumented = Object.entries(sdls).flatMap(([name, sdl]) =>
      sdl
        .split('\n')
        .map((line, index, lines) => ({ line: line.trim(), previous: lines[index - 1]?.trim() ?? '' }))
        .filter(
          ({ line }) =>
            /^(type|input|enum) \w+|^\w+(\(|:)/.test(line) &&
            !/^(type Query|type Mutation|type Subscription)\b/.test(line),
        )
        .filter(
          ({ line, previous }) =>
            !previous.endsWith('"""') &&
            !/^\w+\($/.test(line) &&
            !line.startsWith('query:') &&
            !line.startsWith('mutation:') &&
            !line.startsWith('subscription:'),
        )
        .map(({ line }) => `${name}: ${line}`),
    );
    expect(undocumented).toEqual([]);
  });
});
