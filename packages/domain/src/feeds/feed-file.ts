import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DomainError } from '../errors/domain-error.js';

/** The most rows one delivery file may hold. */
export const MAX_FEED_ROWS = 500_000;

/** A feed file read as a header and rows of text cells (dates as YYYY-MM-DD). */
export interface FeedTable {
  header: string[];
  rows: string[][];
}

const pad = (n: number) => String(n).padStart(2, '0');

function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (value instanceof Date) return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result);
    return '';
  }
  return String(value);
}

/** Reads a CSV (UTF-8, optional BOM) or XLSX (first sheet) file; XLSX is told by its zip signature. */
export async function readFeedFile(content: Buffer): Promise<FeedTable> {
  let table: string[][];
  if (content.subarray(0, 2).toString('latin1') === 'PK') {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(content as unknown as ArrayBuffer);
    } catch {
      throw new DomainError('INVALID_FEED_FILE', 'The file is not a readable XLSX workbook: export it again as XLSX or CSV.');
    }
    const sheet = workbook.worksheets[0];
    table = [];
    sheet?.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).trim());
      table.push(cells);
    });
  } else {
    try {
      const options = { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true };
      table = parse(content, options);
    } catch (error) {
      throw new DomainError(
        'INVALID_FEED_FILE',
        `The file is not readable CSV (${(error as Error).message}): export it again as UTF-8 CSV.`,
      );
    }
  }
  const [header, ...rows] = table;
  if (!header) throw new DomainError('INVALID_FEED_FILE', 'The file is empty: a feed file has a header row and a row per record.');
  if (rows.length > MAX_FEED_ROWS) {
    throw new DomainError('INVALID_FEED_FILE', `A delivery holds at most ${MAX_FEED_ROWS} rows; this file has ${rows.length}: split it.`);
  }
  return { header: header.map((h) => h.trim()), rows };
}
