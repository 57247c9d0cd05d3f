import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import { DEFAULT_RATE_LIMIT, rateLimit, type RateLimitOptions } from '../rate-limit';
import type { SiteContext } from '../site-context';
import { loadPortalAssets, serveAssets } from './assets';
import { ApiRefusedError, ApiUnavailableError, callGraphQL } from './graphql-client';
import { renderDocument, type Page } from './layout';
import { BadParameterError } from './params';
import { PageError, type PageContext, type PageRenderer } from './pages/context';
import { drawPage, sendDrawPool, sendDrawRecord } from './pages/draw';
import { sendSpecification, SPECIFICATION_PATH } from './pages/specification';
import { errorPage, UNAVAILABLE_DETAIL } from './pages/error';
import { homePage } from './pages/home';
import { itemsPage } from './pages/items';
import { publicationPage, publicationsPage } from './pages/publications';
import { tasksPage } from './pages/tasks';
import { portalSecurityHeaders } from './security';

export interface PortalOptions {
  /** Overrides the per-client limit (tests use a tiny one). */
  rateLimit?: RateLimitOptions;
}

/**
 * Paths other parts of the gateway answer. The portal owns every other GET, so
 * it steps aside for these even when they are mounted after it, and never
 * answers them with its 404 page.
 */
export const RESERVED_PREFIXES: readonly string[] = ['/graphql', '/health', '/ready', '/metrics', '/explorer', '/export'];

export function isReservedPath(path: string): boolean {
  return RESERVED_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}.`));
}

/**
 * 公示平台 — the public portal: server-rendered pages in Chinese that read only
 * the anonymous public API through the gateway's own /graphql, with no script,
 * nothing from another origin, and a strict Content-Security-Policy.
 */
export function mountPortal(app: Express, site: SiteContext, options: PortalOptions = {}): void {
  const assets = loadPortalAssets();
  const context: PageContext = {
    assets,
    // Deliberately no Authorization: the portal shows the public view and nothing more.
    publicQuery: (query, variables = {}) => callGraphQL(site.graphqlUrl(), query, variables),
    drawRecord: site.drawRecord ?? (() => Promise.reject(new Error('this portal has no joint subgraph to read draw records from'))),
    drawPool: site.drawPool ?? (() => Promise.reject(new Error('this portal has no joint subgraph to read pools from'))),
  };

  const send = (res: Response, page: Page): void => {
    res.status(page.status ?? 200);
    res.setHeader('Cache-Control', page.status && page.status >= 400 ? 'no-store' : 'no-cache');
    res.type('html').send(renderDocument(page, assets));
  };

  const fail = (req: Request, res: Response, error: unknown): void => {
    if (error instanceof PageError) return send(res, errorPage(error.status, error.detail, error.heading));
    if (error instanceof BadParameterError) return send(res, errorPage(400, error.message));
    if (error instanceof ApiRefusedError) {
      if (error.code === 'BAD_USER_INPUT') return send(res, errorPage(400, `查询条件有误：${error.message}`));
      return send(res, errorPage(403, '该内容不向社会公开。'));
    }
    if (error instanceof ApiUnavailableError) {
      site.logger.warn({ err: error, cause: error.cause, path: req.path }, 'portal: public API unavailable');
      res.setHeader('Retry-After', '30');
      return send(res, errorPage(503, UNAVAILABLE_DETAIL));
    }
    site.logger.error({ err: error, path: req.path }, 'portal page failed');
    send(res, errorPage(500, '页面生成出错，请稍后重试。', '服务器内部错误'));
  };

  const page =
    (render: PageRenderer): RequestHandler =>
    async (req, res) => {
      try {
        send(res, await render(context, req));
      } catch (error) {
        fail(req, res, error);
      }
    };

  const download =
    (handler: (context: PageContext, req: Request, res: Response) => Promise<void>): RequestHandler =>
    async (req, res) => {
      try {
        await handler(context, req, res);
      } catch (error) {
        fail(req, res, error);
      }
    };

  const router = express.Router();
  router.use(portalSecurityHeaders);
  router.use(
    rateLimit({
      ...DEFAULT_RATE_LIMIT,
      onLimited: (_req, res, wait) => send(res, errorPage(429, `您的访问过于频繁，请 ${wait} 秒后再试。`)),
      ...options.rateLimit,
    }),
  );
  serveAssets(router, assets);
  router.get('/', page(homePage));
  router.get('/publications', page(publicationsPage));
  router.get('/publications/:id', page(publicationPage));
  router.get('/items', page(itemsPage));
  router.get('/tasks', page(tasksPage));
  router.get('/tasks/:id/draw', page(drawPage));
  router.get('/tasks/:id/draw/record.json', download(sendDrawRecord));
  router.get('/tasks/:id/pool.json', download(sendDrawPool));
  router.get(SPECIFICATION_PATH, download(sendSpecification));
  router.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    send(res, errorPage(404, '您访问的页面不存在，可能已被移动或地址有误。'));
  });

  app.use((req, res, next) => {
    if (isReservedPath(req.path)) return next();
    router(req, res, next);
  });
}
