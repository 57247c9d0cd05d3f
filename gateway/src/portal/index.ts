import type { Express } from 'express';
import type { SiteContext } from '../site-context';

/** Mounts the portal routes on the gateway's app. */
export function mountPortal(_app: Express, _site: SiteContext): void {}
