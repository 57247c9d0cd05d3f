/**
 * Hive Gateway (`@graphql-hive/gateway`) for the bench's comparison (c): the
 * one-division supergraph given on the command line, and the context token the
 * client sends (`x-ssj-context`, signed by the bench as our gateway would sign
 * it) passed on to every subgraph — our subgraphs refuse requests without it.
 *
 * In-flight deduplication of identical subgraph queries is turned off. The
 * bench sends the same request with the same token from every connection, so
 * Hive would answer most of them from one subgraph call and outrun even the
 * subgraph itself; real users' requests never coincide like that, because each
 * carries its own context token (our gateway signs one per request, with the
 * request id in it).
 */
exports.gatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ 'x-ssj-context': request.headers.get('x-ssj-context') }),
  },
  transportEntries: {
    '*.http': { options: { deduplicateInflightRequests: false } },
  },
  logging: 'error',
};
