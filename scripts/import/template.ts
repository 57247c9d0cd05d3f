import ExcelJS from 'exceljs';
import { withUsccCheckCharacter } from '../../common/uscc';
import { COLUMNS, type ImportKind } from './columns';
import { textOf } from './values';
import type { Cell } from './sheet';

/**
 * The one example row of each template. A clerk who fills the template in below it
 * and forgets to delete it would import a made-up entry, so the import recognises
 * this exact row and refuses it.
 */
export const EXAMPLE_ROWS: Record<ImportKind, Record<string, string | Date>> = {
  targets: {
    uscc: withUsccCheckCharacter('91411000MA0000001'),
    name: '示例：许昌市某某宾馆有限公司',
    kind: '企业',
    scope: '住宿服务；餐饮服务',
    address: '许昌市魏都区示例路1号',
    categories: '旅馆',
    status: '存续',
  },
  inspectors: {
    id: 'ZA-9999',
    name: '示例 张三',
    unit: '治安管理支队行业场所管理大队',
    position: '民警',
    expertise: '特种行业管理、娱乐场所管理',
    certificateNo: '豫公执字411000000000',
    certificateValidUntil: new Date(Date.UTC(2028, 11, 31)),
    active: '是',
  },
  'credit-classes': {
    uscc: withUsccCheckCharacter('91411000MA0000002'),
    riskClass: 'B',
    source: '示例：许昌市市场监督管理局2026年第三季度企业信用风险分类结果',
    assessedOn: new Date(Date.UTC(2026, 8, 30)),
  },
};

const SHEET_NAMES: Record<ImportKind, string> = { targets: '检查对象', inspectors: '执法检查人员', 'credit-classes': '企业信用风险分类' };

/** True when a row's cells are the template's example, field for field. */
export function isExampleRow(kind: ImportKind, cellOf: (field: string) => Cell | undefined): boolean {
  return Object.entries(EXAMPLE_ROWS[kind]).every(([field, example]) => {
    const cell = cellOf(field);
    return cell === undefined || textOf(cell) === textOf(example);
  });
}

/** An empty directory workbook: the data sheet with headers and the example row, then a sheet of instructions. */
export async function templateXlsx(kind: ImportKind): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '双随机联合监管';
  const sheet = workbook.addWorksheet(SHEET_NAMES[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns = COLUMNS[kind];
  sheet.columns = columns.map((spec) => ({
    header: spec.header,
    key: spec.field,
    width: Math.max(
      12,
      spec.header.length * 2 + 4,
      spec.field === 'scope' || spec.field === 'name' || spec.field === 'address' || spec.field === 'source' ? 30 : 0,
    ),
    // USCCs and certificate numbers are text: as numbers Excel would round their last digits.
    style:
      spec.field === 'uscc' || spec.field === 'certificateNo' || spec.field === 'id'
        ? { numFmt: '@' }
        : spec.field === 'certificateValidUntil' || spec.field === 'assessedOn'
          ? { numFmt: 'yyyy-mm-dd' }
          : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(EXAMPLE_ROWS[kind]);
  if (kind === 'targets') {
    // Drop-down lists for the two closed columns; exceljs types the per-cell form only, the range form is in its runtime.
    const validations = (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
    validations.add('C2:C10000', { type: 'list', allowBlank: false, formulae: ['"企业,个体工商户,农民专业合作社,其他"'] });
    validations.add('G2:G10000', { type: 'list', allowBlank: true, formulae: ['"存续,已关闭停业,注销,被吊销,迁出"'] });
  }
  if (kind === 'credit-classes') {
    const validations = (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
    validations.add('B2:B100000', { type: 'list', allowBlank: false, formulae: ['"A,B,C,D"'] });
  }

  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '列 (column)', key: 'header', width: 18 },
    { header: '必填 (required)', key: 'required', width: 14 },
    { header: '英文列名 (English header)', key: 'field', width: 24 },
    { header: '说明 (notes)', key: 'hint', width: 60 },
  ];
  help.getRow(1).font = { bold: true };
  for (const spec of columns) help.addRow({ header: spec.header, required: spec.required ? '是' : '否', field: spec.field, hint: spec.hint });
  help.addRow({});
  help.addRow({ header: '提示', hint: `第2行是示例，导入前请删除。数据只填在第一个工作表“${SHEET_NAMES[kind]}”中；第1行为表头。` });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The same template as CSV, UTF-8 with a byte-order mark so Excel opens the Chinese correctly. */
export function templateCsv(kind: ImportKind): Buffer {
  const columns = COLUMNS[kind];
  const lines = [columns.map((spec) => csvField(spec.header)), columns.map((spec) => csvField(textOf(EXAMPLE_ROWS[kind][spec.field] ?? null)))];
  return Buffer.from(`\ufeff${lines.map((fields) => fields.join(',')).join('\r\n')}\r\n`, 'utf8');
}
