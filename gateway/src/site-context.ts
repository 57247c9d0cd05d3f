import type { Logger } from '../../common/logger';
import type { TokenVerifier } from './auth';
import type { DrawRecordSource } from './draw-records';

/** What the gateway's web pages and downloads need from the gateway itself. */
export interface SiteContext {
  /** The gateway's own GraphQL endpoint: pages read through it, so they see exactly what that caller may see. */
  graphqlUrl(): string;
  verifyToken: TokenVerifier;
  production: boolean;
  /** Whether the explorer is served (on in development; EXPLORER=on in production). */
  explorer: boolean;
  logger: Logger;
  /** Draw records as files, from the joint subgraph, as the public may read them (a portal without one answers 503). */
  drawRecord?: DrawRecordSource;
  /** Public pools (SSJ-DRAW-2) as files, published at commit, from the joint subgraph. */
  drawPool?: DrawRecordSource;
}
