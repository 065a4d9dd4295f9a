import { cutRelease, importRegions, importShippedPopulation, importedCounties, readRegionFile, type MikroORM } from '@xingfu/domain';
import { SYNTHETIC_MARK, seedDatabase } from '@xingfu/seed';
import { phaseLine, step } from './progress.js';

/**
 * What a first run loads: the four seed counties over several years. The calibrated years
 * (binhai-2021, qihe-2023, zhangqiu-2022) at their calibrated size; the illustrative years at
 * `XINGFU_DEMO_ILLUSTRATIVE_SCALE` (default 0.25) so that a first start stays within its time
 * budget on a small machine (docs/demo-data.md, “First start”).
 */
export function firstRunLoads(illustrativeScale = illustrativeScaleFromEnv()): { preset: string; scale: number }[] {
  const calibrated = new Set(['binhai-2021', 'qihe-2023', 'zhangqiu-2022']);
  const presets = ['binhai-2020', 'binhai-2021', 'binhai-2022', 'jiyang-2022', 'jiyang-2023', 'jiyang-2024', 'qihe-2023', 'zhangqiu-2022'];
  return presets.map((preset) => ({ preset, scale: calibrated.has(preset) ? 1 : illustrativeScale }));
}

function illustrativeScaleFromEnv(): number {
  const text = process.env['XINGFU_DEMO_ILLUSTRATIVE_SCALE'];
  const value = text === undefined || text === '' ? 0.25 : Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > 1) {
    throw new Error(`XINGFU_DEMO_ILLUSTRATIVE_SCALE is a number above 0 and at most 1, not “${text}”.`);
  }
  return value;
}

/**
 * First run on an empty database: the shipped regions, then the demo data (示例数据) when there
 * are no households at all — county by county, year after year — and one release that publishes
 * every county and year loaded (one cut: a cut reads the whole ledger, so one per year would cost
 * as many passes; see docs/demo-data.md).
 */
export async function loadInitialData(orm: MikroORM): Promise<void> {
  const em = orm.em.fork();
  if ((await importedCounties(em)).length === 0) {
    await step('First run: importing the shipped regions', () => importRegions(em, readRegionFile()));
    await step('First run: loading the sample population figures (示例数据)', () => importShippedPopulation(em));
  }
  const households = await em.execute<{ any: boolean }[]>('select exists (select 1 from household) as any');
  if (households[0]?.any) return;
  // XINGFU_DEMO_DATA=none starts with regions only
  if (process.env['XINGFU_DEMO_DATA'] === 'none') return;
  const databaseUrl = orm.config.get('clientUrl');
  if (!databaseUrl) return;
  const loads = firstRunLoads();
  for (const [i, load] of loads.entries()) {
    const size = load.scale === 1 ? 'calibrated' : `illustrative, scale ${load.scale}`;
    const report = await step(
      `First run [${i + 1}/${loads.length}]: loading the demo data ${load.preset} (${size}; ${SYNTHETIC_MARK})`,
      () => seedDatabase({ databaseUrl, preset: load.preset, scale: load.scale }),
    );
    const p = report.phases;
    process.stdout.write(
      `  ${report.rows} rows, ${report.rowsPerSecond} rows/s (generating and copying ${p.load.toFixed(1)} s, elder care, feeds and referrals ${p.extras.toFixed(1)} s, indexes ${p.indexes.toFixed(1)} s, references ${p.references.toFixed(1)} s, analyze ${p.analyze.toFixed(1)} s)\n`,
    );
  }
  // One sequential pass over the freshly loaded ledger sets every row's commit hint and the
  // visibility map, so that the cut, which reads payments in household order, does not dirty and
  // write back each heap page it touches first.
  await step('First run: vacuuming the loaded ledger', () =>
    orm.em.fork().execute('vacuum (analyze) payment, household_member, person, household'),
  );
  // The demo payrolls are approved: publish them, so the site has a release to show.
  const release = await step('First run: cutting the first disclosure release (every county and year loaded)', () =>
    orm.em
      .fork()
      .transactional((tx) => cutRelease(tx, { createdBy: `${SYNTHETIC_MARK}/xingfu`, note: `${SYNTHETIC_MARK}：首次启动自动发布` })),
  );
  process.stdout.write(`  release ${release.id}: ${release.months} county months, ${release.listingRows} 幸福清单 rows\n`);
  const slowest = phaseLine(release.phases);
  if (slowest) process.stdout.write(`  steps: ${slowest}\n`);
}
