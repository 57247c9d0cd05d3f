import { createGateway, type Gateway } from '../../gateway/src/app';
import { defaultSupergraphPath, type GatewayConfig } from '../../gateway/src/config';
import { createLogger } from '../../common/logger';
import type { DivisionService } from '../../subgraphs/division/src/app';
import { createJointService, type JointService } from '../../subgraphs/joint/src/app';
import { createLodgingService, type LodgingService } from '../../subgraphs/lodging/src/app';
import { shanghaiDate } from '../../common/dates';
import type { DatabaseLocation } from '../../common/orm';
import { freshDatabase, type DatabaseKind } from './database';
import { postGraphQL, TEST_CONTEXT_SECRET, type GraphQLResult } from './graphql';
import { startTestDivision } from './services';
import { TEST_AUTH_SECRET } from './tokens';

export interface TestSystem {
  gateway: Gateway;
  divisions: Map<string, DivisionService & { location: DatabaseLocation }>;
  joint: JointService;
  jointLocation: DatabaseLocation;
  /** 治安's guest-registration system, the extension subgraph of the committed supergraph. */
  lodging: LodgingService;
  /** Sends an operation to the gateway, with `Authorization: Bearer <token>` when a token is given. */
  query<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResult<T>>;
  stop(): Promise<void>;
}

export interface TestSystemOptions {
  divisions: string[];
  seed?: 'demo' | 'none';
  database?: DatabaseKind;
  gateway?: Partial<GatewayConfig>;
  /** A fixed clock for the joint subgraph. */
  now?: () => Date;
}

/** Division instances and the gateway, each a real HTTP server on a free port, as the services run in production. */
export async function startTestSystem(options: TestSystemOptions): Promise<TestSystem> {
  const divisions: TestSystem['divisions'] = new Map();
  for (const code of options.divisions) {
    divisions.set(code, await startTestDivision({ code, seed: options.seed, database: options.database }));
  }
  const jointLocation = await freshDatabase(options.database, 'joint');
  const joint = await createJointService({
    port: 0,
    host: '127.0.0.1',
    database: jointLocation,
    contextSecret: TEST_CONTEXT_SECRET,
    divisions: [...divisions.entries()].map(([code, service]) => ({ code, url: service.url })),
    logger: createLogger('joint', process.env.TEST_LOG_LEVEL ?? 'silent'),
    now: options.now,
  });
  const lodging = await createLodgingService({
    port: 0,
    host: '127.0.0.1',
    database: await freshDatabase(options.database, 'lodging'),
    contextSecret: TEST_CONTEXT_SECRET,
    seed: options.seed ?? 'none',
    today: shanghaiDate(),
    logger: createLogger('lodging', process.env.TEST_LOG_LEVEL ?? 'silent'),
  });
  const gateway = await createGateway(
    {
      port: 0,
      host: '127.0.0.1',
      supergraphPath: defaultSupergraphPath(),
      divisions: [...divisions.entries()].map(([code, service]) => ({ code, url: service.url })),
      subgraphUrls: { joint: joint.url, lodging: lodging.url },
      auth: { secret: TEST_AUTH_SECRET },
      contextSecret: TEST_CONTEXT_SECRET,
      production: false,
      // Tests send many anonymous requests from one address; the limit itself is tested on its own.
      publicRateLimit: { capacity: 100_000, refillPerSecond: 100_000 },
      ...options.gateway,
    },
    createLogger('gateway', process.env.TEST_LOG_LEVEL ?? 'silent'),
  );
  return {
    gateway,
    divisions,
    joint,
    jointLocation,
    lodging,
    query: (query, variables = {}, token) => postGraphQL(gateway.url, query, variables, token ? { authorization: `Bearer ${token}` } : {}),
    async stop() {
      await gateway.stop();
      await joint.stop();
      await lodging.stop();
      await Promise.all([...divisions.values()].map((division) => division.stop()));
    },
  };
}
