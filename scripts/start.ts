/**
 * npm start — the whole system on one machine, in one process: five division
 * instances, the joint subgraph, the extension subgraphs, the identity provider
 * and the gateway, each a real HTTP server, on embedded SQLite under DATA_DIR,
 * with demonstration data on the first run.
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createGateway, type Gateway } from '../gateway/src/app';
import { defaultSupergraphPath } from '../gateway/src/config';
import { badPortProblem, ConfigError, readDataDir, readOpsNetworks, readPort, type DivisionEndpoint, type Env } from '../common/config';
import { KNOWN_DIVISIONS } from '../common/divisions';
import type { RunningService } from '../common/http-server';
import { createLogger } from '../common/logger';
import { createDivisionService } from '../subgraphs/division/src/app';
import { createJointService } from '../subgraphs/joint/src/app';
import { DemoClock, seedJointDemo } from './demo-joint';
import { loadOrCreateSecrets } from './dev-secrets';
import type { AdministratorNotice } from '../identity/src/app';
import { localExtensions } from './local-extensions';
import { startLocalIdentity, WORKBENCH_CLIENT_ID } from './local-identity';
import { removeRunningSystem, writeRunningSystem } from './running-system';

/** The demonstration divisions, in configuration order; division i listens on basePort + 1 + i. */
export const DEMO_DIVISIONS = ['ZA', 'WA', 'JD', 'JJ', 'CRJ'] as const;

/** Extension subgraphs this repository runs (schema/extension-subgraphs.json) listen from basePort + 10 on. */
const EXTENSION_PORT_OFFSET = 10;

/** The identity provider listens on basePort + 20 (4120, its own default). */
const IDENTITY_PORT_OFFSET = 20;

export interface LocalSystemOptions {
  /** SQLite files and dev-secrets.json live here (created 0700 when missing). */
  dataDir: string;
  /** The gateway's port (default 4000); 0 picks free ports for every service. */
  gatewayPort?: number;
  /** The joint subgraph's port; the divisions use the next five. Default gatewayPort + 100. */
  basePort?: number;
  /** Level of the services' JSON logs (default LOG_LEVEL, else `warn`); `silent` in tests. */
  logLevel?: string;
  /** AUTH_SECRET, CONTEXT_SECRET, NODE_ENV, SUPERGRAPH_PATH, SEED, LOG_LEVEL are read from here (default process.env). */
  env?: Env;
  /** Progress lines for the console. */
  progress?: (line: string) => void;
  /** Aborting stops the start after the current step (a half-loaded division is never left behind) and stops what runs. */
  signal?: AbortSignal;
  /**
   * The administrator's first password, given once at the first start: `npm start` prints it
   * after the addresses. Without this option it is not shown at all (never logged, never stored).
   */
  announce?: (notice: AdministratorNotice) => void;
}

export interface LocalSystem {
  /** The gateway's GraphQL endpoint (http://127.0.0.1:PORT/graphql). */
  gatewayUrl: string;
  gatewayPort: number;
  authSecret: string;
  /** 统一身份认证: where people sign in (the OpenID Connect issuer, as browsers reach it). */
  identityUrl: string;
  /** Stops every service, the gateway first, then the subgraphs in reverse start order. */
  stop(): Promise<void>;
  /** What SIGHUP does: the gateway re-reads its supergraph file. */
  reload(): Promise<unknown>;
}

/** A port that is already taken; names the service and the variable that moves it. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly service: string,
  ) {
    super(
      `端口 ${port} 已被占用 (port ${port}, for ${service}, is already in use). ` +
        `Stop the program using it, or set PORT to move every service: e.g. PORT=5000 npm start puts the gateway on 5000, the joint subgraph on 5100, the divisions on 5101–5105 and the identity provider on 5120.`,
    );
  }
}

function isPortInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}

/** Fails fast, before any data is loaded, when a fixed port is taken. */
async function checkPortFree(port: number, host: string | undefined, service: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) => reject(isPortInUse(error) ? new PortInUseError(port, service) : error));
    probe.listen(port, host ?? '0.0.0.0', () => probe.close(() => resolve()));
  });
}

/** The ports `npm start` uses for a gateway port: the gateway's, the joint subgraph's and the divisions'. */
export function systemPorts(gatewayPort: number, basePort = gatewayPort + 100): Array<{ port: number; service: string }> {
  return [
    { port: gatewayPort, service: 'the gateway' },
    { port: basePort, service: 'the joint subgraph' },
    // Base port 0 picks a free port for every subgraph.
    ...DEMO_DIVISIONS.map((code, index) => ({ port: basePort === 0 ? 0 : basePort + 1 + index, service: `division ${code}` })),
    ...localExtensions().map(({ name }, index) => ({ port: basePort === 0 ? 0 : basePort + EXTENSION_PORT_OFFSET + index, service: `the ${name} subgraph` })),
    { port: basePort === 0 ? 0 : basePort + IDENTITY_PORT_OFFSET, service: 'the identity provider' },
  ];
}

