export { subgraphs, type SubgraphDefinition } from './subgraphs.js';
export { composeSupergraph, printSubgraphs } from './compose-supergraph.js';
export { artifactPaths } from './paths.js';
