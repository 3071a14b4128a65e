import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { DATABASE_RETRY_AFTER_SECONDS, PRINCIPAL_HEADER, signPrincipal } from '@vexil/platform';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './gateway-context.js';
import { subgraphFetcher } from './subgraph-fetcher.js';

/** One fetcher, so one pool of kept-alive connections, for every subgraph. */
const FETCHER = subgraphFetcher();

/**
 * Calls a subgraph with the caller's principal signed by the gateway, and the request id. A subgraph
 * that cannot be reached fails only its own fields, with `SERVICE_UNAVAILABLE` naming it: the other
 * subgraphs' fields of the same query still answer.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly name: string,
    url: string,
    private readonly secret: string,
  ) {
    super({ url, fetcher: FETCHER });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Health checks and schema loading have no request context; they act as the gateway itself.
    const principal =
      'principal' in context && context.principal
        ? context.principal
        : { kind: 'system' as const, name: 'gateway' };
    request.http?.headers.set(PRINCIPAL_HEADER, signPrincipal(principal, this.secret));
    if ('requestId' in context && context.requestId)
      request.http?.headers.set('x-request-id', context.requestId);
  }

  override async process(options: Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0]) {
    try {
      return await super.process(options);
    } catch (error) {
      // A GraphQLError is the subgraph's own answer; anything else is the connection failing.
      if (error instanceof GraphQLError) throw error;
      throw new GraphQLError(`the ${this.name} service is unreachable; retry shortly`, {
        extensions: {
          code: 'SERVICE_UNAVAILABLE',
          service: this.name,
          retryAfter: DATABASE_RETRY_AFTER_SECONDS,
        },
      });
    }
  }

  /**
   * A subgraph answers a request it refuses as a whole (a variable its scalar cannot parse, such as a
   * `DateTimeISO` the gateway passes on unchecked) with HTTP 400 and GraphQL errors; keep the first
   * one's message and code, so that the client learns what to fix instead of getting INTERNAL.
   */
  override async errorFromResponse(
    response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0],
  ): Promise<GraphQLError> {
    if (response.status === 400) {
      const body = (await response
        .clone()
        .json()
        .catch(() => null)) as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | null;
      const [first] = body?.errors ?? [];
      if (typeof first?.message === 'string' && typeof first.extensions?.code === 'string')
        return new GraphQLError(first.message, { extensions: { code: first.extensions.code } });
    }
    return super.errorFromResponse(response);
  }
}
