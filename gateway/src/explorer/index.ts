import express, { type Express, type RequestHandler, type Response } from 'express';
import type { SiteContext } from '../site-context';
import { explorerAssets, type Asset } from './assets';
import { loadOperations } from './operations';
import { EXPLORER_CSP, explorerPage } from './page';

const BASE = '/explorer';
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** Headers every explorer response carries: its own CSP, not the portal's, and no framing or sniffing. */
const explorerHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', EXPLORER_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  next();
};

function notFound(res: Response): void {
  res.status(404).type('text/plain; charset=utf-8').send('Not Found');
}

function serveAsset(router: express.Router, asset: Asset): void {
  router.get(`/assets/${asset.path}`, (_req, res, next) => {
    res.type(asset.contentType);
    res.sendFile(asset.file, { maxAge: ONE_YEAR_SECONDS * 1000, immutable: true, dotfiles: 'deny' }, (error) => {
      if (error && !res.headersSent) next(error);
    });
  });
}

/**
 * 查询工具 — GraphiQL at /explorer with ready example operations, served wholly
 * from the gateway: nothing loads from another origin, so it works on the
 * bureau's network without internet access. Off in production unless
 * EXPLORER=on; when off, /explorer answers 404 whatever else is mounted later.
 */
export function mountExplorer(app: Express, site: SiteContext): void {
  if (!site.explorer) {
    app.use(BASE, (_req, res) => notFound(res));
    return;
  }
  const { scripts, styles, extras } = explorerAssets();
  const router = express.Router({ strict: false });
  router.use(explorerHeaders);

  const page = explorerPage({ base: BASE, endpoint: '/graphql', scripts, styles, production: site.production });
  router.get('/', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(page);
  });

  router.get('/operations.json', (_req, res, next) => {
    try {
      res.setHeader('Cache-Control', 'no-cache');
      res.json(loadOperations());
    } catch (error) {
      site.logger.error({ err: error }, 'explorer example operations could not be read');
      next(error);
    }
  });

  for (const asset of [...scripts, ...styles, ...extras]) serveAsset(router, asset);
  router.use((_req, res) => notFound(res));
  app.use(BASE, router);
}
