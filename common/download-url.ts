import { createHmac, timingSafeEqual } from 'node:crypto';
import { isRole, type Role, type Viewer } from './viewer';

/**
 * Download links for paperwork and evidence: a browser follows a link without
 * an Authorization header, so the link itself says who may use it. The joint
 * subgraph signs a path for the viewer who asked for it; the gateway serves the
 * path only with a valid, unexpired signature, and then reads the data as that
 * viewer — so the link can never show more than its owner could query.
 *
 * The key is derived from CONTEXT_SECRET (shared by the gateway and the
 * subgraphs), under its own label, so a download signature is never a valid
 * context token nor the other way round.
 */
export const DOWNLOAD_LIFETIME_SECONDS = 15 * 60;
export const DOWNLOAD_SIGNATURE_PARAM = 'sig';

export function downloadKey(contextKey: Uint8Array): Buffer {
  return createHmac('sha256', contextKey).update('ssj-download-url-v1').digest();
}

interface Grant {
  /** The exact path the signature is for. */
  p: string;
  /** Unix seconds after which the link is dead. */
  e: number;
  v: { s: string; n: string; r: Role[]; d?: string; i?: string };
}

const mac = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest();

/** A signed path for `viewer`, e.g. `/documents/assignments/T2026-0001-001/notice.pdf?sig=…`, and when it expires. */
export function signDownload(path: string, viewer: Viewer, key: Buffer, now: Date): { url: string; expiresAt: Date } {
  const expires = Math.floor(now.getTime() / 1000) + DOWNLOAD_LIFETIME_SECONDS;
  const grant: Grant = { p: path, e: expires, v: { s: viewer.sub, n: viewer.name, r: viewer.roles } };
  if (viewer.division) grant.v.d = viewer.division;
  if (viewer.inspector) grant.v.i = viewer.inspector;
  const payload = Buffer.from(JSON.stringify(grant)).toString('base64url');
  const signature = mac(key, payload).toString('base64url');
  return { url: `${path}?${DOWNLOAD_SIGNATURE_PARAM}=${payload}.${signature}`, expiresAt: new Date(expires * 1000) };
}

export class DownloadSignatureError extends Error {}

/** The viewer a signature was made for, if it is genuine, unexpired and for exactly this path. */
export function verifyDownload(path: string, signature: unknown, key: Buffer, now: Date): Viewer {
  if (typeof signature !== 'string' || signature.length > 2000) throw new DownloadSignatureError('下载链接缺少签名 (the link has no signature)');
  const [payload, given, extra] = signature.split('.');
  if (!payload || !given || extra !== undefined) throw new DownloadSignatureError('下载链接签名无效 (the link signature is invalid)');
  const expected = mac(key, payload);
  const actual = Buffer.from(given, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
    throw new DownloadSignatureError('下载链接签名无效 (the link signature is invalid)');
  let grant: Grant;
  try {
    grant = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Grant;
  } catch {
    throw new DownloadSignatureError('下载链接签名无效 (the link signature is invalid)');
  }
  if (grant.p !== path) throw new DownloadSignatureError('下载链接与所请求的文件不符 (the link was signed for another file)');
  if (!(grant.e * 1000 > now.getTime())) throw new DownloadSignatureError('下载链接已过期，请重新获取 (the link has expired; ask for a new one)');
  const viewer: Viewer = { sub: String(grant.v.s), name: String(grant.v.n ?? ''), roles: (grant.v.r ?? []).filter(isRole) };
  if (typeof grant.v.d === 'string') viewer.division = grant.v.d;
  if (typeof grant.v.i === 'string') viewer.inspector = grant.v.i;
  return viewer;
}
