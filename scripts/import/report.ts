import { COLUMNS, KIND_LABELS, type ColumnMap } from './columns';
import { line, type OutputStream } from './io';
import type { RowProblem } from './rows';

/** One line per problem: 第 3 行 (row 3) · 统一社会信用代码: … */
export function formatProblem(problem: RowProblem): string {
  const where = `第 ${problem.rowNumber} 行 (row ${problem.rowNumber})`;
  return problem.column ? `  ${where} · ${problem.column}: ${problem.message}` : `  ${where}: ${problem.message}`;
}

/** The refusal report: how many rows are wrong, then every problem of every row. */
export function printProblems(stream: OutputStream, problems: readonly RowProblem[], file: string): void {
  const rows = new Set(problems.map((problem) => problem.rowNumber)).size;
  line(stream, `${file}：${rows} 行有问题，未导入任何数据 (${rows} row${rows === 1 ? '' : 's'} with problems; nothing was imported):`);
  for (const problem of problems) line(stream, formatProblem(problem));
}

/** The columns a file lacks, with every header that would do. */
export function printMissingColumns(stream: OutputStream, map: ColumnMap): void {
  line(stream, `缺少必填列 (missing required columns): ${map.missing.map((spec) => `${spec.header} / ${spec.field}`).join('、')}`);
  line(stream, `${KIND_LABELS[map.kind]}的表头应为 (expected headers): ${COLUMNS[map.kind].map((spec) => spec.header).join(', ')}`);
  line(stream, '可用 npm run import -- --template ' + map.kind + ' > 模板.xlsx 获取模板 (get a template with --template)');
}
