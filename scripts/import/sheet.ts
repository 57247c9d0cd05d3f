import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { decodeText, type TextEncoding } from './encoding';

/** A cell as the import reads it: text, a number, a boolean, an Excel date, or empty. */
export type Cell = string | number | boolean | Date | null;

/** One row under the header, with the number Excel shows beside it. */
export interface SheetRow {
  rowNumber: number;
  cells: Cell[];
}

export interface Sheet {
  /** Row 1. */
  headers: string[];
  /** Rows 2 and on that hold anything; blank rows are left out, numbering is kept. */
  rows: SheetRow[];
  format: 'xlsx' | 'csv';
  encoding?: TextEncoding;
}

/** The file cannot be read as a spreadsheet at all (exit status 2). */
export class FileError extends Error {}

function isBlank(cell: Cell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

function fromExcel(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((run) => run.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return fromExcel((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('hyperlink' in value) return fromExcel((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
    if ('error' in value) return String((value as ExcelJS.CellErrorValue).error);
  }
  return String(value);
}

function headerText(cell: Cell): string {
  return cell === null ? '' : cell instanceof Date ? cell.toISOString() : String(cell).trim();
}

async function readXlsx(bytes: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new FileError(`无法读取 Excel 文件 (cannot read the .xlsx file): ${(error as Error).message}`);
  }
  // The data sheet is the first one; the template's instructions sheet comes after it.
  const worksheet = workbook.worksheets[0];
  if (!worksheet) throw new FileError('Excel 文件中没有工作表 (the workbook has no worksheet)');
  let headers: string[] = [];
  const rows: SheetRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: Cell[] = [];
    for (let column = 1; column < values.length; column++) cells.push(fromExcel(values[column]));
    if (rowNumber === 1) headers = cells.map(headerText);
    else if (!cells.every(isBlank)) rows.push({ rowNumber, cells });
  });
  return { headers, rows, format: 'xlsx' };
}

/** The separator the header line uses most: Excel writes commas, “Unicode text” tabs, some locales semicolons. */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', '\t', ';'].map((delimiter) => ({ delimiter, count: header.split(delimiter).length - 1 }));
  return counts.sort((a, b) => b.count - a.count)[0]!.delimiter;
}

function readCsv(bytes: Buffer): Sheet {
  const { text, encoding } = decodeText(bytes);
  let records: string[][];
  try {
    records = parse(text, { delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch (error) {
    throw new FileError(`无法解析 CSV 文件 (cannot parse the CSV file): ${(error as Error).message}`);
  }
  const [header = [], ...body] = records;
  const rows: SheetRow[] = [];
  // A record is one spreadsheet row even when a quoted cell spans several lines, as Excel shows it.
  body.forEach((cells, index) => {
    const row = cells.map((cell) => (cell === '' ? null : cell));
    if (!row.every(isBlank)) rows.push({ rowNumber: index + 2, cells: row });
  });
  return { headers: header.map((cell) => cell.trim()), rows, format: 'csv', encoding };
}

/** Reads the first worksheet of an .xlsx file, or a .csv file in UTF-8, UTF-16 or GB18030. */
export async function readSheet(path: string): Promise<Sheet> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new FileError(`无法读取文件 ${path} (cannot read the file): ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const extension = extname(path).toLowerCase();
  if (extension === '.xls' || extension === '.et') {
    throw new FileError(`不支持 ${extension} 格式，请在 Excel 或 WPS 中另存为 .xlsx 或 .csv (save the file as .xlsx or .csv first)`);
  }
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (extension === '.xlsx' || extension === '.xlsm' || (zip && extension !== '.csv')) return readXlsx(bytes);
  return readCsv(bytes);
}
