import express, { type Express, type Request, type Response } from 'express';
import { DOWNLOAD_SIGNATURE_PARAM, DownloadSignatureError, verifyDownload } from '../../../common/download-url';
import { ANONYMOUS, type Viewer } from '../../../common/viewer';
import { xlsxWorkbook } from '../exports/xlsx';
import { ApiRefusedError, ApiUnavailableError } from '../portal/graphql-client';
import { rateLimit, type RateLimitOptions } from '../rate-limit';
import type { SiteContext } from '../site-context';
import { announcement, dispatchList, dispatchSheet, inspectionNotice, recordForm, recordSheet } from './layouts';
import { DocumentNotFoundError, readPublication, readTaskPaperwork, taskOfAssignment, type ExecuteAs } from './paperwork-data';
import { renderPdf } from './pdf';

export type { ExecuteAs } from './paperwork-data';

export interface DocumentOptions {
  /** Runs an operation through this gateway as a given viewer. */
  execute: ExecuteAs;
  /** The key download links are signed with (common/download-url.ts). */
  key: Buffer;
  now?: () => Date;
  rateLimit?: RateLimitOptions;
}

/** Rendering a PDF costs a few hundred milliseconds of CPU: a team printing its papers passes, a loop waits. */
export const DOCUMENT_RATE_LIMIT = { capacity: 30, refillPerSecond: 0.5 } as const;

const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendError(res: Response, status: number, code: string, message: string): void {
  res.setHeader('Cache-Control', 'no-store');
  res.status(status).json({ error: { code, message } });
}

function send(res: Response, type: string, filename: string, body: Buffer, cache: 'private' | 'public'): void {
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Cache-Control', cache === 'public' ? 'public, max-age=300' : 'private, no-store');
  res.type(type).send(body);
}

/**
 * 文书下载 — the field paperwork, generated from the data when asked:
 *   GET /documents/tasks/<task>/dispatch-list.pdf|.xlsx?sig=…               派遣单 of the whole task
 *   GET /documents/assignments/<id>/dispatch-list.pdf|notice.pdf|record-form.pdf|record-form.xlsx?sig=…
 *   GET /documents/publications/<id>/announcement.pdf                        结果公告 (public, no signature)
 * The links come from GraphQL (`documents`, `Publication.document`), signed by
 * the joint subgraph for the viewer who asked; the data is then read through
 * this gateway as that viewer, so a document never holds more than its owner
 * could query.
 */
export function mountDocuments(app: Express, site: SiteContext, options: DocumentOptions): void {
  const now = options.now ?? (() => new Date());
  const router = express.Router();
  router.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  router.use(rateLimit({ ...DOCUMENT_RATE_LIMIT, ...options.rateLimit }));

  const signedViewer = (req: Request): Viewer => verifyDownload(`/documents${req.path}`, req.query[DOWNLOAD_SIGNATURE_PARAM], options.key, now());

  const handle = (run: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await run(req, res);
    } catch (error) {
      if (error instanceof DownloadSignatureError) return sendError(res, 403, 'FORBIDDEN', error.message);
      if (error instanceof DocumentNotFoundError) return sendError(res, 404, 'NOT_FOUND', error.message);
      if (error instanceof ApiRefusedError) return sendError(res, error.code === 'BAD_USER_INPUT' ? 400 : 403, error.code, error.message);
      if (error instanceof ApiUnavailableError) {
        site.logger.warn({ err: error, path: req.path }, 'document: API unavailable');
        res.setHeader('Retry-After', '30');
        return sendError(res, 503, 'UNAVAILABLE', '数据服务暂时不可用，请稍后重试 (the data service is unavailable; try again later)');
      }
      site.logger.error({ err: error, path: req.path }, 'document failed');
      sendError(res, 500, 'INTERNAL_SERVER_ERROR', '文书生成失败，请稍后重试或联系管理员 (the document could not be made)');
    }
  };

  router.get(
    /^\/tasks\/([^/]+)\/dispatch-list\.(pdf|xlsx)$/,
    handle(async (req, res) => {
      const viewer = signedViewer(req);
      const [task, format] = [decodeURIComponent(String(req.params[0])), String(req.params[1])];
      const paperwork = await readTaskPaperwork(options.execute, viewer, task);
      if (format === 'pdf') send(res, PDF, `${task}-dispatch-list.pdf`, await renderPdf(dispatchList(paperwork)), 'private');
      else send(res, XLSX, `${task}-dispatch-list.xlsx`, await xlsxWorkbook(dispatchSheet(paperwork)), 'private');
    }),
  );

  router.get(
    /^\/assignments\/([^/]+)\/(dispatch-list\.pdf|notice\.pdf|record-form\.pdf|record-form\.xlsx)$/,
    handle(async (req, res) => {
      const viewer = signedViewer(req);
      const [id, file] = [decodeURIComponent(String(req.params[0])), String(req.params[1])];
      const task = taskOfAssignment(id);
      if (!task) throw new DocumentNotFoundError(`没有检查对象 ${id} (no assignment ${id})`);
      const paperwork = await readTaskPaperwork(options.execute, viewer, task, id);
      const assignment = paperwork.assignments[0]!;
      const name = `${id}-${file}`;
      if (file === 'dispatch-list.pdf') send(res, PDF, name, await renderPdf(dispatchList(paperwork)), 'private');
      else if (file === 'notice.pdf') send(res, PDF, name, await renderPdf(inspectionNotice(paperwork.task, assignment)), 'private');
      else if (file === 'record-form.pdf') send(res, PDF, name, await renderPdf(recordForm(paperwork.task, assignment)), 'private');
      else send(res, XLSX, name, await xlsxWorkbook(recordSheet(paperwork.task, assignment)), 'private');
    }),
  );

  router.get(
    /^\/publications\/([^/]+)\/announcement\.pdf$/,
    handle(async (req, res) => {
      const id = decodeURIComponent(String(req.params[0]));
      // Whoever downloads it, the announcement is rendered from the public view.
      const publication = await readPublication(options.execute, { ...ANONYMOUS }, id);
      send(res, PDF, `${id}-announcement.pdf`, await renderPdf(announcement(publication)), 'public');
    }),
  );

  router.use((_req, res) =>
    sendError(res, 404, 'NOT_FOUND', '没有这个文书：下载链接由 GraphQL 的 documents 字段给出 (no such document; links come from the documents fields)'),
  );
  app.use('/documents', router);
}
