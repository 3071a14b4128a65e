import { fileURLToPath } from 'node:url';

/** Where the generated artifacts are committed, relative to this package. */
export const artifactPaths = {
  supergraph: fileURLToPath(new URL('../supergraph.graphql', import.meta.url)),
  subgraph: (name: string) =>
    fileURLToPath(new URL(`../../services/${name}/schema.graphql`, import.meta.url)),
};
