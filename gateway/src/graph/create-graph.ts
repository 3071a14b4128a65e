import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { checkJsonInput, DomainError, formatGraphQLError, type Logger } from '@vexil/platform';
import { GraphQLError, type DocumentNode, type FormattedExecutionResult, type GraphQLSchema } from 'graphql';
import { enforceClientKeyPolicy } from '../auth/client-key-policy.js';
import type { GatewayContext } from './gateway-context.js';
import { operationLimits } from './limits.js';
import { oneMutationField } from './one-mutation-field.js';
import { SignedDataSource } from './signed-data-source.js';

/** The federated graph: the Apollo Gateway over the subgraphs, and ways to run operations on it. */
export interface Graph {
  apollo: ApolloServer<GatewayContext>;
  /** The composed API schema (what clients see), for graphql-ws validation. */
  apiSchema: GraphQLSchema;
  /** Runs an operation in-process with the given caller, as REST routes and subscriptions do. */
  execute(
    operation: { query: string | DocumentNode; variables?: Record<string, unknown>; operationName?: string },
    context: GatewayContext,
  ): Promise<FormattedExecutionResult>;
  stop(): Promise<void>;
}

/**
 * Starts the Apollo Gateway on the committed supergraph (never by introspection at start) with every
 * subgraph call signed, and the Apollo Server that serves it.
 */
export async function createGraph(options: {
  supergraphSdl: string;
  subgraphUrls: Record<string, string>;
  principalSecret: string;
  explorer: boolean;
  limits: { maxDepth: number; maxAliases: number };
  log: Logger;
}): Promise<Graph> {
  let apiSchema: GraphQLSchema | undefined;
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) => {
      const url = options.subgraphUrls[name];
      if (!url) throw new Error(`No URL for subgraph "${name}"`);
      return new SignedDataSource(name, url, options.principalSecret);
    },
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema }) => (apiSchema = schema));
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: options.explorer,
    includeStacktraceInErrorResponses: false,
    formatError: formatGraphQLError(options.log),
    validationRules: [operationLimits(options.limits), oneMutationField],
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ operation, contextValue, request }) {
              if (!operation) throw unresolvedOperation(request.operationName);
              checkVariables(request.variables);
              enforceClientKeyPolicy(contextValue.principal, operation);
            },
          };
        },
      },
      options.explorer
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
        : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();
  if (!apiSchema) throw new Error('The gateway did not load the supergraph');
  return {
    apollo,
    apiSchema,
    async execute(operation, context) {
      const response = await apollo.executeOperation(operation, { contextValue: context });
      if (response.body.kind !== 'single') throw new Error('Incremental delivery is not supported here');
      return response.body.singleResult;
    },
    stop: () => apollo.stop(),
  };
}

/**
 * No operation of the document matches `operationName` (or several are there and none is named): the
 * client's mistake, answered before the gateway's planner, which reports it as an internal error.
 */
function unresolvedOperation(operationName: string | undefined): GraphQLError {
  return new GraphQLError(
    operationName
      ? `Unknown operation named "${operationName}": the document has no operation of that name.`
      : 'Must provide operationName: the document holds several operations.',
    { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } },
  );
}

/**
 * Variables arrive over HTTP, graphql-ws and REST rows; all of them are checked here, before the
 * planner serializes them to a subgraph (a 5 000-deep value overflowed its stack).
 */
function checkVariables(variables: Record<string, unknown> | undefined): void {
  try {
    checkJsonInput(variables);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new GraphQLError(error.message, {
      extensions: { code: error.code, fields: error.fields, http: { status: 400 } },
    });
  }
}
