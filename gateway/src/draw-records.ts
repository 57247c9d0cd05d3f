import { request, type Dispatcher } from 'undici';
import { CONTEXT_HEADER, signContext } from '../../common/context-token';
import { ANONYMOUS } from '../../common/viewer';

/** The joint subgraph's answer for one draw record, as the portal passes it on. */
export interface DrawRecordAnswer {
  status: number;
  etag?: string;
  body: Dispatcher.ResponseData['body'];
}

export type DrawRecordSource = (task: string, ifNoneMatch?: string) => Promise<DrawRecordAnswer>;

/**
 * How the portal's `record.json` download reads a record: from the joint
 * subgraph's `/draw-records/<task>` as an anonymous member of the public (a
 * context the gateway signs, so the joint's own rule decides what is public),
 * streamed through unchanged — no GraphQL string to escape, parse and build
 * again for every download, and a 304 for a copy the client already holds.
 */
export function drawRecordSource(
  jointGraphqlUrl: () => string,
  contextKey: Uint8Array,
  path: 'draw-records' | 'draw-pools' = 'draw-records',
): DrawRecordSource {
  return async (task, ifNoneMatch) => {
    const url = new URL(`${path}/${encodeURIComponent(task)}`, jointGraphqlUrl());
    const headers: Record<string, string> = {
      [CONTEXT_HEADER]: await signContext({ ...ANONYMOUS }, contextKey),
    };
    if (ifNoneMatch) headers['if-none-match'] = ifNoneMatch;
    const response = await request(url, { method: 'GET', headers });
    const etag = response.headers.etag;
    return { status: response.statusCode, etag: typeof etag === 'string' ? etag : undefined, body: response.body };
  };
}
