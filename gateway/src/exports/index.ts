import type { Express } from 'express';
import type { SiteContext } from '../site-context';

/** Mounts the exports routes on the gateway's app. */
export function mountExports(_app: Express, _site: SiteContext): void {}
