/**
 * The system under test: division instances, the joint subgraph and our
 * gateway, on embedded SQLite files in a temp folder (the default engine).
 *
 * Two ways to run it, behind one interface:
 * - `processes`: each service its own process from dist/, as docker-compose
 *   runs them — what the full bench measures (peak RSS per process, no
 *   bench code sharing an event loop with a service);
 * - `in-process`: the same factories the tests use, in this process — what
 *   the smoke run and the SQL count use, because it can listen to each
 *   service's ORM directly.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createGateway } from '../../gateway/src/app';
import { defaultSupergraphPath } from '../../gateway/src/config';
import { KNOWN_DIVISIONS } from '../../common/divisions';
import { createLogger } from '../../common/logger';
import type { Orm } from '../../common/orm';
import { createDivisionService } from '../../subgraphs/division/src/app';
import { createJointService } from '../../subgraphs/joint/src/app';
import { freePort, MAIN, startProcess, waitForStatus, type ServiceProcess } from './processes';

export interface Endpoint {
  code: string;
  url: string;
}

export interface Secrets {
  authSecret: string;
  contextSecret: string;
}

export interface StatementCount {
  total: number;
  byService: Record<string, number>;
  statements: string[];
}

export interface Federation extends Secrets {
  readonly mode: 'processes' | 'in-process';
  readonly gatewayUrl: string;
  readonly jointUrl: string;
  readonly divisions: readonly Endpoint[];
  /** Peak resident memory of each service process, in bytes (in-process: the one shared process). */
  peakRss(): Record<string, number | undefined>;
  /** SQL statements every service's database receives while `work` runs (in-process only). */
  countStatements?(work: () => Promise<unknown>): Promise<StatementCount>;
  /** What a service process has logged so far (processes only), e.g. the joint's `task drawn` lines. */
  output?(service: string): string;
  /** CPU seconds a service process has used so far (processes only). */
  cpuSeconds?(service: string): number | undefined;
  stop(): Promise<void>;
}

export interface FederationOptions {
  divisions: readonly string[];
  dataDir: string;
  /** Node flags per service name (`joint`, `gateway`, `division:ZA`), e.g. `--cpu-prof`. */
  nodeFlags?: Record<string, string[]>;
  /** Processes only: the demonstration data (SEED=demo) in the instances of the five divisions that have it. */
  demoSeed?: boolean;
  /** Processes only: more environment for our gateway (e.g. OPS_NETWORKS, RESPONSE_CACHE). */
  gatewayEnv?: Record<string, string>;
}

/**
 * As docker-compose runs them: NODE_ENV=production (graphql-js skips its
 * development checks). Subgraphs log at info (the joint's `task drawn` line
 * carries the draw's phases); the gateway at warn, since at info it logs
 * every operation and the gateways it is compared with log nothing.
 */
const SUBGRAPH_ENV = { NODE_ENV: 'production', LOG_LEVEL: 'info' };
/**
 * The public rate limit stays in the path (its cost is measured) but is raised out of
 * reach: all of the bench's anonymous load comes from one address.
 */
const GATEWAY_ENV = { NODE_ENV: 'production', LOG_LEVEL: 'warn', PUBLIC_RATE_LIMIT: '1000000000,1000000000' };

const DIVISIONS_STARTED_TOGETHER = 5;

export function newSecrets(): Secrets {
  return { authSecret: randomBytes(24).toString('hex'), contextSecret: randomBytes(24).toString('hex') };
}

const url = (port: number, path = '/graphql') => `http://127.0.0.1:${port}${path}`;

