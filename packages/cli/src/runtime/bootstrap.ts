import { cutRelease, importRegions, importedCounties, readRegionFile, type MikroORM } from '@xingfu/domain';
import { SYNTHETIC_MARK, seedDatabase } from '@xingfu/seed';
import { step } from './progress.js';

/** The demo presets loaded on first run. */
export const FIRST_RUN_PRESETS = ['binhai-2021', 'jiyang-2023'];

/** First run on an empty database: the shipped regions, then the demo data (示例数据) when there are no households at all. */
export async function loadInitialData(orm: MikroORM): Promise<void> {
  const em = orm.em.fork();
  if ((await importedCounties(em)).length === 0) {
    await step('First run: importing the shipped regions', () => importRegions(em, readRegionFile()));
  }
  const households = await em.execute<{ any: boolean }[]>('select exists (select 1 from household) as any');
  if (households[0]?.any) return;
  // XINGFU_DEMO_DATA=none starts with regions only
  if (process.env['XINGFU_DEMO_DATA'] === 'none') return;
  const databaseUrl = orm.config.get('clientUrl');
  if (!databaseUrl) return;
  for (const preset of FIRST_RUN_PRESETS) {
    const report = await step(`First run: loading the demo data ${preset} (${SYNTHETIC_MARK}, synthetic)`, () =>
      seedDatabase({ databaseUrl, preset }),
    );
    process.stdout.write(`  ${report.rows} rows, ${report.rowsPerSecond} rows/s\n`);
  }
  // The demo payrolls are approved: publish them, so the site has a release to show.
  const release = await step('First run: cutting the first disclosure release', () =>
    orm.em
      .fork()
      .transactional((tx) => cutRelease(tx, { createdBy: `${SYNTHETIC_MARK}/xingfu`, note: `${SYNTHETIC_MARK}：首次启动自动发布` })),
  );
  process.stdout.write(`  release ${release.id}: ${release.months} county months, ${release.listingRows} 幸福清单 rows\n`);
}
