import 'reflect-metadata';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, specifiedDirectives, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray, type PubSub } from 'type-graphql';
import { checkArguments } from './checked-arguments.js';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", ' +
  'import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])';

// Subscriptions are declared here so they compose into the graph, but the gateway executes them
// (see gateway/src/subscriptions); a subgraph never runs a subscription stream itself.
const gatewayExecutedPubSub: PubSub = {
  publish: () => {},
  subscribe: () => {
    throw new Error('Subscriptions are served by the gateway, not by a subgraph');
  },
};

/** Per entity type name, how to load it from a federation reference such as `{ id }`. */
export type ReferenceResolvers = Record<string, (reference: { id: string }, context: never) => unknown>;

/** A subgraph's schema and its printed SDL (the committed `schema.graphql`). */
export interface FederatedSchema {
  schema: GraphQLSchema;
  sdl: string;
}

/**
 * Builds a Federation 2 subgraph schema from type-graphql resolvers: prints the type-graphql schema with
 * its `@key` directives, links the federation spec, and adds each entity's `__resolveReference`. Every
 * query and mutation checks its arguments first ({@link checkArguments}).
 */
export async function buildFederatedSchema(options: {
  resolvers: NonEmptyArray<Function>;
  orphanedTypes?: Function[];
  references: ReferenceResolvers;
}): Promise<FederatedSchema> {
  const typeSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes ?? [],
    directives: [...specifiedDirectives],
    skipCheck: true,
    validate: false,
    pubSub: gatewayExecutedPubSub,
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeSchema)}\n`;
  const resolvers = createResolversMap(typeSchema) as GraphQLResolverMap<unknown>;
  for (const [typeName, resolveReference] of Object.entries(options.references)) {
    resolvers[typeName] = {
      ...(resolvers[typeName] as object),
      __resolveReference: resolveReference as never,
    };
  }
  const schema = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers }]);
  checkArguments(schema);
  return { schema, sdl };
}
