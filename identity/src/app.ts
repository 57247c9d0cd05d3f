import { chmodSync } from 'node:fs';
import type { NextFunction, Request, Response } from 'express';
import { httpServerFor, listen, newApp, type RunningService } from '../../common/http-server';
import { createLogger, type Logger } from '../../common/logger';
import { openDatabase, type DatabaseLocation, type Orm } from '../../common/orm';
import { html } from '../../common/html';
import { identityMigrations } from '../migrations';
import { ensureAdministrator, ADMINISTRATOR } from './accounts/administrator';
import { identityEntities } from './entities';
import { loadOrCreateProviderKeys } from './keys/provider-keys';
import { interactionRoutes } from './login/interaction-routes';
import { page, PAGE_HEADERS } from './login/page';
import { createProvider, type WorkbenchClient } from './oidc/provider';

export interface IdentityServiceConfig {
  port: number;
  host?: string;
  /** The URL browsers and the gateway reach the provider by; a function of the bound port when it is chosen at start (port 0). */
  issuer: string | ((port: number) => string);
  audience: string;
  database: DatabaseLocation;
  /** Where the signing and cookie keys are kept (created at the first start). */
  keysFile: string;
  client: WorkbenchClient;
  accessTokenTtl?: number;
  sessionTtl?: number;
  /** Behind a TLS-terminating proxy: believe its X-Forwarded-* headers (secure cookies, the issuer's scheme). */
  trustProxy?: boolean;
  production?: boolean;
  logger?: Logger;
  /** Where the first start's administrator password goes; stdout by default, and nowhere else. */
  announce?: (notice: AdministratorNotice) => void;
}

/** The administrator's account and first password, given once, at the first start. */
export interface AdministratorNotice {
  username: string;
  password: string;
}

export interface IdentityService extends RunningService {
  issuer: string;
  orm: Orm;
}

/** The notice as the service run alone prints it. */
export function administratorNoticeText({ username, password }: AdministratorNotice): string {
  return `已创建管理员账户 ${username}，初始密码（只显示这一次）: ${password}\n(administrator account ${username} created; its password, shown only this once: ${password})`;
}

function announceToStdout(notice: AdministratorNotice): void {
  process.stdout.write(`${administratorNoticeText(notice)}\n`);
}

/** The page for a sign-in request that can no longer be completed (expired, or opened without its cookie). */
function interactionError(logger: Logger) {
  return (error: Error & { status?: number; statusCode?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = error.status ?? error.statusCode ?? 500;
    if (status >= 500) logger.error({ err: error }, 'interaction failed');
    res
      .status(status >= 500 ? 500 : 400)
      .type('html')
      .set(PAGE_HEADERS)
      .send(
        page(
          '登录请求已失效 (sign-in request expired)',
          html`<h1>登录请求已失效</h1><p class="sub">The sign-in request has expired or was opened in another browser: go back to the workbench and sign in again.</p>`,
        ),
      );
  };
}

/**
 * 统一身份认证 — the built-in OpenID Connect provider: accounts in its own
 * database, a server-rendered sign-in page, and short-lived JWT access tokens
 * for the gateway, signed with a key it generates at the first start.
 */
export async function createIdentityService(config: IdentityServiceConfig): Promise<IdentityService> {
  const logger = config.logger ?? createLogger('identity');
  const orm = await openDatabase({
    location: config.database,
    entities: identityEntities,
    migrations: identityMigrations,
    log: (message) => logger.debug(message),
  });
  // The database holds password hashes and the live secrets of sessions and refresh tokens: its owner only.
  if (config.database.kind === 'sqlite') chmodSync(config.database.file, 0o600);
  try {
    const password = await ensureAdministrator(orm.em.fork());
    if (password) {
      (config.announce ?? announceToStdout)({ username: ADMINISTRATOR, password });
      logger.info({ account: ADMINISTRATOR }, 'administrator account created');
    }
    const keys = loadOrCreateProviderKeys(config.keysFile);
    const app = newApp();
    const server = httpServerFor(app);
    const port = await listen(server, config.port, config.host);
    const issuer = typeof config.issuer === 'function' ? config.issuer(port) : config.issuer;
    const provider = createProvider(orm, {
      issuer,
      audience: config.audience,
      client: config.client,
      keys,
      accessTokenTtl: config.accessTokenTtl ?? 300,
      sessionTtl: config.sessionTtl ?? 8 * 3600,
      trustProxy: config.trustProxy ?? false,
    });
    provider.on('server_error', (_ctx, error) => logger.error({ err: error }, 'provider error'));
    app.get('/health', (_req, res) => {
      res.json({ status: 'ok' });
    });
    app.use(interactionRoutes(provider, orm, logger));
    app.use(interactionError(logger));
    app.use(provider.callback());
    return {
      url: issuer,
      issuer,
      port,
      orm,
      async stop() {
        server.closeIdleConnections();
        await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
        await orm.close();
      },
    };
  } catch (error) {
    await orm.close();
    throw error;
  }
}
