import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { PRINCIPAL_HEADER, signPrincipal } from '@vexil/platform';
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
}
