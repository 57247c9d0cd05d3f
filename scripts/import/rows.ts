import { inspectorProblems } from '../../subgraphs/division/src/inspectors/inspector-service';
import { TargetKind, TargetStatus } from '../../subgraphs/division/src/targets/target.entity';
import { checkTargetRow, type FieldProblem } from '../../subgraphs/division/src/targets/target-validation';
import { checkCreditClassRow } from '../../subgraphs/joint/src/credit/credit-class-validation';
import { headerOf, type ColumnMap } from './columns';
import type { Cell, Sheet, SheetRow } from './sheet';
import { isExampleRow } from './template';
import { choiceOf, CREDIT_RISK_CLASSES, dateOf, flagOf, listOf, TARGET_KINDS, TARGET_STATUSES, textOf } from './values';

/** What is wrong with one spreadsheet row, named the way the clerk sees the sheet. */
export interface RowProblem {
  /** The row number Excel shows: the header is row 1. */
  rowNumber: number;
  /** The column header as the file writes it. */
  column: string | null;
  code: string;
  message: string;
}

/** A row ready to send, with the spreadsheet row it came from. */
export interface PreparedRow<T> {
  rowNumber: number;
  input: T;
}

export interface Preparation<T> {
  rows: Array<PreparedRow<T>>;
  problems: RowProblem[];
}

/** TargetInput as the API takes it. */
export interface TargetRowInput {
  uscc: string;
  name: string;
  kind: TargetKind;
  scope: string;
  address: string;
  categories: string[];
  status?: TargetStatus;
}

/** InspectorInput as the API takes it. */
export interface InspectorRowInput {
  id: string;
  name: string;
  unit: string;
  position: string;
  expertise: string[];
  certificateNo: string;
  certificateValidUntil: string;
  active?: boolean;
}

/** CreditClassInput as the API takes it. */
export interface CreditClassRowInput {
  uscc: string;
  riskClass: string;
  source: string;
  assessedOn: string;
}

function cellReader(map: ColumnMap, row: SheetRow): (field: string) => Cell | undefined {
  return (field) => {
    const column = map.columns.get(field);
    return column === undefined ? undefined : (row.cells[column.index] ?? null);
  };
}

class ProblemList {
  readonly items: RowProblem[] = [];
  constructor(private readonly map: ColumnMap) {}

  add(rowNumber: number, field: string | null, code: string, message: string): void {
    this.items.push({ rowNumber, column: headerOf(this.map, field), code, message });
  }

  addAll(rowNumber: number, problems: FieldProblem[]): void {
    for (const problem of problems) this.add(rowNumber, problem.field, problem.code, problem.message);
  }

  has(rowNumber: number): boolean {
    return this.items.some((problem) => problem.rowNumber === rowNumber);
  }

  /** Row by row, each row's problems in column order. */
  sorted(): RowProblem[] {
    const order = (column: string | null) => (column === null ? -1 : ([...this.map.columns.values()].find((entry) => entry.header === column)?.index ?? 999));
    return [...this.items].sort((a, b) => a.rowNumber - b.rowNumber || order(a.column) - order(b.column));
  }
}

const EXAMPLE_MESSAGE = "这是模板中的示例行，请删除后再导入 (this is the template's example row; delete it before importing)";

/** Remembers the first row of each key, to name it when the key comes again. */
class FirstSeen {
  private readonly rows = new Map<string, number>();
  earlier(key: string, rowNumber: number): number | undefined {
    if (key === '') return undefined;
    const earlier = this.rows.get(key);
    if (earlier === undefined) this.rows.set(key, rowNumber);
    return earlier;
  }
}

/**
 * Reads 检查对象 rows and checks each one with the rules the server applies
 * (`checkTargetRow`), plus what only the whole file shows: the same USCC twice.
 * `categories` is the division's item categories, or null when they could not be
 * fetched (a dry run without the gateway): then only their form is checked.
 */
