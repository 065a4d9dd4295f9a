import type { EntityManager } from '@mikro-orm/postgresql';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { assertCan, type Actor } from '../access/actor.js';
import { audit } from '../audit/audit.js';

/**
 * Internal reports as files (docs/casework.md, "Reports and exports"): the rows a read model
 * gives, written as XLSX or CSV, and every export audited as a read of personal data — who, which
 * report with which filters, when (the entry's time) and how many rows.
 */
export const REPORT_KINDS = ['monthly_changes', 'payroll_list', 'review_worklist', 'ledger_extract'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ReportColumn {
  key: string;
  header: string;
}

export interface ReportTable {
  title: string;
  columns: ReportColumn[];
  rows: Record<string, string | number | null>[];
}

/** A report as a file: XLSX (one sheet named by the title, bold headers) or CSV (UTF-8 with a BOM, for Excel). */
export async function reportFile(table: ReportTable, format: ExportFormat): Promise<Buffer> {
  if (format === 'csv') {
    const text = stringify(
      table.rows.map((r) => table.columns.map((c) => r[c.key] ?? '')),
      { header: true, columns: table.columns.map((c) => c.header) },
    );
    return Buffer.from(`\ufeff${text}`, 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.title.slice(0, 31));
  sheet.columns = table.columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(10, c.header.length * 2 + 4) }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of table.rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Records that `actor` exported a report: what, with which filters, in which format, how many rows. */
export async function recordExport(
  em: EntityManager,
  actor: Actor,
  input: { report: ReportKind; format: ExportFormat; regionCode: string; filters: Record<string, string | number | null>; rows: number },
): Promise<void> {
  assertCan(actor, 'exportReport');
  audit(em, actor, {
    action: 'exportReport',
    entity: 'report',
    entityId: input.report,
    regionCode: input.regionCode,
    after: { report: input.report, format: input.format, filters: input.filters, rows: input.rows },
  });
  await em.flush();
}
