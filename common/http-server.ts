import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';

export interface RunningService {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** An HTTP server for the app, with keep-alive tuned for the gateway's connection pools. */
export function httpServerFor(app: Express): Server {
  const server = createServer(app);
  // Keep idle keep-alive sockets open longer than clients' agents, so a reused socket is never closed under a request.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

/** Listens on `port` (0 picks a free one) and resolves with the bound port. */
export async function listen(server: Server, port: number, host = '0.0.0.0'): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

export function newApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  return app;
}

export function localUrl(port: number, path = '/graphql'): string {
  return `http://127.0.0.1:${port}${path}`;
}
