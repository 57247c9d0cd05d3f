import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express, { type RequestHandler, type Router } from 'express';
import { bodyErrors, jsonError } from '../../../common/http-errors';
import { hasRole, type Viewer } from '../../../common/viewer';
import { GatewayClient } from '../../../scripts/import/client';
import { COLUMNS, KIND_LABELS, mapColumns } from '../../../scripts/import/columns';
import { prepareInspectors, prepareTargets, type Preparation } from '../../../scripts/import/rows';
import { FileError, readSheet } from '../../../scripts/import/sheet';
import { templateXlsx } from '../../../scripts/import/template';
import { AuthError } from '../auth';
import type { SiteContext } from '../site-context';

/** A directory of some ten thousand rows is about 2 MB as .xlsx; CSV less. */
export const SPREADSHEET_MAX_BYTES = 10 * 1024 * 1024;

type DirectoryKind = 'targets' | 'inspectors';

/** One problem of the file, as the spreadsheet names it: the row Excel shows (the header is row 1) and the column. */
export interface SpreadsheetProblem {
  row: number;
  /** The API field (TargetInput / InspectorInput), null for a problem of the whole row or file. */
  field: string | null;
  /** The column header as the file writes it. */
  column: string | null;
  code: string;
  message: string;
}

/** What the workbench gets back: the inputs ready for importTargets / importInspectors, and what was wrong. */
export interface SpreadsheetAnswer {
  kind: DirectoryKind;
  rows: unknown[];
  /** The spreadsheet row of each input, in the same order: the API numbers rows within one call. */
  rowNumbers: number[];
  errors: SpreadsheetProblem[];
  /** Headers that name no column: ignored, but shown so a typo does not go unnoticed. */
  ignoredColumns: string[];
}

function kindOf(value: unknown): DirectoryKind | null {
  return value === 'targets' || value === 'inspectors' ? value : null;
}

/** The extension the import's reader decides by; the browser names the file in `?name=`. */
function extensionOf(name: unknown, bytes: Buffer): '.xlsx' | '.csv' {
  if (typeof name === 'string' && /\.(xlsx|xlsm)$/i.test(name)) return '.xlsx';
  if (typeof name === 'string' && /\.csv$/i.test(name)) return '.csv';
  return bytes[0] === 0x50 && bytes[1] === 0x4b ? '.xlsx' : '.csv';
}