export function prepareTargets(sheet: Sheet, map: ColumnMap, categories: ReadonlySet<string> | null): Preparation<TargetRowInput> {
  const problems = new ProblemList(map);
  const rows: Array<PreparedRow<TargetRowInput>> = [];
  const seen = new FirstSeen();
  for (const row of sheet.rows) {
    const cell = cellReader(map, row);
    const { rowNumber } = row;
    if (isExampleRow('targets', cell)) {
      problems.add(rowNumber, null, 'EXAMPLE_ROW', EXAMPLE_MESSAGE);
      continue;
    }
    const kind = choiceOf(cell('kind') ?? null, '类型', TARGET_KINDS);
    if (!kind.ok) problems.add(rowNumber, 'kind', 'INVALID_VALUE', kind.message);
    const statusCell = cell('status') ?? null;
    const status = textOf(statusCell) === '' ? null : choiceOf(statusCell, '状态', TARGET_STATUSES);
    if (status && !status.ok) problems.add(rowNumber, 'status', 'INVALID_VALUE', status.message);
    const listed = listOf(cell('categories') ?? null);
    const draft = {
      uscc: textOf(cell('uscc') ?? null),
      name: textOf(cell('name') ?? null),
      // A kind or status already reported above is replaced by a valid one, so it is not reported twice.
      kind: kind.ok ? (kind.value as TargetKind) : TargetKind.OTHER,
      scope: textOf(cell('scope') ?? null),
      address: textOf(cell('address') ?? null),
      categories: listed,
      status: status?.ok ? (status.value as TargetStatus) : null,
    };
    const { value, problems: found } = checkTargetRow(draft, categories ?? new Set(listed));
    const numeric = typeof cell('uscc') === 'number';
    problems.addAll(
      rowNumber,
      found.map((problem) =>
        problem.field === 'uscc' && numeric
          ? {
              ...problem,
              message: `${problem.message}；该单元格是数字格式，Excel 可能已改动了代码，请将该列设为文本后重新输入 (the cell holds a number, which Excel may have altered; format the column as text)`,
            }
          : problem,
      ),
    );
    const uscc = draft.uscc.toUpperCase();
    const earlier = seen.earlier(uscc, rowNumber);
    if (earlier !== undefined)
      problems.add(rowNumber, 'uscc', 'DUPLICATE_ROW', `统一社会信用代码 ${uscc} 与第 ${earlier} 行重复 (same USCC as row ${earlier})`);
    if (value && !problems.has(rowNumber)) {
      const { uscc: code, name, kind: entryKind, scope, address, categories: entryCategories, status: entryStatus } = value;
      rows.push({
        rowNumber,
        input: { uscc: code, name, kind: entryKind, scope, address, categories: entryCategories, ...(entryStatus ? { status: entryStatus } : {}) },
      });
    }
  }
  return { rows, problems: problems.sorted() };
}

/**
 * Reads 执法检查人员 rows with the server's rules (`inspectorProblems`), plus ids and
 * certificate numbers repeated in the file, and certificate numbers the directory
 * already holds under another id (`holders`, certificate → inspector id, when known).
 */
