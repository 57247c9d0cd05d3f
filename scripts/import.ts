/**
 * 名录库导入 — loads a division's target directory (检查对象名录库) or inspector
 * directory (执法检查人员名录库) from the spreadsheet the division keeps, or the
 * market regulator's credit-risk classes (企业信用风险分类) into the joint office:
 *
 *   npm run import -- --division ZA --file 检查对象.xlsx [--dry-run]
 *   npm run import -- --file 信用风险分类.xlsx [--dry-run]
 *   npm run import -- --template targets > 模板.xlsx
 *
 * Every row is checked before anything is sent, with the same rules the server
 * applies, and a file with any bad row is refused whole, naming each row as Excel
 * numbers it. Rows are upserted by USCC / inspector id, so running the same file
 * again — after an interruption, or by mistake — changes nothing.
 *
 * Exit status: 0 imported (or a clean dry run), 1 bad rows (nothing sent, or the
 * server refused a batch), 2 usage, file or connection error.
 */
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { checkDivision, parseArgs, USAGE, UsageError, type ImportCommand, type TemplateCommand } from './import/args';
import { batchesOf, DEFAULT_LIMITS } from './import/batches';
import { GatewayClient, GatewayError } from './import/client';
import { missingTokenMessage, resolveConnection } from './import/connection';
import { detectKind, headerOf, isDirectoryKind, mapColumns, type ImportKind } from './import/columns';
import { shanghaiDate } from '../common/dates';
import { EXIT, line, processIo, type ImportIo } from './import/io';
import { writeOverNpmBanner } from './import/npm-banner';
import { Progress } from './import/progress';
import { printMissingColumns, printProblems } from './import/report';
import { prepareCreditClasses, prepareInspectors, prepareTargets, type Preparation, type RowProblem } from './import/rows';
import { FileError, readSheet, type Sheet } from './import/sheet';
import { templateCsv, templateXlsx } from './import/template';

const KIND_NAMES: Record<ImportKind, string> = {
  targets: '检查对象 (targets)',
  inspectors: '执法检查人员 (inspectors)',
  'credit-classes': '企业信用风险分类 (credit-risk classes)',
};

async function writeTemplate(command: TemplateCommand, io: ImportIo): Promise<number> {
  const bytes = command.format === 'csv' ? templateCsv(command.kind) : await templateXlsx(command.kind);
  if (command.out) {
    await writeFile(command.out, bytes);
    line(io.stderr, `已写入模板 ${command.out} (template written)`);
    return EXIT.OK;
  }
  if (io.stdout.isTTY && command.format === 'xlsx') {
    throw new UsageError(
      '模板是二进制文件，请重定向到文件：npm run import -- --template targets > 模板.xlsx，或用 --out (redirect the template to a file, or use --out)',
    );
  }
  if (io.stdout === process.stdout && writeOverNpmBanner(bytes)) return EXIT.OK;
  io.stdout.write(bytes);
  return EXIT.OK;
}

/** Reads what the rows are checked against from the gateway; a dry run goes on without it when the gateway is not there. */
async function serverFacts(command: ImportCommand, kind: ImportKind, client: GatewayClient, io: ImportIo) {
  // A credit-class row is checked by its own cells alone.
  if (!isDirectoryKind(kind) || command.division === null) return { categories: null, holders: null };
  try {
    if (kind === 'targets') return { categories: await client.categories(command.division), holders: null };
    return { categories: null, holders: command.token ? await client.certificateHolders(command.division) : null };
  } catch (error) {
    if (command.dryRun && error instanceof GatewayError && error.reason === 'unreachable') {
      line(io.stderr, `提示：${error.message}`);
      line(
        io.stderr,
        kind === 'targets'
          ? '未核对类别是否在本部门抽查事项清单中 (categories were not checked against the item list)'
          : '未核对执法证号是否已被他人使用 (certificates were not checked against the directory)',
      );
      return { categories: null, holders: null };
    }
    throw error;
  }
}

function prepare(
  sheet: Sheet,
  kind: ImportKind,
  facts: Awaited<ReturnType<typeof serverFacts>>,
  map: ReturnType<typeof mapColumns>,
  io: ImportIo,
): Preparation<unknown> {
  if (kind === 'credit-classes') return prepareCreditClasses(sheet, map, shanghaiDate(new Date(io.now())));
  return kind === 'targets' ? prepareTargets(sheet, map, facts.categories) : prepareInspectors(sheet, map, facts.holders);
}