/** Every service in its own process from dist/; resolves when the gateway reports ready. */
export async function startProcessFederation(options: FederationOptions): Promise<Federation & { processes: ServiceProcess[] }> {
  const secrets = newSecrets();
  const processes: ServiceProcess[] = [];
  const stopAll = async () => {
    await Promise.all(processes.map((service) => service.stop()));
  };
  try {
    const divisions: Endpoint[] = [];
    // A few at a time: twenty processes starting (and seeding) at once on two cores miss their health deadline.
    const startDivision = async (code: string) => {
      const port = await freePort();
      const dataDir = join(options.dataDir, `division-${code}`);
      mkdirSync(dataDir, { recursive: true });
      const service = startProcess(`division:${code}`, MAIN.division, {
        env: {
          ...SUBGRAPH_ENV,
          DIVISION: code,
          PORT: String(port),
          DATA_DIR: dataDir,
          CONTEXT_SECRET: secrets.contextSecret,
          ...(options.demoSeed && code in KNOWN_DIVISIONS ? { SEED: 'demo' } : {}),
        },
        nodeFlags: options.nodeFlags?.[`division:${code}`],
      });
      processes.push(service);
      await waitForStatus(url(port, '/health'), service);
      divisions.push({ code, url: url(port) });
    };
    for (let start = 0; start < options.divisions.length; start += DIVISIONS_STARTED_TOGETHER) {
      await Promise.all(options.divisions.slice(start, start + DIVISIONS_STARTED_TOGETHER).map(startDivision));
    }
    divisions.sort((a, b) => options.divisions.indexOf(a.code) - options.divisions.indexOf(b.code));
    const divisionsVariable = divisions.map(({ code, url: at }) => `${code}=${at}`).join(',');

    const jointPort = await freePort();
    const jointDir = join(options.dataDir, 'joint');
    mkdirSync(jointDir, { recursive: true });
    const joint = startProcess('joint', MAIN.joint, {
      env: { ...SUBGRAPH_ENV, DIVISIONS: divisionsVariable, PORT: String(jointPort), DATA_DIR: jointDir, CONTEXT_SECRET: secrets.contextSecret },
      nodeFlags: options.nodeFlags?.joint,
    });
    processes.push(joint);
    await waitForStatus(url(jointPort, '/health'), joint);

    // The committed supergraph has 治安's guest-registration subgraph: the gateway is ready only once it answers.
    const lodgingPort = await freePort();
    const lodgingDir = join(options.dataDir, 'lodging');
    mkdirSync(lodgingDir, { recursive: true });
    const lodging = startProcess('lodging', MAIN.lodging, {
      env: { ...SUBGRAPH_ENV, PORT: String(lodgingPort), DATA_DIR: lodgingDir, CONTEXT_SECRET: secrets.contextSecret },
    });
    processes.push(lodging);
    await waitForStatus(url(lodgingPort, '/health'), lodging);

    const gatewayUrl = await startOurGatewayProcess('gateway', processes, {
      divisions,
      jointUrl: url(jointPort),
      lodgingUrl: url(lodgingPort),
      secrets,
      nodeFlags: options.nodeFlags?.gateway,
      env: options.gatewayEnv,
    });

    return {
      mode: 'processes',
      ...secrets,
      gatewayUrl,
      jointUrl: url(jointPort),
      divisions,
      processes,
      peakRss: () => Object.fromEntries(processes.map((service) => [service.name, service.peakRss()])),
      output: (name) => processes.find((service) => service.name === name)?.output() ?? '',
      cpuSeconds: (name) => processes.find((service) => service.name === name)?.cpuSeconds(),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** One more gateway process of ours (e.g. configured with one division only); added to `processes`. */
export async function startOurGatewayProcess(
  name: string,
  processes: ServiceProcess[],
  options: { divisions: readonly Endpoint[]; jointUrl: string; lodgingUrl?: string; secrets: Secrets; nodeFlags?: string[]; env?: Record<string, string> },
): Promise<string> {
  const port = await freePort();
  const gateway = startProcess(name, MAIN.gateway, {
    env: {
      ...GATEWAY_ENV,
      DIVISIONS: options.divisions.map(({ code, url: at }) => `${code}=${at}`).join(','),
      JOINT_URL: options.jointUrl,
      ...(options.lodgingUrl ? { SUBGRAPH_URLS: `lodging=${options.lodgingUrl}` } : {}),
      PORT: String(port),
      AUTH_SECRET: options.secrets.authSecret,
      CONTEXT_SECRET: options.secrets.contextSecret,
      ...options.env,
    },
    nodeFlags: options.nodeFlags,
  });
  processes.push(gateway);
  await waitForStatus(url(port, '/ready'), gateway);
  return url(port);
}

/** Every service in this process, through the factories the tests use. */
export async function startInProcessFederation(options: FederationOptions): Promise<Federation> {
  const secrets = newSecrets();
  const silent = (name: string) => createLogger(name, 'silent');
  const orms: Array<{ name: string; orm: Orm }> = [];
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    const divisions: Endpoint[] = [];
    for (const code of options.divisions) {
      const service = await createDivisionService({
        division: code,
        port: 0,
        host: '127.0.0.1',
        database: { kind: 'sqlite', file: join(options.dataDir, `division-${code}.sqlite`) },
        contextSecret: secrets.contextSecret,
        logger: silent(`division:${code}`),
      });
      stops.push(() => service.stop());
      orms.push({ name: `division:${code}`, orm: service.orm });
      divisions.push({ code, url: service.url });
    }
    const joint = await createJointService({
      port: 0,
      host: '127.0.0.1',
      database: { kind: 'sqlite', file: join(options.dataDir, 'joint.sqlite') },
      contextSecret: secrets.contextSecret,
      divisions,
      logger: silent('joint'),
    });
    stops.push(() => joint.stop());
    orms.push({ name: 'joint', orm: joint.orm });
    const gateway = await createGateway(
      {
        port: 0,
        host: '127.0.0.1',
        supergraphPath: defaultSupergraphPath(),
        divisions,
        subgraphUrls: { joint: joint.url },
        auth: { secret: secrets.authSecret },
        contextSecret: secrets.contextSecret,
        production: false,
      },
      silent('gateway'),
    );
    stops.push(() => gateway.stop());
    return {
      mode: 'in-process',
      ...secrets,
      gatewayUrl: gateway.url,
      jointUrl: joint.url,
      divisions,
      peakRss: () => ({ 'all services (one process)': process.resourceUsage().maxRSS * 1024 }),
      countStatements: (work) => countStatements(orms, work),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Listens to every ORM's knex `query` event while `work` runs. */
async function countStatements(orms: ReadonlyArray<{ name: string; orm: Orm }>, work: () => Promise<unknown>): Promise<StatementCount> {
  const byService: Record<string, number> = {};
  const statements: string[] = [];
  const detach = orms.map(({ name, orm }) => {
    const knex = orm.em.getConnection().getKnex();
    byService[name] = 0;
    const listener = (query: { sql: string }) => {
      byService[name] += 1;
      statements.push(`${name}: ${query.sql}`);
    };
    knex.on('query', listener);
    return () => knex.removeListener('query', listener);
  });
  try {
    await work();
  } finally {
    for (const off of detach) off();
  }
  return { total: statements.length, byService, statements };
}
