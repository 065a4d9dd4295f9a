import { cutRelease, grantAdvanceAid, loadFeed, runCrossCheck, type EntityManager } from '@xingfu/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { ADMIN, buildLedger } from '../support/ledger-fixture.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * The public figures of data-driven assistance (docs/cross-checks.md, "Public figures"): frozen
 * into a release per county and year, read only from it, small cells suppressed.
 */
let db: TestDatabase;
let api: TestApi;
let release = '';
const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);
const rows = <T>(sql: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(sql, params);
const FIGURES = `query ($r: ID) { assistanceFigures(countyCode: "370115", year: 2026, releaseId: $r) { figure code outcome year cases amount } }`;
const figures = async (releaseId: string) =>
  (await api.query<{ assistanceFigures: unknown[] }>('/public/graphql', FIGURES, { variables: { r: releaseId } })).data!.assistanceFigures;
let households: number[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  await buildLedger(db.orm);
  households = (await rows<{ id: number }>(`select id from household where county_code = '370115' order by id`)).map((h) => h.id);
  // twelve households granted 300 元 first
  for (const householdId of households.slice(0, 12)) {
    await run((em) => grantAdvanceAid(em, ADMIN, { householdId, amountFen: 30_000, reason: '突发重大疾病', channel: 'town_station' }));
  }
  // two enrolled persons recorded dead by the death feed: two open hits
  const dead = await rows<{ id_number: string }>(
    `select p.id_number from enrollment e join household_member m on m.household_id = e.household_id and m.end_date is null
     join person p on p.id = m.person_id where e.status = 'active' and e.program_code = 'dibao_rural'
       and not exists (select 1 from enrollment o where o.person_id = p.id) order by p.id limit 2`,
  );
  await run((em) =>
    loadFeed(em, ADMIN, {
      countyCode: '370115',
      kind: 'death',
      deliveredOn: '2026-04-01',
      fileName: 'death.csv',
      content: Buffer.from(['身份证号,死亡日期', ...dead.map((d) => `${d.id_number},2026-02-10`)].join('\n')),
    }),
  );
  await run((em) => runCrossCheck(em, ADMIN, { countyCode: '370115', month: '2026-03' }));
  release = (await run((em) => cutRelease(em, { createdBy: 'test', note: '数据比对' }))).id;
}, 180_000);

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

it('a release freezes the figures per county and year; small cells are suppressed with their amount', async () => {
  expect(
    await rows(
      `select figure, code, outcome, cases, amount_fen::int as amount from release_assistance_figure where release_id = ? order by figure, code`,
      [release],
    ),
  ).toEqual([
    { figure: 'cross_check_hit', code: 'deceased_paid', outcome: 'open', cases: 2, amount: 0 },
    { figure: 'fast_track', code: 'temporary_relief', outcome: 'advance', cases: 12, amount: 360_000 },
  ]);
  expect(await figures(release)).toEqual([
    { figure: 'cross_check_hit', code: 'deceased_paid', outcome: 'open', year: 2026, cases: null, amount: null },
    { figure: 'fast_track', code: 'temporary_relief', outcome: 'advance', year: 2026, cases: 12, amount: '3600.00' },
  ]);
});

it('a change of the ledger after the cut moves no released figure; the next release has it', async () => {
  await run((em) =>
    grantAdvanceAid(em, ADMIN, { householdId: households[12]!, amountFen: 10_000, reason: '火灾', channel: 'town_station' }),
  );
  expect(await figures(release)).toContainEqual(expect.objectContaining({ code: 'temporary_relief', cases: 12, amount: '3600.00' }));
  const next = (await run((em) => cutRelease(em, { createdBy: 'test', note: '更新' }))).id;
  expect(await figures(next)).toContainEqual(expect.objectContaining({ code: 'temporary_relief', cases: 13, amount: '3700.00' }));
});