async function runImport(given: ImportCommand, io: ImportIo): Promise<number> {
  // The file first: its headers say what it is, and so whose token the rows need.
  const sheet = await readSheet(given.file);
  const kind = given.kind ?? detectKind(sheet.headers);
  if (!kind) {
    // Without a kind, a missing --division is still the first thing to fix.
    checkDivision('targets', given.division);
    line(
      io.stdout,
      `无法从表头判断是检查对象、执法检查人员还是企业信用风险分类，请用 --kind 指定 (cannot tell the kind from the headers; use --kind): ${sheet.headers.join(', ')}`,
    );
    return EXIT.BAD_ROWS;
  }
  checkDivision(kind, given.division);
  const connection = await resolveConnection(given, kind, io.env);
  if (!given.dryRun && !connection.token) throw new UsageError(missingTokenMessage(given, kind, io.env));
  const command: ImportCommand = { ...given, gateway: connection.gateway, token: connection.token };
  for (const note of connection.notes) line(io.stderr, note);
  const map = mapColumns(sheet.headers, kind);
  if (map.repeated.length > 0) {
    line(io.stdout, `表头重复 (a column appears twice): ${map.repeated.join('；')}`);
    return EXIT.BAD_ROWS;
  }
  if (map.missing.length > 0) {
    printMissingColumns(io.stdout, map);
    return EXIT.BAD_ROWS;
  }
  if (map.unknown.length > 0) line(io.stderr, `忽略未识别的列 (ignored columns): ${map.unknown.join(', ')}`);
  if (sheet.rows.length === 0) {
    line(io.stdout, `${command.file} 没有数据行（第1行为表头，数据从第2行开始）(no data rows below the header)`);
    return EXIT.BAD_ROWS;
  }
  const encoding = sheet.encoding ? `，编码 ${sheet.encoding.toUpperCase()}` : '';
  line(io.stderr, `读取 ${command.file}：${KIND_NAMES[kind]}，${sheet.rows.length} 行${encoding} (${sheet.rows.length} data rows)`);

  const client = new GatewayClient(connection.gateway, connection.token, connection.unreachableHint);
  const facts = await serverFacts(command, kind, client, io);
  const { rows, problems } = prepare(sheet, kind, facts, map, io);
  if (problems.length > 0) {
    printProblems(io.stdout, problems, command.file);
    return EXIT.BAD_ROWS;
  }
  if (command.dryRun) {
    line(io.stdout, `检查通过：${rows.length} 行均可导入，未提交任何数据 (dry run: all ${rows.length} rows are valid; nothing was sent)`);
    return EXIT.OK;
  }
  return sendBatches(command, kind, rows, map, client, io);
}

async function sendBatches(
  command: ImportCommand,
  kind: ImportKind,
  rows: Preparation<unknown>['rows'],
  map: ReturnType<typeof mapColumns>,
  client: GatewayClient,
  io: ImportIo,
): Promise<number> {
  const batches = batchesOf(rows, { ...DEFAULT_LIMITS, maxRows: command.batchSize });
  line(
    io.stderr,
    `开始导入到 ${command.division ?? '联合办公室'}：${rows.length} 行，分 ${batches.length} 批 (importing ${rows.length} rows in ${batches.length} batch${batches.length === 1 ? '' : 'es'})`,
  );
  const progress = new Progress(io.stderr, rows.length, io.now);
  const totals = { created: 0, updated: 0, unchanged: 0 };
  const notices: RowProblem[] = [];
  let sent = 0;
  for (const [index, batch] of batches.entries()) {
    const report = await client
      .importRows(
        kind,
        command.division,
        batch.map((row) => row.input),
      )
      .catch((error: unknown) => {
        progress.finish();
        if (sent > 0)
          line(
            io.stderr,
            `已导入的前 ${sent} 行已保存；问题解决后重新运行即可，已导入的行会显示为未变化 (the first ${sent} rows were saved; re-run once fixed — they will count as unchanged)`,
          );
        throw error;
      });
    if (report.rejected > 0 || report.accepted !== batch.length) {
      progress.finish();
      // The server numbers rows within the call; name them as the spreadsheet does.
      const refused: RowProblem[] = report.errors.map((error) => ({
        rowNumber: batch[error.row - 1]?.rowNumber ?? error.row,
        column: headerOf(map, error.field),
        code: error.code,
        message: error.message,
      }));
      line(io.stdout, `服务器拒绝了第 ${index + 1} 批 (the server refused batch ${index + 1} of ${batches.length}):`);
      printProblems(io.stdout, refused, command.file);
      if (sent > 0)
        line(
          io.stdout,
          `此前 ${index} 批共 ${sent} 行已导入；修正后重新运行整个文件即可，已导入的行不会重复 (the ${sent} rows of earlier batches were imported; fix and re-run the whole file — they will count as unchanged)`,
        );
      return EXIT.BAD_ROWS;
    }
    totals.created += report.created;
    totals.updated += report.updated;
    totals.unchanged += report.unchanged;
    for (const warning of report.warnings ?? [])
      notices.push({
        rowNumber: batch[warning.row - 1]?.rowNumber ?? warning.row,
        column: headerOf(map, warning.field),
        code: warning.code,
        message: warning.message,
      });
    sent += batch.length;
    progress.advance(batch.length);
  }
  progress.finish();
  line(
    io.stdout,
    `导入完成：共 ${sent} 行，新增 ${totals.created}，更新 ${totals.updated}，未变化 ${totals.unchanged} (imported ${sent} rows: ${totals.created} created, ${totals.updated} updated, ${totals.unchanged} unchanged)`,
  );
  if (notices.length > 0) {
    line(io.stdout, `请注意以下 ${notices.length} 行（已导入）(${notices.length} imported rows worth a look):`);
    for (const notice of notices) line(io.stdout, `  第 ${notice.rowNumber} 行${notice.column ? `「${notice.column}」` : ''}：${notice.message}`);
  }
  return EXIT.OK;
}

export async function main(argv: readonly string[], partialIo: Partial<ImportIo> = {}): Promise<number> {
  const io: ImportIo = { ...processIo(), ...partialIo };
  try {
    const command = parseArgs(argv, io.env);
    if (command.command === 'help') {
      line(io.stdout, USAGE);
      return EXIT.OK;
    }
    if (command.command === 'template') return await writeTemplate(command, io);
    return await runImport(command, io);
  } catch (error) {
    if (error instanceof UsageError) {
      line(io.stderr, `错误 (error): ${error.message}`);
      line(io.stderr, USAGE);
      return EXIT.USAGE;
    }
    if (error instanceof FileError || error instanceof GatewayError) {
      line(io.stderr, `错误 (error): ${error.message}`);
      return EXIT.USAGE;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 2;
    },
  );
}
