import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, approvePayroll, createReviewCampaign, cutRelease, generatePayroll, recordCorrection, today } from '@xingfu/domain';
import { startTestApi, type TestApi } from '../../support/graphql-client.js';
import { buildElderCare, type ElderCareFixture } from '../../support/elder-care-fixture.js';
import { ADMIN, buildLedger, type LedgerFixture } from '../../support/ledger-fixture.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { buildSite, type SiteBuild } from './site-build.js';

export interface DemoSite {
  db: TestDatabase;
  api: TestApi;
  apiUrl: string;
  fixture: LedgerFixture;
  /** A home (with capacity and an inspection record) and a 幸福院 in the fixture's first village. */
  elderCare: ElderCareFixture;
  /** Release ids, oldest first. */
  releases: string[];
  build: SiteBuild;
  close(): Promise<void>;
}

/** Households per happinessList request in the test builds: small, so villages take several pages. */
export const TEST_LISTING_PAGE_SIZE = 2;

/**
 * The site built from a real ledger (tests/support/ledger-fixture.ts, 济阳区) in a database of
 * its own: 低保 paid this month too (the month the village pages list), a re-review campaign of a
 * program counted only (its small figures are suppressed), two releases — the second corrects a
 * month of the first with back pay — then `astro build` against the public API into a temporary
 * folder, reading the 幸福清单 TEST_LISTING_PAGE_SIZE households a request.
 */
export async function buildDemoSite(options: { releases?: 0 | 2; env?: Record<string, string> } = {}): Promise<DemoSite> {
  const db = await createTestDatabase();
  const api = await startTestApi(db.orm);
  const apiUrl = `${api.baseUrl}/public/graphql`;
  const fixture = await buildLedger(db.orm);
  const releases: string[] = [];
  const em = () => db.orm.em.fork();
  const batch = await em().transactional((tx) =>
    generatePayroll(tx, ADMIN, { countyCode: '370115', programCode: 'dibao_rural', month: today().slice(0, 7) }),
  );
  await em().transactional((tx) => approvePayroll(tx, ADMIN, batch.id));
  await em().transactional((tx) =>
    createReviewCampaign(tx, ADMIN, {
      countyCode: '370115',
      name: '重度残疾人护理补贴复核',
      periodStart: addDays(today(), -60),
      periodEnd: addDays(today(), 30),
      programCodes: ['disability_care'],
    }),
  );
  const persons = await em().execute<{ person_id: number }[]>(
    `select m.person_id from household_member m join household h on h.id = m.household_id where h.county_code = '370115' and m.end_date is null`,
  );
  const elderCare = await buildElderCare(db.orm, {
    village: fixture.villages[0]!,
    month: fixture.months.at(-1)!,
    persons: persons.map((p) => p.person_id),
  });
  if ((options.releases ?? 2) === 2) {
    const asOf = addDays(today(), 40);
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
  const build = await buildSite({ apiUrl, dist, env: { XINGFU_SITE_LISTING_PAGE_SIZE: String(TEST_LISTING_PAGE_SIZE), ...options.env } });
  return {
    db,
    api,
    apiUrl,
    fixture,
    elderCare,
    releases,
    build,
    close: async () => {
      await api.close();
      await db.drop();
      await rm(dist, { recursive: true, force: true });
    },
  };
}
