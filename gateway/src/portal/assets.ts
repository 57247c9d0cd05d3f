import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Router } from 'express';
import { repoRoot } from '../../../common/repo-root';

/** One static file of the portal, held in memory and served under a content-versioned path. */
export interface PortalAsset {
  /** e.g. `/assets/portal-3f2a9c1b0d4e.css` */
  url: string;
  body: Buffer;
  contentType: string;
  etag: string;
}

export interface PortalAssets {
  stylesheet: PortalAsset;
  logo: PortalAsset;
}

/** The files sit beside this module in the source tree (tsc copies only .ts), as the explorer's do. */
function assetFile(name: string): string {
  return join(repoRoot(__dirname), 'gateway', 'src', 'portal', 'assets', name);
}

function load(name: string, contentType: string): PortalAsset {
  const body = readFileSync(assetFile(name));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const dot = name.lastIndexOf('.');
  return { url: `/assets/${name.slice(0, dot)}-${hash}${name.slice(dot)}`, body, contentType, etag: `"${hash}"` };
}

/** Reads the stylesheet and the logo once, at mount time. */
export function loadPortalAssets(): PortalAssets {
  return {
    stylesheet: load('portal.css', 'text/css; charset=utf-8'),
    logo: load('logo.svg', 'image/svg+xml'),
  };
}

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/**
 * Serves each asset at its versioned path: the content hash is in the URL, so a
 * browser may keep it for a year and a changed file is fetched under a new name.
 */
export function serveAssets(router: Router, assets: PortalAssets): void {
  for (const asset of Object.values(assets)) {
    router.get(asset.url, (req, res) => {
      res.setHeader('Cache-Control', `public, max-age=${ONE_YEAR_SECONDS}, immutable`);
      res.setHeader('ETag', asset.etag);
      if (req.header('if-none-match') === asset.etag) {
        res.status(304).end();
        return;
      }
      res.type(asset.contentType).send(asset.body);
    });
  }
}
