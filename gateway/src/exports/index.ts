import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import { currentYear } from '../portal/format';
import { ApiRefusedError, ApiUnavailableError } from '../portal/graphql-client';
import { BadParameterError, parseDivision, parseYear } from '../portal/params';
import { rateLimit, type RateLimitOptions } from '../rate-limit';
import type { SiteContext } from '../site-context';
import { requireExportRole } from './access';
import { readPublishedResults, resultsCsv, resultsSheet } from './results';
import { readStats, statsCsv, statsSheet } from './stats';
import { xlsxWorkbook } from './xlsx';

export interface ExportOptions {
  /** Overrides the per-client limit (tests use a tiny one). */
  rateLimit?: RateLimitOptions;
}

/** Each download reads a whole year through the API: a BI tool's burst passes, a sustained flood waits a second per file. */
export const EXPORT_RATE_LIMIT = { capacity: 60, refillPerSecond: 1 } as const;

function sendError(res: Response, status: number, code: string, message: string): void {
  res.setHeader('Cache-Control', 'no-store');
  res.status(status).json({ error: { code, message } });
}

function sendCsv(res: Response, filename: string, body: string): void {
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.type('text/csv; charset=utf-8; header=present').send(body);
}

function sendXlsx(res: Response, filename: string, body: Buffer): void {
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(body);
}

/** Turns a failure into a JSON answer a BI tool's log can show; the caller's data never leaks into it. */
function failure(site: SiteContext, req: Request, res: Response, error: unknown): void {
  if (error instanceof BadParameterError) return sendError(res, 400, 'BAD_REQUEST', error.message);
  if (error instanceof ApiRefusedError) {
    const status = error.code === 'BAD_USER_INPUT' ? 400 : error.code === 'UNAUTHENTICATED' ? 401 : 403;
    return sendError(res, status, error.code, error.message);
  }
  if (error instanceof ApiUnavailableError) {
    site.logger.warn({ err: error, cause: error.cause, path: req.path }, 'export: API unavailable');
    res.setHeader('Retry-After', '30');
    return sendError(res, 503, 'UNAVAILABLE', '数据服务暂时不可用，请稍后重试 (the data service is unavailable; try again later)');
  }
  site.logger.error({ err: error, path: req.path }, 'export failed');
  sendError(res, 500, 'INTERNAL_SERVER_ERROR', '导出失败，请稍后重试或联系管理员 (the export failed)');
}

/**
 * 数据导出 — CSV files for BI tools and the same tables as Excel workbooks, behind a token:
 *   GET /export/results.csv|.xlsx?year=YYYY[&division=ZA]  published results, as the public sees them
 *   GET /export/stats.csv|.xlsx?year=YYYY                 inspectionStats per division and in total
 * Both read through the gateway's own /graphql with the caller's Authorization
 * header, so they can never show more than the caller could query.
 */
export function mountExports(app: Express, site: SiteContext, options: ExportOptions = {}): void {
  const handle =
    (run: (req: Request, res: Response) => Promise<void>): RequestHandler =>
    async (req, res) => {
      try {
        await run(req, res);
      } catch (error) {
        failure(site, req, res, error);
      }
    };

  const router = express.Router();
  router.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  router.use(rateLimit({ ...EXPORT_RATE_LIMIT, ...options.rateLimit }));
  router.use(requireExportRole(site));

  for (const format of ['csv', 'xlsx'] as const) {
    router.get(
      `/results.${format}`,
      handle(async (req, res) => {
        const year = parseYear(req.query.year, currentYear());
        const division = parseDivision(req.query.division);
        const results = await readPublishedResults(site.graphqlUrl(), year, division, { authorization: req.header('authorization') });
        const name = `ssj-results-${year}${division ? `-${division}` : ''}.${format}`;
        if (format === 'csv') sendCsv(res, name, resultsCsv(results));
        else sendXlsx(res, name, await xlsxWorkbook(resultsSheet(results)));
      }),
    );

    router.get(
      `/stats.${format}`,
      handle(async (req, res) => {
        const year = parseYear(req.query.year, currentYear());
        const rows = await readStats(site.graphqlUrl(), year, { authorization: req.header('authorization') });
        if (format === 'csv') sendCsv(res, `ssj-stats-${year}.csv`, statsCsv(rows));
        else sendXlsx(res, `ssj-stats-${year}.xlsx`, await xlsxWorkbook(statsSheet(rows)));
      }),
    );
  }

  router.use((_req, res) =>
    sendError(
      res,
      404,
      'NOT_FOUND',
      '没有这个导出文件：可用的是 /export/results.csv、/export/results.xlsx、/export/stats.csv 和 /export/stats.xlsx (no such export)',
    ),
  );
  app.use('/export', router);
}
