import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { PRINCIPAL_HEADER, signPrincipal } from '@vexil/platform';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './gateway-context.js';

/** Calls a subgraph with the caller's principal signed by the gateway, and the request id. */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly secret: string,
  ) {
    super({ url });
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
