import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { type Claims, IDENTITY_HEADER, PUBLIC_CLAIMS, signIdentity } from '@gzequip/kit';

export interface GatewayContext {
  claims: Claims;
}

/**
 * Calls one subgraph. Sends no header of the client's: only the caller's claims, signed so
 * the subgraph knows the request came through the gateway. Every call has a timeout.
 */
export class SignedSubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly signingSecret: string,
    timeoutMs: number,
  ) {
    super({
      url,
      fetcher: ((input: string, init: RequestInit) =>
        fetch(input, {
          ...init,
          signal: AbortSignal.timeout(timeoutMs),
        })) as unknown as RemoteGraphQLDataSource['fetcher'],
    });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Called with an empty context for gateway-internal requests: those get the public role.
    const claims = (context as Partial<GatewayContext>).claims ?? PUBLIC_CLAIMS;
    request.http?.headers.set(IDENTITY_HEADER, await signIdentity(claims, this.signingSecret));
  }
}
