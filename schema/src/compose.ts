import { writeFile } from 'node:fs/promises';
import { composeSupergraph, printSubgraphs } from './compose-supergraph.js';
import { artifactPaths } from './paths.js';

// `npm run compose`: regenerates every services/<name>/schema.graphql and schema/supergraph.graphql.
const sdls = await printSubgraphs();
for (const [name, sdl] of Object.entries(sdls)) {
  await writeFile(artifactPaths.subgraph(name), sdl);
  console.log(`wrote services/${name}/schema.graphql`);
}
await writeFile(artifactPaths.supergraph, composeSupergraph(sdls));
console.log('wrote schema/supergraph.graphql');
