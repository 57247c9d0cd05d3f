import type { Request } from 'express';
import type { DrawRecordSource } from '../../draw-records';
import type { PortalAssets } from '../assets';
import type { GraphQLReply } from '../graphql-client';
import type { Page } from '../layout';

/** What a page needs: the public API (no token, ever) and nothing else. */
export interface PageContext {
  /** Runs an operation against the gateway's own /graphql as an anonymous member of the public. */
  publicQuery<T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLReply<T>>;
  /** A draw record as a file, as the public may read it. */
  drawRecord: DrawRecordSource;
  /** A task's public pool (SSJ-DRAW-2) as a file, published at commit. */
  drawPool: DrawRecordSource;
  assets: PortalAssets;
}

export type PageRenderer = (context: PageContext, req: Request) => Promise<Page>;

/** A page that cannot be shown, with what to tell the visitor. */
export class PageError extends Error {
  constructor(
    readonly status: number,
    readonly heading: string,
    readonly detail: string,
  ) {
    super(heading);
  }
}

export function notFound(detail: string): PageError {
  return new PageError(404, '未找到该页面', detail);
}
