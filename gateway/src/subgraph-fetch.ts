import type { Fetcher } from '@apollo/utils.fetcher';

/**
 * How the gateway calls subgraphs: Node's own fetch (undici, keep-alive), and a
 * subgraph's HTTP 400 that carries GraphQL errors — a variable the subgraph
 * refused, such as an impossible date — is handed on as an ordinary GraphQL
 * answer, so the caller sees the subgraph's own error code instead of an opaque
 * gateway failure.
 */
export const subgraphFetch: Fetcher = async (url, init) => {
  const response = await fetch(url, init as RequestInit);
  if (response.status !== 400 || !response.headers.get('content-type')?.includes('json')) return response as never;
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { errors?: unknown };
    if (Array.isArray(body.errors)) return new Response(text, { status: 200, headers: response.headers }) as never;
  } catch {
    // not JSON after all: fall through with the original status
  }
  return new Response(text, { status: response.status, headers: response.headers }) as never;
};
