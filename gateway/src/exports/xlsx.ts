/**
 * The same tables as the CSV files, as an Excel workbook: what an analyst opens
 * by double-click without any import step. Codes are text cells (number format
 * "@"), so an all-numeric 统一社会信用代码 keeps its 18 digits and stays text when
 * edited; numbers are numbers; text is never a formula (a workbook cell holds a
 * string value, so nothing needs defusing). An optional 说明 sheet explains the
 * columns.
 */
import ExcelJS from 'exceljs';
import type { CsvValue } from './csv';

export interface Sheet {
  name: string;
  header: readonly string[];
  rows: ReadonlyArray<readonly CsvValue[]>;
  /** Lines of the 说明 sheet. */
  notes?: readonly string[];
}

const TEXT = '@';

function cellValue(value: CsvValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return value.code;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return value;
}

export async function xlsxWorkbook(sheet: Sheet): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '双随机联合监管';
  const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.addRow([...sheet.header]).font = { bold: true };
  const codeColumns = new Set<number>();
  for (const values of sheet.rows) {
    const row = worksheet.addRow(values.map(cellValue));
    values.forEach((value, index) => {
      if (value !== null && typeof value === 'object') {
        row.getCell(index + 1).numFmt = TEXT;
        codeColumns.add(index + 1);
      }
    });
  }
  sheet.header.forEach((title, index) => {
    const column = worksheet.getColumn(index + 1);
    column.width = codeColumns.has(index + 1) ? 22 : Math.min(40, Math.max(10, [...title].length * 2 + 2));
    if (codeColumns.has(index + 1)) column.numFmt = TEXT;
  });
  if (sheet.notes?.length) {
    const notes = workbook.addWorksheet('说明');
    notes.getColumn(1).width = 120;
    for (const line of sheet.notes) notes.addRow([line]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
