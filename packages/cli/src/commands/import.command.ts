import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadConfig } from '@xingfu/api';
import { ledgerTemplate, runLedgerImport, type ImportCounts } from '@xingfu/domain';
import { openDatabaseSession } from '../runtime/database-session.js';
import { say } from '../runtime/progress.js';

const counts = (what: string, c: ImportCounts) => `${what}: ${c.created} new, ${c.changed} changed, ${c.unchanged} unchanged`;

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import a county ledger (台账) from the XLSX template: households with members, enrollments, standards')
    .argument('[file]', 'the .xlsx file to import')
    .option('--county <code>', 'the county imported into (6 digits): every row must lie in it')
    .option('--dry-run', 'check every row and report, change nothing', false)
    .option('--report <path>', 'where to write the report (the workbook with an error column); default <file>.report.xlsx')
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
        const tty = process.stdout.isTTY;
        const result = await runLedgerImport(session.orm.em.fork(), actor, data, {
          dryRun: options.dryRun,
          onProgress: ({ phase, done, total }) => {
            const line = `${phase === 'check' ? 'Checking' : 'Importing'} rows: ${done}/${total}`;
            process.stdout.write(tty ? `\r${line}` : `${line}\n`);
            if (tty && done === total) process.stdout.write('\n');
          },
        });
        const reportPath = options.report ?? file.replace(/\.xlsx$/i, '') + '.report.xlsx';
        await writeFile(reportPath, result.report);
        say(counts('Households', result.households));
        say(counts('Members', result.members));
        say(counts('Enrollments', result.enrollments));
        say(counts('Standards', result.standards));
        if (result.errorRows > 0) {
          for (const line of result.errors) process.stderr.write(`${line}\n`);
          process.stderr.write(`${result.errorRows} rows have errors: nothing was imported. The report is ${reportPath}.\n`);
          process.exitCode = 1;
        } else if (result.dryRun) {
          say(`Dry run: ${result.rows} rows checked, no errors; nothing was changed. Report: ${reportPath}.`);
        } else {
          say(`Imported ${result.rows} rows. Report: ${reportPath}.`);
        }
      } finally {
        await session.close();
      }
    });
}