/**
 * Refuses, before anything starts, ports that browsers and fetch will not connect
 * to (PORT=6000, or PORT=6565 that puts the joint subgraph on 6665): the system
 * would start, then fail while loading the demo with "fetch failed … bad port".
 */
function checkBrowsablePorts(gatewayPort: number, basePort: number): void {
  const fixed = systemPorts(gatewayPort, basePort).filter(({ port }) => port !== 0);
  const bad = fixed.find(({ port }) => badPortProblem(port));
  if (!bad) return;
  let suggestion = gatewayPort + 1;
  while (suggestion + 100 + IDENTITY_PORT_OFFSET <= 65535 && systemPorts(suggestion).some(({ port }) => badPortProblem(port))) suggestion += 1;
  const where = bad.port === gatewayPort ? '' : `PORT=${gatewayPort} puts ${bad.service} on ${bad.port}; `;
  throw new ConfigError('PORT', `${where}${badPortProblem(bad.port)}. Choose another PORT, e.g. PORT=${suggestion} npm start`);
}

interface ServiceStarter {
  /** Shown in progress lines and port errors. */
  name: string;
  port: number;
  /** Subgraphs listen on loopback only; the gateway on every interface. */
  host?: string;
  /** Extra progress line, e.g. that demo data is being loaded. */
  note?: string;
  start(): Promise<RunningService>;
}

