import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadConfig } from '@xingfu/api';
import { ledgerTemplate, runLedgerImport, type ImportCounts, type ImportPhase } from '@xingfu/domain';
import { openDatabaseSession } from '../runtime/database-session.js';
import { say } from '../runtime/progress.js';

const counts = (what: string, c: ImportCounts) => `${what}: ${c.created} new, ${c.changed} changed, ${c.unchanged} unchanged`;

const PHASE_WORDS: Record<ImportPhase, string> = { read: 'Read', check: 'Checked', write: 'Wrote' };

/**
 * Progress of a large file: rows read, checked and written. At a terminal one line per phase,
 * rewritten in place; into a file or pipe a line per phase at every tenth of the rows.
 */
export function importProgress(out: NodeJS.WriteStream): (p: { phase: ImportPhase; done: number; total: number }) => void {
  const tty = out.isTTY;
  let phase: ImportPhase | null = null;
  let nextTenth = 0;
  return ({ phase: now, done, total }) => {
    const line = `${PHASE_WORDS[now]} ${done}/${total} rows`;
    if (now !== phase) {
      if (tty && phase) out.write('\n');
      phase = now;
      nextTenth = 0;
    }
    if (tty) {
      out.write(`\r${line}`);
      if (done === total) out.write('\n');
      phase = done === total ? null : now;
      return;
    }
    if (done >= nextTenth) {
      out.write(`${line}\n`);
      const tenth = Math.max(1, Math.ceil(total / 10));
      nextTenth = done >= total ? Infinity : Math.min(total, (Math.floor(done / tenth) + 1) * tenth);
    }
  };
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import a county ledger (台账) from the XLSX template: households with members, enrollments, standards')
    .argument('[file]', 'the .xlsx file to import')
    .option('--county <code>', 'the county imported into (6 digits): every row must lie in it')
    .option('--dry-run', 'check every row and report, change nothing', false)
    .option(
      '--report <path>',
      'where to write the report of a file with errors (the workbook with an error column); default <file>.report.xlsx',
    )
    .option('--template <path>', 'write the empty template (with its 说明 sheet) to this path and stop')
    .action(async (file: string | undefined, options: { county?: string; dryRun: boolean; report?: string; template?: string }) => {
      if (options.template) {
        await writeFile(options.template, await ledgerTemplate());
        say(`Wrote the ledger template to ${options.template}.`);
        return;
      }
      if (!file || !options.county) {
        process.stderr.write('xingfu: give the file and --county <code> (or --template <path> for the empty template).\n');
        process.exitCode = 2;
        return;
      }
      const data = await readFile(file);
      const session = await openDatabaseSession(loadConfig());
      try {
        const actor = { subject: `cli:${process.env['USER'] ?? 'xingfu'}`, role: 'county_admin' as const, regionCode: options.county };
        say(`Reading ${file} (${(data.length / 1e6).toFixed(1)} MB)…`);
        const result = await runLedgerImport(session.orm.em.fork(), actor, data, {
          dryRun: options.dryRun,
          onProgress: importProgress(process.stdout),
        });
        const reportPath = options.report ?? file.replace(/\.xlsx$/i, '') + '.report.xlsx';
        // a report only where there is something to mark
        if (result.errorRows > 0) await writeFile(reportPath, result.report);
        say(counts('Households', result.households));
        say(counts('Members', result.members));
        say(counts('Enrollments', result.enrollments));
        say(counts('Standards', result.standards));
        if (result.errorRows > 0) {
          for (const line of result.errors) process.stderr.write(`${line}\n`);
          process.stderr.write(`${result.errorRows} rows have errors: nothing was imported. The report is ${reportPath}.\n`);
          process.exitCode = 1;
        } else if (result.dryRun) {
          say(`Dry run: ${result.rows} rows checked, no errors; nothing was changed.`);
        } else {
          say(`Imported ${result.rows} rows.`);
        }
      } finally {
        await session.close();
      }
    });
}
