import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { CONTEXT_HEADER, REQUEST_ID_HEADER, serviceViewer, signContext } from '../../common/context-token';
import type { Viewer } from '../../common/viewer';
import { subgraphFetch } from './subgraph-fetch';

/** The gateway's per-request context: who asks, and the context token vouching for them (signed once per request). */
export interface GatewayContext {
  viewer?: Viewer;
  requestId?: string;
  signedContext?: Promise<string>;
}

type SubgraphRequest = GraphQLDataSourceProcessOptions['request'];

/** Adds the signed context and the request id to a fetch the gateway sends to a subgraph. */
export async function signSubgraphRequest(request: SubgraphRequest, context: GatewayContext | undefined, key: Uint8Array): Promise<void> {
  const headers = request.http?.headers;
  if (!headers) return;
  let token: Promise<string>;
  if (context?.viewer) {
    context.signedContext ??= signContext(context.viewer, key);
    token = context.signedContext;
  } else {
    // Schema loading and health checks have no user behind them.
    token = signContext(serviceViewer('gateway', context?.requestId), key);
  }
  headers.set(CONTEXT_HEADER, await token);
  if (context?.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
}

/** A plain subgraph (not routed by division) with the gateway's signature. */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly key: Uint8Array,
    fetcher: Fetcher = subgraphFetch,
  ) {
    super({ url, fetcher });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    await signSubgraphRequest(request, context as GatewayContext, this.key);
  }
}
