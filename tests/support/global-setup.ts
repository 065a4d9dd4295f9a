import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedDatabase, findFreePort, importRegions, importShippedPopulation, migrate, openOrm, readRegionFile } from '@xingfu/domain';
import type { TestProject } from 'vitest/node';

export const TEMPLATE_DATABASE = 'xingfu_template';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    templateDatabase: string;
  }
}

/** One embedded PostgreSQL for the whole run, with a migrated template database. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'xingfu-test-pg-'));
  const db = new EmbeddedDatabase({ dataDir, port: await findFreePort(), database: TEMPLATE_DATABASE, ephemeral: true });
  await db.start();
  const orm = await openOrm({ clientUrl: db.url, poolMax: 2 });
  await migrate(orm);
  await importRegions(orm.em.fork(), readRegionFile());
  await importShippedPopulation(orm.em.fork());
  await orm.close(true);
  project.provide('postgresAdminUrl', db.urlFor('postgres'));
  project.provide('templateDatabase', TEMPLATE_DATABASE);
  return async () => {
    await db.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
