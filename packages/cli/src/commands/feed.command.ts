import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '@xingfu/api';
import { FEED_KINDS, inTransaction, loadFeed, runCrossCheck, today, type Actor, type FeedKind } from '@xingfu/domain';
import { openDatabaseSession } from '../runtime/database-session.js';
import { say, step } from '../runtime/progress.js';

/** The command line acts as the county's administrator, named by the operator's login (audited as such). */
function operatorOf(county: string): Actor {
  return { subject: `cli:${process.env['USER'] ?? 'xingfu'}`, role: 'county_admin', regionCode: county };
}

export function registerFeedCommands(program: Command): void {
  const feed = program
    .command('feed')
    .description('department data feeds (deaths, vehicles, real estate, business, pensions, housing fund, disability)');
  feed
    .command('load <file>')
    .description('load a department file (CSV or XLSX, keyed by ID number) for a county; a file with any bad row loads nothing')
    .requiredOption('--county <code>', 'the county the file was delivered to, e.g. 370115')
    .requiredOption('--kind <kind>', `the feed: ${FEED_KINDS.join(', ')}`)
    .option('--delivered <date>', 'the delivery date (YYYY-MM-DD); defaults to today')
    .action(async (file: string, options: { county: string; kind: string; delivered?: string }) => {
      const content = await readFile(file);
      const session = await openDatabaseSession(loadConfig());
      try {
        const report = await step(`Loading ${basename(file)}`, () =>
          inTransaction(session.orm.em.fork(), (em) =>
            loadFeed(em, operatorOf(options.county), {
              countyCode: options.county,
              kind: options.kind as FeedKind,
              deliveredOn: options.delivered ?? today(),
              fileName: basename(file),
              content,
            }),
          ),
        );
        if (report.delivery) {
          say(
            `Delivery ${report.delivery.id}: ${report.rowsLoaded} rows loaded (${options.kind}, delivered ${report.delivery.deliveredOn}).`,
          );
          return;
        }
        for (const p of report.problems) process.stderr.write(`row ${p.row}, ${p.column}: ${p.problem}\n`);
        process.stderr.write(
          `${report.problems.length} problems in ${report.rowsRead} rows: nothing was loaded. Correct the file and load it again.\n`,
        );
        process.exitCode = 1;
      } finally {
        await session.close();
      }
    });
  program
    .command('cross-check')
    .description('run every cross-check rule over a county’s enrollments for a month (the monthly run; safe to repeat)')
    .requiredOption('--county <code>', 'the county, e.g. 370115')
    .option('--month <month>', 'the month checked (YYYY-MM); defaults to this month')
    .action(async (options: { county: string; month?: string }) => {
      const session = await openDatabaseSession(loadConfig());
      try {
        const run = await step(`Cross-checking ${options.county}`, () =>
          inTransaction(session.orm.em.fork(), (em) =>
            runCrossCheck(em, operatorOf(options.county), { countyCode: options.county, month: options.month ?? today().slice(0, 7) }),
          ),
        );
        for (const r of run.rules) say(`${r.code} v${r.version}: ${r.found} found, ${r.added} new`);
        say(`Run ${run.id}: ${run.hitCount} hits found, ${run.newHitCount} new.`);
      } finally {
        await session.close();
      }
    });
}
