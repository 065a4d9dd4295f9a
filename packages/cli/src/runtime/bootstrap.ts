import { importRegions, importedCounties, readRegionFile, type MikroORM } from '@xingfu/domain';
import { step } from './progress.js';

/** First run on an empty database: the shipped regions. */
export async function loadInitialData(orm: MikroORM): Promise<void> {
  const em = orm.em.fork();
  if ((await importedCounties(em)).length > 0) return;
  await step('First run: importing the shipped regions', () => importRegions(em, readRegionFile()));
}