/** Starts every service in this process; stops the ones already started if one fails. */
export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  const env = options.env ?? process.env;
  const progress = options.progress ?? (() => undefined);
  const level = options.logLevel ?? env.LOG_LEVEL ?? 'warn';
  const gatewayPort = options.gatewayPort ?? 4000;
  const basePort = options.basePort ?? (gatewayPort === 0 ? 0 : gatewayPort + 100);
  const extensions = localExtensions();
  const lastPort = basePort + Math.max(DEMO_DIVISIONS.length, extensions.length ? EXTENSION_PORT_OFFSET + extensions.length - 1 : 0, IDENTITY_PORT_OFFSET);
  if (basePort !== 0 && lastPort > 65535)
    throw new ConfigError('PORT', `leaves no room for the subgraphs and the identity provider on ${basePort}–${lastPort}`);
  checkBrowsablePorts(gatewayPort, basePort);
  const seed = env.SEED === 'none' ? 'none' : 'demo';
  const { authSecret, contextSecret } = loadOrCreateSecrets(options.dataDir, env);
  const loopback = '127.0.0.1';
  const logger = (name: string) => createLogger(name, level);
  // Where /metrics and the detail of /ready may be read without a token, as for separate processes.
  const opsNetworks = readOpsNetworks(env);

  // The services, in start order. Each later one may use the URLs of the earlier ones.
  const divisions: DivisionEndpoint[] = [];
  const urls: Record<string, string> = {};
  // Real time, except while the demo loads its overdue task (see DemoClock).
  const clock = new DemoClock();
  const starters: ServiceStarter[] = DEMO_DIVISIONS.map((code, index): ServiceStarter => {
    const file = join(options.dataDir, `division-${code}.sqlite`);
    const port = basePort === 0 ? 0 : basePort + 1 + index;
    return {
      name: `division ${code} ${KNOWN_DIVISIONS[code]}`,
      port,
      host: loopback,
      note: seed === 'demo' && !existsSync(file) ? `  首次运行，载入演示数据 … (loading demo data for ${code} …)` : undefined,
      start: async () => {
        const service = await createDivisionService({
          division: code,
          port,
          host: loopback,
          database: { kind: 'sqlite', file },
          contextSecret,
          seed,
          opsNetworks,
          logger: logger(`division:${code}`),
        });
        divisions.push({ code, url: service.url });
        return service;
      },
    };
  });
  starters.push({
    name: 'joint subgraph 联席办',
    port: basePort,
    host: loopback,
    start: async () => {
      const service = await createJointService({
        port: basePort,
        host: loopback,
        database: { kind: 'sqlite', file: join(options.dataDir, 'joint.sqlite') },
        contextSecret,
        divisions,
        opsNetworks,
        logger: logger('joint'),
        now: clock.now,
      });
      urls.joint = service.url;
      return service;
    },
  });
  extensions.forEach((extension, index) => {
    const port = basePort === 0 ? 0 : basePort + EXTENSION_PORT_OFFSET + index;
    starters.push({
      name: extension.title,
      port,
      host: loopback,
      start: async () => {
        const service = await extension.start({ dataDir: options.dataDir, port, host: loopback, contextSecret, seed, logger: logger(extension.name) });
        urls[extension.name] = service.url;
        return service;
      },
    });
  });
  // The gateway checks the provider's tokens against its keys, so the provider starts first.
  const identityPort = basePort === 0 ? 0 : basePort + IDENTITY_PORT_OFFSET;
  let identity: Awaited<ReturnType<typeof startLocalIdentity>> | undefined;
  starters.push({
    name: 'identity provider 统一身份认证',
    port: identityPort,
    start: async () => {
      identity = await startLocalIdentity({
        dataDir: options.dataDir,
        port: identityPort,
        gatewayPort,
        logger: logger('identity'),
        announce: options.announce ?? (() => undefined),
      });
      return identity.service;
    },
  });
  let gatewayService: Gateway | undefined;
  starters.push({
    name: 'gateway 网关',
    port: gatewayPort,
    start: async () =>
      (gatewayService = await createGateway(
        {
          port: gatewayPort,
          supergraphPath: env.SUPERGRAPH_PATH || defaultSupergraphPath(),
          divisions,
          // The joint subgraph and the extensions listen where this process put them, whatever the supergraph says.
          subgraphUrls: { ...urls },
          // Scripts' HS256 tokens (`npm run token`) and the tokens of people signed in at the provider.
          auth: { secret: authSecret, ...identity!.auth },
          // The workbench sends people to the provider's sign-in page, at the address a browser on this machine reaches.
          workbench: { issuer: identity!.service.issuer, clientId: WORKBENCH_CLIENT_ID },
          contextSecret,
          production: false,
          opsNetworks,
        },
        logger('gateway'),
      )),
  });

  for (const starter of starters) await checkPortFree(starter.port, starter.host, starter.name);

  const started: RunningService[] = [];
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      removeRunningSystem(options.dataDir);
      let failure: unknown;
      for (const service of started.reverse()) {
        try {
          await service.stop();
        } catch (error) {
          failure ??= error;
        }
      }
      if (failure) throw failure;
    })());

  try {
    for (const starter of starters) {
      options.signal?.throwIfAborted();
      progress(`启动 (starting) ${starter.name}${starter.port ? ` on port ${starter.port}` : ''} …`);
      if (starter.note) progress(starter.note);
      try {
        started.push(await starter.start());
      } catch (error) {
        throw isPortInUse(error) ? new PortInUseError(starter.port, starter.name) : error;
      }
    }
    const gateway = started[started.length - 1]!;
    options.signal?.throwIfAborted();
    if (seed === 'demo' && (await seedJointDemo({ gatewayUrl: gateway.url, authSecret, clock, log: (line) => progress(`  ${line}`) }))) {
      progress('  演示任务已就绪 (demonstration tasks are ready)');
    }
    options.signal?.throwIfAborted();
    // From now on `npm run import` finds this system through the data folder.
    writeRunningSystem(options.dataDir, { gatewayUrl: gateway.url, pid: process.pid, startedAt: new Date().toISOString() });
    return {
      gatewayUrl: gateway.url,
      gatewayPort: gateway.port,
      authSecret,
      identityUrl: identity!.service.issuer,
      stop,
      reload: () => gatewayService!.reload(),
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/**
 * The calendar warning coordinators see in `calendarStatus` (from 1 December, when
 * next year's official holidays are not loaded yet), for the banner; null when
 * there is none or it cannot be read.
 */
export async function calendarWarning(gatewayUrl: string): Promise<string | null> {
  try {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ calendarStatus { warning } }' }),
    });
    const body = (await response.json()) as { data?: { calendarStatus?: { warning: string | null } } };
    return body.data?.calendarStatus?.warning ?? null;
  } catch {
    return null;
  }
}

/** Where people sign in, and at the first start the administrator's first password. */
export interface SignInBanner {
  identityUrl: string;
  administrator?: AdministratorNotice;
}

/** The administrator's first password, for the terminal only: the account cannot be reached without it. */
export function administratorLines({ username, password }: AdministratorNotice): string[] {
  return [
    '管理员账户已创建，初始密码只显示这一次，请妥善保管 (the administrator account was created; its password is shown only this once — keep it safe):',
    `  用户名 (username): ${username}`,
    `  初始密码 (password): ${password}`,
  ];
}

