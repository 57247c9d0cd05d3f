import express, { type Express, type RequestHandler } from 'express';
import { request } from 'undici';
import { CONTEXT_HEADER, signContext } from '../../../common/context-token';
import { DOWNLOAD_SIGNATURE_PARAM, DownloadSignatureError, verifyDownload } from '../../../common/download-url';
import { bodyErrors, jsonError } from '../../../common/http-errors';
import { hasRole, type Viewer } from '../../../common/viewer';
import { AuthError } from '../auth';
import { rateLimit, type RateLimitOptions } from '../rate-limit';
import type { SiteContext } from '../site-context';

export interface EvidenceOptions {
  /** The joint subgraph's /graphql URL; its /attachments routes sit beside it. */
  jointGraphqlUrl: () => string;
  contextKey: Uint8Array;
  /** The key download links are signed with (common/download-url.ts). */
  downloadKey: Buffer;
  maxBytes?: number;
  rateLimit?: RateLimitOptions;
  now?: () => Date;
}

/** A phone photo is 2–8 MB; a scanned form a few MB. */
export const DEFAULT_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
/** Per client: a team uploading a visit's photos passes, a loop waits. */
export const EVIDENCE_RATE_LIMIT = { capacity: 30, refillPerSecond: 0.5 } as const;

const SAFE_TYPES = new Set(['image/jpeg', 'image/png', 'application/pdf']);

/**
 * 证据材料 through the gateway:
 *   POST /attachments/<assignment>/<division>/<item code>?name=photo.jpg   body: the file; Authorization: Bearer <inspector token>
 *   GET  /attachments/<id>?sig=…                                         the link from `InspectionResult.attachments`
 * Uploads are limited in size, rate and role here, before the joint subgraph
 * checks team membership and the file's content; downloads need a signed link
 * and are read from the joint subgraph as the link's owner.
 */
export function mountEvidence(app: Express, site: SiteContext, options: EvidenceOptions): void {
  const maxBytes = options.maxBytes ?? DEFAULT_EVIDENCE_MAX_BYTES;
  const now = options.now ?? (() => new Date());
  const router = express.Router();
  router.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'; sandbox");
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'private, no-store');
    next();
  });
  router.use(rateLimit({ ...EVIDENCE_RATE_LIMIT, ...options.rateLimit }));

  const jointUrl = (path: string) => new URL(`attachments/${path}`, options.jointGraphqlUrl());

  const inspectorOnly: RequestHandler = async (req, res, next) => {
    let viewer: Viewer | null;
    try {
      viewer = await site.verifyToken(req.header('authorization'));
    } catch (error) {
      return jsonError(res, 401, 'UNAUTHENTICATED', error instanceof AuthError ? error.message : '身份验证失败 (authentication failed)');
    }
    if (!viewer) return jsonError(res, 401, 'UNAUTHENTICATED', '上传证据材料需要登录 (sign in to attach evidence)');
    if (!hasRole(viewer, 'inspector')) return jsonError(res, 403, 'FORBIDDEN', '只有执法检查人员可以上传证据材料 (only inspectors attach evidence)');
    const declared = Number(req.header('content-length') ?? 0);
    if (declared > maxBytes) {
      res.setHeader('Connection', 'close');
      return jsonError(res, 413, 'PAYLOAD_TOO_LARGE', `文件超过 ${Math.floor(maxBytes / 1024 / 1024)} MB 上限 (the file is larger than the limit)`);
    }
    res.locals.viewer = viewer;
    next();
  };

  router.post('/:assignment/:division/:code', inspectorOnly, express.raw({ type: () => true, limit: maxBytes }), async (req, res, next) => {
    try {
      const viewer = res.locals.viewer as Viewer;
      const path = [req.params.assignment, req.params.division, req.params.code].map((part) => encodeURIComponent(String(part))).join('/');
      const url = jointUrl(path);
      if (typeof req.query.name === 'string') url.searchParams.set('name', req.query.name);
      const answer = await request(url, {
        method: 'POST',
        headers: { [CONTEXT_HEADER]: await signContext(viewer, options.contextKey), 'content-type': 'application/octet-stream' },
        body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      });
      res
        .status(answer.statusCode)
        .type('application/json')
        .send(Buffer.from(await answer.body.arrayBuffer()));
    } catch (error) {
      next(error);
    }
  });

  router.get('/:id', async (req, res, next) => {
    try {
      const id = String(req.params.id);
      let viewer: Viewer;
      try {
        viewer = verifyDownload(`/attachments/${encodeURIComponent(id)}`, req.query[DOWNLOAD_SIGNATURE_PARAM], options.downloadKey, now());
      } catch (error) {
        if (error instanceof DownloadSignatureError) return jsonError(res, 403, 'FORBIDDEN', error.message);
        throw error;
      }
      const answer = await request(jointUrl(encodeURIComponent(id)), {
        method: 'GET',
        headers: { [CONTEXT_HEADER]: await signContext(viewer, options.contextKey) },
      });
      const type = String(answer.headers['content-type'] ?? '').split(';')[0]!;
      if (answer.statusCode !== 200 || !SAFE_TYPES.has(type)) {
        res
          .status(answer.statusCode === 200 ? 502 : answer.statusCode)
          .type('application/json')
          .send(Buffer.from(await answer.body.arrayBuffer()));
        return;
      }
      const sha = answer.headers['x-content-sha256'];
      if (typeof sha === 'string') res.setHeader('X-Content-SHA256', sha);
      res.setHeader('Content-Disposition', `attachment; filename="${encodeURIComponent(id)}"`);
      res.type(type).send(Buffer.from(await answer.body.arrayBuffer()));
    } catch (error) {
      next(error);
    }
  });

  // A body over the limit sent without a Content-Length is cut off while read: 413 as well.
  router.use(bodyErrors(maxBytes));
  app.use('/attachments', router);
}
