import type { Command } from 'commander';
import { loadConfig } from '@xingfu/api';
import { DomainError, SHIPPED_COUNTIES, importRegions, importShippedPopulation, importedCounties, readRegionFile } from '@xingfu/domain';
import {
  DEFAULT_SEED,
  PRESETS,
  PRESET_SERIES,
  ProgressBar,
  SYNTHETIC_MARK,
  findPresets,
  ledgerChecksumAt,
  seedDatabase,
} from '@xingfu/seed';
import { openDatabaseSession } from '../runtime/database-session.js';
import { say, step } from '../runtime/progress.js';

const number = new Intl.NumberFormat('en-US');

interface SeedCommandOptions {
  preset: string;
  seed: string;
  scale: string;
  replace?: boolean;
  checksum?: boolean;
}

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description(`load a synthetic demo population (${SYNTHETIC_MARK}) on real regions, calibrated to published figures, with COPY`)
    .requiredOption(
      '--preset <name>',
      `the preset: ${PRESETS.map((p) => p.name).join(', ')}; or a county's years in order: ${Object.keys(PRESET_SERIES).join(', ')}`,
    )
    .option('--seed <n>', 'random seed: the same seed gives identical data', String(DEFAULT_SEED))
    .option('--scale <n>', 'village, county (= 1, the calibrated size), province (≈ 1M households), or a multiplier', 'county')
    .option('--replace', "delete the county's generated data (every year) first (data entered by staff stays)")
    .option('--checksum', "print a checksum over the county's ledger after loading")
    .action(async (options: SeedCommandOptions) => {
      const presets = findPresets(options.preset);
      const preset = presets[0]!;
      if (!/^\d{1,15}$/.test(options.seed))
        throw new DomainError('INVALID_INPUT', `--seed is a whole number, 0 or more, not “${options.seed}”.`);
      const session = await openDatabaseSession(loadConfig());
      try {
        const em = session.orm.em.fork();
        const county = preset.countyCode;
        if (!(await importedCounties(em)).includes(county) && SHIPPED_COUNTIES.includes(county)) {
          const rows = readRegionFile().filter(
            (r) => r.code === county.slice(0, 2) || r.code === county.slice(0, 4) || r.code.startsWith(county),
          );
          await step(`Importing the regions of ${county} (shipped with the platform)`, () => importRegions(em, rows));
          await importShippedPopulation(em);
        }
        for (const [i, preset] of presets.entries()) {
          const bar = new ProgressBar(`Loading ${preset.name} (${SYNTHETIC_MARK})`);
          const report = await seedDatabase({
            databaseUrl: session.url,
            preset,
            seed: Number(options.seed),
            scale: options.scale,
            // a series replaces once, before its first year
            replace: i === 0 && (options.replace ?? false),
            onProgress: (p) =>
              bar.update(
                p.block,
                p.blocks,
                `${number.format(p.rows)} rows, ${number.format(Math.round(p.rows / Math.max(p.seconds, 0.001)))} rows/s`,
              ),
          });
          bar.finish();
          if (report.deletedRows > 0) say(`Deleted ${number.format(report.deletedRows)} rows of earlier generated data.`);
          say(
            `Loaded ${report.countyName} (${report.countyCode}), preset ${report.preset}, seed ${report.seed}, scale ${report.scale}: ` +
              `${number.format(report.households)} households, ${number.format(report.persons)} persons, ${number.format(report.payments)} payments; ` +
              `${number.format(report.rows)} rows in ${report.seconds.toFixed(1)} s (${number.format(report.rowsPerSecond)} rows/s).`,
          );
          const planted = [...Object.values(report.feeds.planted.crossCheck), ...Object.values(report.feeds.planted.outreach)];
          say(
            `Department feeds of ${report.countyName}: ${report.feeds.deliveries} deliveries, ${number.format(report.feeds.records)} rows, ` +
              `${planted.reduce((n, persons) => n + persons.length, 0)} planted cases for cross-checks and 政策找人 (docs/cross-checks.md).`,
          );
        }
        say(`All of it is synthetic (${SYNTHETIC_MARK}): no real person, names and ID numbers are generated.`);
        if (options.checksum) {
          say(`Ledger checksum of ${preset.countyCode}: ${(await ledgerChecksumAt(session.url, preset.countyCode)).checksum}`);
        }
      } finally {
        await session.close();
      }
    });
}
