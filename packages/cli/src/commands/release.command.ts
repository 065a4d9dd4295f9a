import type { Command } from 'commander';
import { loadConfig } from '@xingfu/api';
import { cutRelease, inTransaction, latestReleaseId, reconcileRelease, verifyRelease } from '@xingfu/domain';
import { openDatabaseSession } from '../runtime/database-session.js';
import { phaseLine, say, step } from '../runtime/progress.js';

export function registerReleaseCommands(program: Command): void {
  program
    .command('release')
    .description('cut a disclosure release: publish every month whose payroll is approved, with rollups and changelog')
    .option('--note <text>', 'what this release is, e.g. a correction of 2021-03', '')
    .option('--as-of <date>', 'the as-of date (YYYY-MM-DD); defaults to today')
    .option('--county <code>', 'recompute only this county (6-digit code); every other county is carried from the previous release')
    .option('--full', 'recompute every county in scope from the ledger, not only what changed since its last release', false)
    .action(async (options: { note: string; asOf?: string; county?: string; full: boolean }) => {
      const session = await openDatabaseSession(loadConfig());
      try {
        const summary = await step('Cutting the release', () =>
          // retried when PostgreSQL breaks a deadlock with a ledger write (the cut's share locks)
          inTransaction(session.orm.em.fork(), (em) =>
            cutRelease(em, {
              createdBy: process.env['USER'] ?? 'xingfu',
              note: options.note,
              full: options.full,
              ...(options.asOf ? { asOf: options.asOf } : {}),
              ...(options.county ? { countyCode: options.county } : {}),
            }),
          ),
        );
        say(
          `Release ${summary.id} (as of ${summary.asOf}): ${summary.months} county months, ${summary.aggregateRows} aggregate rows, ${summary.listingRows} 幸福清单 rows, ${summary.changes} changes.`,
        );
        for (const c of summary.counties) {
          const what =
            c.how === 'partial'
              ? `recomputed ${c.families} program years and ${c.households} households' 幸福清单 rows`
              : c.how === 'full'
                ? 'recomputed in full'
                : 'carried unchanged';
          say(`  ${c.countyCode}: ${what}`);
        }
        const slowest = phaseLine(summary.phases);
        if (slowest) say(`  steps: ${slowest}`);
      } finally {
        await session.close();
      }
    });
  program
    .command('verify')
    .description('recompute every figure of a release (as of the release) from the ledger; exit 1 on any difference')
    .option('--release <id>', 'the release to check; defaults to the latest')
    .action(async (options: { release?: string }) => {
      const session = await openDatabaseSession(loadConfig());
      try {
        const em = session.orm.em.fork();
        const id = options.release ?? (await latestReleaseId(em));
        if (!id) {
          say('No release has been cut yet: nothing to verify.');
          return;
        }
        // an independent query over the payment ledger for the month aggregates, then every frozen
        // figure recomputed as of the release and compared row by row
        const months = await step(`Reconciling release ${id}'s month aggregates with the ledger`, () => reconcileRelease(em, id));
        const figures = await step(`Recomputing every figure of release ${id}`, () => verifyRelease(em, id));
        if (months.length === 0 && figures.length === 0) {
          say(
            `Release ${id}: every published figure equals the ledger (aggregates, 幸福清单, applications, changelog, standards, re-review results, catalog).`,
          );
          return;
        }
        for (const d of months.slice(0, 50)) {
          process.stderr.write(`${d.regionCode} ${d.programCode} ${d.period} ${d.field}: published ${d.published}, ledger ${d.ledger}\n`);
        }
        for (const d of figures.slice(0, 50)) {
          process.stderr.write(`${d.table} ${d.key}: published ${d.published ?? '(none)'}, ledger ${d.recomputed ?? '(none)'}\n`);
        }
        process.stderr.write(
          `${months.length + figures.length} differences: cut a new release (pnpm xingfu release --note "correction") after checking the ledger; a release is never edited.\n`,
        );
        process.exitCode = 1;
      } finally {
        await session.close();
      }
    });
}
