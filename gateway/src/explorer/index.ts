import type { Express } from 'express';
import type { SiteContext } from '../site-context';

/** Mounts the explorer routes on the gateway's app. */
export function mountExplorer(_app: Express, _site: SiteContext): void {}