/** What `npm start` prints once everything answers. */
export function banner(port: number, dataDir?: string, warning?: string | null, signIn?: SignInBanner): string {
  const base = `http://localhost:${port}`;
  const url = `${base}/graphql`;
  // `npm run token` finds the secret in DATA_DIR: repeat a non-default one.
  const token = dataDir ? `DATA_DIR=${dataDir} npm run token --` : 'npm run token --';
  return [
    '',
    '双随机联合监管 已启动 (the joint random-inspection system is running)',
    `  公示平台 (public portal):       ${base}/`,
    `  工作台 (workbench):             ${base}/workbench/`,
    `  调试工具 (GraphQL explorer):    ${base}/explorer`,
    `  GraphQL 接口 (endpoint):        ${url}`,
    `  健康检查 (health, readiness):   ${base}/health   ${base}/ready`,
    ...(signIn
      ? [
          // The issuer itself: the workbench (and any OpenID Connect client) is pointed there to sign people in.
          `  统一身份认证 (sign-in service):  ${signIn.identityUrl}`,
          `  登录配置 (OpenID discovery):     ${signIn.identityUrl}/.well-known/openid-configuration`,
        ]
      : []),
    '',
    ...(signIn?.administrator ? [...administratorLines(signIn.administrator), ''] : []),
    ...(signIn
      ? [
          '首次登录工作台 (signing in to the workbench for the first time):',
          `  打开 ${base}/workbench/ ，点击“登录”，在统一身份认证页面输入管理员用户名 admin 和${signIn.administrator ? '上面的初始密码' : '首次启动时显示的密码'}`,
          '  (open the workbench, press 登录, and sign in as admin with the first password printed at the first start)',
          '',
        ]
      : []),
    '获取令牌 (get a token for this system; it prints only the token):',
    `  ${token} --role coordinator                                   # 联席办 协调员`,
    `  ${token} --role division_admin --division ZA                  # 部门管理员`,
    `  ${token} --role inspector --division ZA --inspector ZA-0001   # 执法检查人员`,
    `  ${token} --role reviewer --division ZA                        # 法制审核`,
    `  ${token} --role supervisor                                    # 督查考核`,
    `  TOKEN=$(${token.replace('npm run token', 'npm run -s token')} --role coordinator)`,
    '',
    '试一试 (try a query — the item lists are public, no token needed):',
    '  { divisions { code name checklist { name } } }',
    `  curl -s ${url} -H 'content-type: application/json' \\`,
    `    -d '{"query":"{ divisions { code name checklist { name } } }"}'`,
    '  带令牌 (with a token): add  -H "authorization: Bearer $TOKEN"',
    '',
    ...(warning ? ['注意 (attention): ' + warning, ''] : []),
    '按 Ctrl+C 停止全部服务 (Ctrl+C stops every service)',
    '',
  ].join('\n');
}

/** A value kept until it is taken once, then forgotten: the administrator's password is printed exactly once. */
function heldOnce<T>(): { keep(value: T): void; take(): T | undefined } {
  let held: T | undefined;
  return {
    keep: (value) => {
      held = value;
    },
    take: () => {
      const value = held;
      held = undefined;
      return value;
    },
  };
}

async function main(): Promise<void> {
  const env = process.env;
  const dataDir = readDataDir(env);
  const gatewayPort = readPort(env, 4000);
  const starting = new AbortController();
  let system: LocalSystem | undefined;
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      console.log('再次收到停止信号，立即退出 (second signal: exiting now)');
      process.exit(130);
    }
    if (!system) {
      console.log(`${signal}: 完成当前步骤后停止 (finishing the current step, then stopping; Ctrl+C again exits at once) …`);
      starting.abort();
      return;
    }
    console.log(`正在停止全部服务 (${signal}: stopping every service, gateway first) …`);
    system.stop().then(
      () => {
        console.log('已停止 (stopped)');
        process.exit(0);
      },
      (error) => {
        console.error('停止时出错 (error while stopping):', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // `npm run compose` while the system runs is picked up by itself; SIGHUP asks for it explicitly.
  process.on('SIGHUP', () => {
    system?.reload().then(
      (report) => console.log('已重新读取超图 (supergraph re-read):', JSON.stringify(report)),
      (error) => console.error('重新读取失败 (reload failed):', error),
    );
  });

  console.log(`数据目录 (data folder): ${dataDir}`);
  // Held only until it is printed: after the addresses, or at once if the start fails after the provider made the account.
  const administrator = heldOnce<AdministratorNotice>();
  try {
    system = await startLocalSystem({
      dataDir,
      gatewayPort,
      env,
      signal: starting.signal,
      announce: administrator.keep,
      progress: (line) => console.log(line),
    });
  } catch (error) {
    const notice = administrator.take();
    if (notice) console.log(administratorLines(notice).join('\n'));
    if (starting.signal.aborted) {
      console.log('已停止 (stopped)');
      process.exit(130);
    }
    throw error;
  }
  const warning = await calendarWarning(system.gatewayUrl);
  console.log(
    banner(system.gatewayPort, env.DATA_DIR ? dataDir : undefined, warning, { identityUrl: system.identityUrl, administrator: administrator.take() }),
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) console.error(`配置错误 (configuration error) — ${error.message}`);
    else if (error instanceof PortInUseError) console.error(error.message);
    else console.error('启动失败 (start failed):', error);
    process.exit(error instanceof ConfigError ? 78 : 1);
  });
}
