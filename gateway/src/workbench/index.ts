import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import { html, trusted } from '../../../common/html';
import { repoRoot } from '../../../common/repo-root';
import type { WorkbenchSignIn } from '../config';
import type { SiteContext } from '../site-context';
import { spreadsheetRouter } from './spreadsheet';

const BASE = '/workbench';
const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

/** What the page script reads at start: where to sign in and where the API is. */
export interface WorkbenchBootConfig {
  issuer: string | null;
  clientId: string | null;
  graphql: string;
}

interface Manifest {
  script: string;
  style: string | null;
}

/** The bundle `npm run build` wrote (dist/workbench), or null when it was never built. */
function readManifest(dir: string): Manifest | null {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

/**
 * The page's policy: its own script only; requests to this origin and to the identity
 * provider (discovery, token, refresh), nothing else. Styles may be inline: the component
 * library writes style elements and attributes as it renders (not all of them can carry a
 * nonce), and a style runs no code.
 */
export function workbenchCsp(issuer: string | null): string {
  const provider = issuer ? ` ${new URL(issuer).origin}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${provider}`,
    "base-uri 'none'",
    `form-action 'self'${provider}`,
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

const headers: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(self), microphone=(), geolocation=()');
  next();
};

function page(manifest: Manifest | null, config: WorkbenchBootConfig): string {
  // JSON in a script element that never runs; `<` is escaped so no value can close the element.
  const boot = JSON.stringify(config).replace(/</g, '\\u003c');
  const body = manifest
    ? html`<div id="root"></div>
        <script type="application/json" id="workbench-config">
          ${trusted(boot)}
        </script>
        <script src="${BASE}/assets/${manifest.script}" defer></script>`
    : html`<main>
        <h1>工作台尚未构建</h1>
        <p>请在项目目录运行 <code>npm run build</code>（或 <code>npm start</code>）后刷新本页。(The workbench has not been built: run npm run build.)</p>
      </main>`;
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>双随机联合监管 工作台</title>
        ${manifest?.style ? html`<link rel="stylesheet" href="${BASE}/assets/${manifest.style}" />` : ''}
      </head>
      <body>
        ${body}
      </body>
    </html>`.toString();
}

/**
 * 工作台 at /workbench: the people who do the work sign in at the identity provider and
 * use the GraphQL API on this origin. Every path under /workbench is the same page (the
 * application routes in the browser); its bundle is under /workbench/assets/, named by
 * content so it may be cached for a year.
 */
export function mountWorkbench(
  app: Express,
  signIn: WorkbenchSignIn | undefined,
  site?: Pick<SiteContext, 'verifyToken' | 'graphqlUrl'>,
  outDir = join(repoRoot(__dirname), 'dist', 'workbench'),
): void {
  const config: WorkbenchBootConfig = { issuer: signIn?.issuer ?? null, clientId: signIn?.clientId ?? null, graphql: '/graphql' };
  const router = express.Router();
  router.use(headers);
  // 表格导入: the division administrator's spreadsheet, read with the command-line import's rules.
  if (site) router.use('/api/spreadsheet', spreadsheetRouter(site));
  router.use('/assets', express.static(outDir, { maxAge: ONE_YEAR_MS, immutable: true, index: false, dotfiles: 'deny', fallthrough: false }));
  router.get(/.*/, (_req, res) => {
    res.setHeader('Content-Security-Policy', workbenchCsp(config.issuer));
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(page(readManifest(outDir), config));
  });
  app.use(BASE, router);
}