/** The command-line import's reader (scripts/import/sheet.ts) reads files; the upload waits in a private folder for it. */
async function readUpload(bytes: Buffer, name: unknown) {
  const dir = await mkdtemp(join(tmpdir(), 'ssj-spreadsheet-'));
  try {
    const file = join(dir, `upload${extensionOf(name, bytes)}`);
    await writeFile(file, bytes, { mode: 0o600 });
    return await readSheet(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * What the rows are checked against, read as the caller through the gateway's own
 * GraphQL endpoint, as `npm run import` does: the item list's categories, or who
 * holds each 执法证. When that fails the rows are still checked by their own
 * cells; importTargets / importInspectors check the rest.
 */
async function serverFacts(site: Pick<SiteContext, 'graphqlUrl'>, kind: DirectoryKind, division: string, authorization: string) {
  const client = new GatewayClient(site.graphqlUrl(), authorization.replace(/^Bearer\s+/i, ''));
  try {
    if (kind === 'targets') return { categories: await client.categories(division), holders: null };
    return { categories: null, holders: await client.certificateHolders(division) };
  } catch {
    return { categories: null, holders: null };
  }
}

/**
 * 表格导入 for the workbench:
 *   POST /workbench/api/spreadsheet?kind=targets|inspectors&name=<file name>   body: the .xlsx or .csv file
 *   GET  /workbench/api/spreadsheet/template?kind=targets|inspectors           the import's template
 * The upload is read and checked with the command-line import's own reader and
 * rules (scripts/import); nothing is written: the workbench sends the rows to
 * importTargets / importInspectors itself, in batches, as the division's administrator.
 */
export function spreadsheetRouter(site: Pick<SiteContext, 'verifyToken' | 'graphqlUrl'>, maxBytes = SPREADSHEET_MAX_BYTES): Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'private, no-store');
    next();
  });

  const administratorOnly: RequestHandler = async (req, res, next) => {
    let viewer: Viewer | null;
    try {
      viewer = await site.verifyToken(req.header('authorization'));
    } catch (error) {
      return jsonError(res, 401, 'UNAUTHENTICATED', error instanceof AuthError ? error.message : '身份验证失败 (authentication failed)');
    }
    if (!viewer) return jsonError(res, 401, 'UNAUTHENTICATED', '导入表格需要登录 (sign in to import a spreadsheet)');
    if (!hasRole(viewer, 'division_admin') || !viewer.division)
      return jsonError(res, 403, 'FORBIDDEN', '只有部门管理员可以导入名录表格 (only a division administrator imports directory spreadsheets)');
    const declared = Number(req.header('content-length') ?? 0);
    if (declared > maxBytes) {
      res.setHeader('Connection', 'close');
      return jsonError(res, 413, 'PAYLOAD_TOO_LARGE', `文件超过 ${Math.floor(maxBytes / 1024 / 1024)} MB 上限 (the file is larger than the limit)`);
    }
    res.locals.viewer = viewer;
    next();
  };

  router.get('/template', async (req, res, next) => {
    try {
      const kind = kindOf(req.query.kind);
      if (!kind) return jsonError(res, 400, 'BAD_REQUEST', 'kind 须为 targets 或 inspectors (kind must be targets or inspectors)');
      const bytes = await templateXlsx(kind);
      res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${KIND_LABELS[kind]}导入模板.xlsx`)}`);
      res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(bytes);
    } catch (error) {
      next(error);
    }
  });

  router.post('/', administratorOnly, express.raw({ type: () => true, limit: maxBytes }), async (req, res, next) => {
    try {
      const viewer = res.locals.viewer as Viewer;
      const kind = kindOf(req.query.kind);
      if (!kind) return jsonError(res, 400, 'BAD_REQUEST', 'kind 须为 targets 或 inspectors (kind must be targets or inspectors)');
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (bytes.length === 0) return jsonError(res, 400, 'BAD_REQUEST', '没有收到文件 (no file was sent)');
      let sheet;
      try {
        sheet = await readUpload(bytes, req.query.name);
      } catch (error) {
        if (error instanceof FileError) return jsonError(res, 400, 'BAD_FILE', error.message);
        throw error;
      }
      const answer: SpreadsheetAnswer = { kind, rows: [], rowNumbers: [], errors: [], ignoredColumns: [] };
      const map = mapColumns(sheet.headers, kind);
      answer.ignoredColumns = map.unknown;
      const fileProblem = (field: string | null, code: string, message: string) =>
        answer.errors.push({ row: 1, field, column: field ? (COLUMNS[kind].find((spec) => spec.field === field)?.header ?? field) : null, code, message });
      for (const repeated of map.repeated) fileProblem(null, 'REPEATED_COLUMN', `表头重复：${repeated} (a column appears twice)`);
      for (const spec of map.missing) fileProblem(spec.field, 'MISSING_COLUMN', `缺少必填列「${spec.header}」(missing required column ${spec.field})`);
      if (answer.errors.length === 0 && sheet.rows.length === 0)
        fileProblem(null, 'NO_ROWS', '没有数据行（第1行为表头，数据从第2行开始）(no data rows below the header)');
      if (answer.errors.length > 0) return res.json(answer);

      const facts = await serverFacts(site, kind, viewer.division!, req.header('authorization')!);
      const prepared: Preparation<unknown> = kind === 'targets' ? prepareTargets(sheet, map, facts.categories) : prepareInspectors(sheet, map, facts.holders);
      answer.rows = prepared.rows.map((row) => row.input);
      answer.rowNumbers = prepared.rows.map((row) => row.rowNumber);
      const fieldOf = (column: string | null) =>
        column === null ? null : ([...map.columns.entries()].find(([, entry]) => entry.header === column)?.[0] ?? null);
      answer.errors = prepared.problems.map((problem) => ({
        row: problem.rowNumber,
        field: fieldOf(problem.column),
        column: problem.column,
        code: problem.code,
        message: problem.message,
      }));
      res.json(answer);
    } catch (error) {
      next(error);
    }
  });

  // A body over the limit sent without a Content-Length is cut off while read: 413 as well.
  router.use(bodyErrors(maxBytes));
  return router;
}
