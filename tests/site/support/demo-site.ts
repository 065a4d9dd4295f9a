import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, cutRelease, recordCorrection, today } from '@xingfu/domain';
import { startTestApi, type TestApi } from '../../support/graphql-client.js';
import { ADMIN, buildLedger, type LedgerFixture } from '../../support/ledger-fixture.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { buildSite, type SiteBuild } from './site-build.js';

export interface DemoSite {
  db: TestDatabase;
  api: TestApi;
  apiUrl: string;
  fixture: LedgerFixture;
  /** Release ids, oldest first. */
  releases: string[];
  build: SiteBuild;
  close(): Promise<void>;
}

/**
 * The site built from a real ledger (tests/support/ledger-fixture.ts, 济阳区) in a database of
 * its own: two releases — the second corrects a month of the first with back pay — then
 * `astro build` against the public API into a temporary folder.
 */
export async function buildDemoSite(options: { releases?: 0 | 2; env?: Record<string, string> } = {}): Promise<DemoSite> {
  const db = await createTestDatabase();
  const api = await startTestApi(db.orm);
  const apiUrl = `${api.baseUrl}/public/graphql`;
  const fixture = await buildLedger(db.orm);
  const releases: string[] = [];
  if ((options.releases ?? 2) === 2) {
    const asOf = addDays(today(), 40);
    const em = () => db.orm.em.fork();
    releases.push((await em().transactional((tx) => cutRelease(tx, { createdBy: 'site-test', note: '首次发布', asOf }))).id);
    const [enrollment] = await em().execute<{ id: number }[]>(
      `select id from enrollment where program_code = 'dibao_rural' order by id limit 1`,
    );
    await em().transactional((tx) =>
      recordCorrection(tx, ADMIN, 'back_pay', {
        enrollmentId: enrollment!.id,
        month: fixture.months[1]!,
        amountFen: 12345,
        note: '标准调整补发',
        aboveEntitlementReason: '复核认定少发',
      }),
    );
    releases.push((await em().transactional((tx) => cutRelease(tx, { createdBy: 'site-test', note: '更正', asOf }))).id);
  }
  const dist = await mkdtemp(join(tmpdir(), 'xingfu-site-'));
  await chmod(dist, 0o755);
  const build = await buildSite({ apiUrl, dist, ...(options.env ? { env: options.env } : {}) });
  return {
    db,
    api,
    apiUrl,
    fixture,
    releases,
    build,
    close: async () => {
      await api.close();
      await db.drop();
      await rm(dist, { recursive: true, force: true });
    },
  };
}
