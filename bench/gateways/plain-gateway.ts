/**
 * The bench's comparison (b): plain `@apollo/gateway` on `@apollo/server`
 * with Express, as its documentation sets it up — no division routing, no
 * user authentication, no limits, default data sources. The only addition is
 * the one our subgraphs insist on: the client's `x-ssj-context` header (a
 * context token the bench signed) is passed on to every subgraph.
 *
 * Environment: PORT, SUPERGRAPH_PATH (a supergraph whose `division` subgraph
 * URL is one real division instance).
 */
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const CONTEXT_HEADER = 'x-ssj-context';

interface PlainContext {
  contextToken?: string;
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 4400);
  const supergraphSdl = readFileSync(process.env.SUPERGRAPH_PATH ?? 'supergraph.graphql', 'utf8');
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<PlainContext>({
        url,
        willSendRequest({ request, context }) {
          if (context.contextToken) request.http?.headers.set(CONTEXT_HEADER, context.contextToken);
        },
      }),
  });
  const app = express();
  const httpServer = createServer(app);
  const server = new ApolloServer<PlainContext>({ gateway, plugins: [ApolloServerPluginDrainHttpServer({ httpServer })] });
  await server.start();
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(server, { context: async ({ req }) => ({ contextToken: req.header(CONTEXT_HEADER) }) }),
  );
  await new Promise<void>((resolve) => httpServer.listen(port, '127.0.0.1', resolve));
  console.log(`plain @apollo/gateway listening on http://127.0.0.1:${port}/graphql`);
  const stop = () => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
