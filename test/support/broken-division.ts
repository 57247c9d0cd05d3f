/**
 * A division system that breaks exactly one rule of the division contract:
 * a real HTTP server on port 0 in front of a real division instance, passing
 * every request through and changing only what the breakage names — the way a
 * vendor's system could get one detail wrong.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTEXT_HEADER, REQUEST_ID_HEADER, contextKey, serviceViewer, signContext } from '../../common/context-token';
import { TEST_CONTEXT_SECRET } from './graphql';

export type Breakage =
  /** `_entities` answered in reverse order. */
  | 'entity-order'
  /** Keys it does not hold are left out of `_entities` instead of answered with null. */
  | 'missing-null'
  /** Requests without a context token are served (as if the gateway had signed them). */
  | 'accepts-unsigned'
  /** UNKNOWN_DIVISION answered as NOT_FOUND. */
  | 'wrong-error-code'
  /** The announced schema lacks one field of the contract. */
  | 'sdl-drift';

export interface BrokenDivision {
  url: string;
  stop(): Promise<void>;
}

type Body = { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: Record<string, unknown> }> };

function rewrite(breakage: Breakage, body: Body): Body {
  const data = body.data;
  if (breakage === 'entity-order' && Array.isArray(data?._entities)) data._entities = [...(data._entities as unknown[])].reverse();
  if (breakage === 'missing-null' && Array.isArray(data?._entities)) data._entities = (data._entities as unknown[]).filter((entity) => entity !== null);
  if (breakage === 'wrong-error-code') {
    for (const error of body.errors ?? []) if (error.extensions?.code === 'UNKNOWN_DIVISION') error.extensions.code = 'NOT_FOUND';
  }
  if (breakage === 'sdl-drift') {
    const service = data?._service as { sdl?: string } | undefined;
    if (typeof service?.sdl === 'string')
      service.sdl = service.sdl.replace(/\n\n {2}"""\n {2}False when the code failed[^"]*"""\n {2}usccVerified: Boolean!/, '');
  }
  return body;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the broken system in front of `upstream` (a division instance's GraphQL URL). */
export async function startBrokenDivision(upstream: string, breakage: Breakage): Promise<BrokenDivision> {
  const key = contextKey(TEST_CONTEXT_SECRET);
  const server: Server = createServer(async (request, response) => {
    try {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      for (const name of [CONTEXT_HEADER, REQUEST_ID_HEADER]) {
        const value = request.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      if (breakage === 'accepts-unsigned' && !headers[CONTEXT_HEADER]) headers[CONTEXT_HEADER] = await signContext(serviceViewer('gateway'), key);
      const target = new URL(request.url ?? '/', upstream);
      const answer = await fetch(target, { method: request.method, headers, ...(request.method === 'POST' ? { body: await readBody(request) } : {}) });
      const text = await answer.text();
      let out = text;
      try {
        out = JSON.stringify(rewrite(breakage, JSON.parse(text) as Body));
      } catch {
        // not JSON: passed on as it came
      }
      response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      response.end(out);
    } catch (error) {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
