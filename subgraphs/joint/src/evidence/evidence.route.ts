import express, { type Express, type RequestHandler, type Response } from 'express';
import { jsonError } from '../../../../common/http-errors';
import type { Orm } from '../../../../common/orm';
import { couldBeStoredKey } from '../../../../common/text';
import { isAuthenticated, type Viewer } from '../../../../common/viewer';
import { canSeeAssignment } from '../assignments/assignment-access';
import { Assignment } from '../assignments/assignment.entity';
import { AttachmentRow } from './attachment.entity';
import { EvidenceRefusedError } from './evidence-file';
import { attachEvidence, EvidenceError, type EvidenceOptions } from './evidence-service';

/** Beside the joint's /graphql; the gateway forwards uploads and downloads here. */
export const EVIDENCE_PATH = '/attachments';

/** The largest file the joint subgraph accepts; the gateway's own limit (EVIDENCE_MAX_BYTES) is usually lower. */
export const DEFAULT_EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

export interface EvidenceRouteOptions extends EvidenceOptions {
  maxBytes?: number;
}

function refuse(res: Response, error: unknown): boolean {
  if (error instanceof EvidenceError) jsonError(res, error.status, error.code, error.message);
  else if (error instanceof EvidenceRefusedError) jsonError(res, 415, error.code, error.message);
  else return false;
  return true;
}

/**
 * 证据材料 over HTTP, for requests the gateway signed:
 *   POST /attachments/<assignment>/<division>/<item code>?name=<file name>   the raw file as the body
 *   GET  /attachments/<id>                                                   the stored bytes
 * Attachments are never public: anonymous viewers get 404 as for a file that
 * does not exist; others see them where they may see the assignment's team.
 */
export function mountEvidence(app: Express, requireContext: RequestHandler, orm: Orm, options: EvidenceRouteOptions): void {
  const maxBytes = options.maxBytes ?? DEFAULT_EVIDENCE_MAX_BYTES;
  app.post(`${EVIDENCE_PATH}/:assignment/:division/:code`, requireContext, express.raw({ type: () => true, limit: maxBytes }), async (req, res, next) => {
    try {
      const viewer = res.locals.viewer as Viewer;
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (bytes.length === 0) return jsonError(res, 400, 'BAD_REQUEST', '没有收到文件内容 (the request carries no file)');
      const row = await attachEvidence(
        orm.em.fork(),
        viewer,
        {
          assignment: String(req.params.assignment),
          division: String(req.params.division),
          code: String(req.params.code),
          name: String(req.query.name ?? ''),
          bytes,
        },
        options,
      );
      res
        .status(201)
        .json({ attachment: { id: row.id, name: row.name, mediaType: row.mediaType, size: row.size, sha256: row.sha256, locationKept: row.locationKept } });
    } catch (error) {
      if (!refuse(res, error)) next(error);
    }
  });

  app.get(`${EVIDENCE_PATH}/:id`, requireContext, async (req, res, next) => {
    try {
      const viewer = res.locals.viewer as Viewer;
      const id = String(req.params.id ?? '');
      const em = orm.em.fork();
      const row = couldBeStoredKey(id) ? await em.findOne(AttachmentRow, { id }) : null;
      const assignment = row ? await em.findOne(Assignment, { id: row.assignment }) : null;
      if (!row || !assignment || !isAuthenticated(viewer)) return jsonError(res, 404, 'NOT_FOUND', `没有证据材料 ${id} (no attachment ${id})`);
      if (!canSeeAssignment(viewer, assignment)) return jsonError(res, 403, 'FORBIDDEN', '无权查看该证据材料 (you may not see this attachment)');
      const bytes = await options.stores(em).get(row.storageKey);
      if (!bytes) return jsonError(res, 404, 'NOT_FOUND', `证据材料 ${id} 的文件不在存储中 (the stored file is missing)`);
      res.setHeader('X-Content-SHA256', row.sha256);
      res.type(row.mediaType).send(bytes);
    } catch (error) {
      next(error);
    }
  });
}