export function prepareInspectors(sheet: Sheet, map: ColumnMap, holders: ReadonlyMap<string, string> | null): Preparation<InspectorRowInput> {
  const problems = new ProblemList(map);
  const rows: Array<PreparedRow<InspectorRowInput>> = [];
  const ids = new FirstSeen();
  const certificates = new FirstSeen();
  for (const row of sheet.rows) {
    const cell = cellReader(map, row);
    const { rowNumber } = row;
    if (isExampleRow('inspectors', cell)) {
      problems.add(rowNumber, null, 'EXAMPLE_ROW', EXAMPLE_MESSAGE);
      continue;
    }
    const validUntil = dateOf(cell('certificateValidUntil') ?? null, '执法证有效期至');
    if (!validUntil.ok) problems.add(rowNumber, 'certificateValidUntil', 'INVALID_DATE', validUntil.message);
    const active = flagOf(cell('active') ?? null, '在岗');
    if (!active.ok) problems.add(rowNumber, 'active', 'INVALID_VALUE', active.message);
    const input: InspectorRowInput = {
      id: textOf(cell('id') ?? null).toUpperCase(),
      name: textOf(cell('name') ?? null),
      unit: textOf(cell('unit') ?? null),
      position: textOf(cell('position') ?? null),
      expertise: [...new Set(listOf(cell('expertise') ?? null))],
      certificateNo: textOf(cell('certificateNo') ?? null),
      certificateValidUntil: validUntil.ok ? validUntil.value : '',
      ...(active.ok && active.value !== null ? { active: active.value } : {}),
    };
    problems.addAll(rowNumber, inspectorProblems(input));
    const earlierId = ids.earlier(input.id, rowNumber);
    if (earlierId !== undefined) problems.add(rowNumber, 'id', 'DUPLICATE_ROW', `人员编号 ${input.id} 与第 ${earlierId} 行重复 (same id as row ${earlierId})`);
    const earlierCertificate = certificates.earlier(input.certificateNo, rowNumber);
    if (earlierCertificate !== undefined) {
      problems.add(
        rowNumber,
        'certificateNo',
        'DUPLICATE_ROW',
        `执法证号 ${input.certificateNo} 与第 ${earlierCertificate} 行重复 (same certificate as row ${earlierCertificate})`,
      );
    }
    const holder = holders?.get(input.certificateNo);
    if (holder !== undefined && holder !== input.id) {
      problems.add(
        rowNumber,
        'certificateNo',
        'DUPLICATE_CERTIFICATE',
        `执法证号 ${input.certificateNo} 已登记在 ${holder} 名下 (certificate already belongs to ${holder})`,
      );
    }
    if (!problems.has(rowNumber)) rows.push({ rowNumber, input });
  }
  return { rows, problems: problems.sorted() };
}

/**
 * Reads 企业信用风险分类 rows with the server's rules (`checkCreditClassRow`,
 * `today` being the date in Shanghai), plus what only the whole file shows: the
 * same USCC twice (a sheet gives one class per entity).
 */
export function prepareCreditClasses(sheet: Sheet, map: ColumnMap, today: string): Preparation<CreditClassRowInput> {
  const problems = new ProblemList(map);
  const rows: Array<PreparedRow<CreditClassRowInput>> = [];
  const seen = new FirstSeen();
  for (const row of sheet.rows) {
    const cell = cellReader(map, row);
    const { rowNumber } = row;
    if (isExampleRow('credit-classes', cell)) {
      problems.add(rowNumber, null, 'EXAMPLE_ROW', EXAMPLE_MESSAGE);
      continue;
    }
    const riskClass = choiceOf(cell('riskClass') ?? null, '信用风险分类', CREDIT_RISK_CLASSES);
    if (!riskClass.ok) problems.add(rowNumber, 'riskClass', 'INVALID_VALUE', riskClass.message);
    const assessedOn = dateOf(cell('assessedOn') ?? null, '分类日期');
    if (!assessedOn.ok) problems.add(rowNumber, 'assessedOn', 'INVALID_DATE', assessedOn.message);
    const draft = {
      uscc: textOf(cell('uscc') ?? null),
      // A class or date already reported above is replaced by a valid one, so it is not reported twice.
      riskClass: riskClass.ok ? riskClass.value : 'B',
      source: textOf(cell('source') ?? null),
      assessedOn: assessedOn.ok ? assessedOn.value : today,
    };
    const { value, problems: found } = checkCreditClassRow(draft, today);
    problems.addAll(
      rowNumber,
      found.map((problem) =>
        problem.field === 'uscc' && typeof cell('uscc') === 'number'
          ? {
              ...problem,
              message: `${problem.message}；该单元格是数字格式，Excel 可能已改动了代码，请将该列设为文本后重新输入 (the cell holds a number, which Excel may have altered; format the column as text)`,
            }
          : problem,
      ),
    );
    const uscc = draft.uscc.toUpperCase();
    const earlier = seen.earlier(uscc, rowNumber);
    if (earlier !== undefined)
      problems.add(rowNumber, 'uscc', 'DUPLICATE_ROW', `统一社会信用代码 ${uscc} 与第 ${earlier} 行重复，每个主体只能有一行 (same USCC as row ${earlier})`);
    if (value && !problems.has(rowNumber)) rows.push({ rowNumber, input: { ...value } });
  }
  return { rows, problems: problems.sorted() };
}
