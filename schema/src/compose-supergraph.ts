import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { subgraphs } from './subgraphs.js';

/** Each subgraph's printed SDL, keyed by subgraph name. */
export async function printSubgraphs(): Promise<Record<string, string>> {
  const entries = await Promise.all(
    subgraphs.map(async (s) => [s.name, (await s.buildSchema()).sdl] as const),
  );
  return Object.fromEntries(entries);
}

/**
 * Composes the supergraph from the subgraphs' SDL. The URLs recorded are the docker-compose defaults;
 * the gateway replaces them with where the subgraphs really run.
 */
export function composeSupergraph(sdls: Record<string, string>): string {
  const result = composeServices(
    subgraphs.map((s) => ({
      name: s.name,
      typeDefs: parse(sdls[s.name]!),
      url: `http://${s.name}:${s.defaultPort}/graphql`,
    })),
  );
  if (result.errors) {
    throw new Error(
      `Supergraph composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`,
    );
  }
  return result.supergraphSdl;
}
