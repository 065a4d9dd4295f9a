import { approvePayroll, cutRelease, generatePayroll, type EntityManager } from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, buildLedger, type LedgerFixture } from '../support/ledger-fixture.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * A release's aggregates are computed per village and summed up to towns and counties
 * (release.service.ts, AGGREGATE_SQL). A household paid in two villages in one period — it moved —
 * must still be one household, with its persons counted once, in its town and county. The
 * aggregates are compared, every stored cell, with the definition read straight from the ledger
 * (a distinct count per region and period).
 */
let db: TestDatabase;
let fixture: LedgerFixture;
let release: string;
const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);

/** Every cell by definition: per region level and period, households distinct, persons Σ of each beneficiary's largest count. */
const LEDGER_CELLS = `
  select region_code, program_code, period_kind, period, count(distinct household_id)::int as households, sum(max_covered)::int as persons,
         sum(person_months)::int as person_months, sum(payments)::int as payments, sum(amount_fen)::text as amount_fen
  from (
    select r.code as region_code, p.program_code, per.kind as period_kind, per.period, p.household_id, p.person_id,
           max(p.covered_members) as max_covered,
           sum(case when p.kind = 'regular' then p.covered_members when p.kind = 'one_off' then 1 else 0 end) as person_months,
           count(*) as payments, sum(p.amount_fen) as amount_fen
    from payment p
    join release_period rp on rp.release_id = ? and rp.county_code = p.county_code and rp.month = p.month
    join program pr on pr.code = p.program_code and pr.disclosure <> 'hidden'
    cross join lateral (values ('month', to_char(p.month, 'YYYY-MM')), ('quarter', to_char(p.month, 'YYYY-"Q"Q')), ('year', to_char(p.month, 'YYYY')))
      as per(kind, period)
    cross join lateral (values (left(p.village_code, 6)), (left(p.village_code, 9)), (p.village_code)) as r(code)
    group by 1, 2, 3, 4, 5, 6
  ) beneficiaries
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4`;

const STORED_CELLS = `
  select region_code, program_code, period_kind, period, households, persons, person_months, payments, amount_fen::text as amount_fen
  from rollup_aggregate where release_id = ? order by 1, 2, 3, 4`;

/**
 * Moves a household with a 护理补贴 person to another village from April on, as the
 * registry records a move (the household and its enrollments take the new village), and pays April.
 */
async function moveHousehold(from: string, to: string): Promise<number> {
  const [household] = await db.orm.em.fork().execute<{ id: number }[]>(
    `select h.id from household h
     where h.village_code = ? and exists (select 1 from enrollment e where e.household_id = h.id and e.program_code = 'disability_care')
     order by h.id limit 1`,
    [from],
  );
  await run(async (em) => {
    await em.execute(`update household set village_code = ? where id = ?`, [to, household!.id]);
    await em.execute(`update enrollment set village_code = ? where household_id = ?`, [to, household!.id]);
  });
  return household!.id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  fixture = await buildLedger(db.orm);
  // villages 0–2 are in one town, 3–4 in another: one household moves within its town, one to the other town
  await moveHousehold(fixture.villages[0]!, fixture.villages[1]!);
  await moveHousehold(fixture.villages[0]!, fixture.villages[3]!);
  for (const programCode of ['dibao_rural', 'disability_care']) {
    const batch = await run((em) => generatePayroll(em, ADMIN, { countyCode: '370115', programCode, month: '2026-04' }));
    await run((em) => approvePayroll(em, ADMIN, batch.id));
  }
  release = (await run((em) => cutRelease(em, { createdBy: 'test' }))).id;
}, 240_000);

afterAll(async () => {
  await db?.drop();
});

describe('release aggregates', () => {
  it('count a household paid in two villages once in its town and county, every cell equal to the ledger’s distinct count', async () => {
    const [moved] = await db.orm.em
      .fork()
      .execute<{ n: number }[]>(
        `select count(*)::int as n from (select household_id from payment group by 1 having count(distinct village_code) > 1) m`,
      );
    expect(moved!.n).toBe(2);
    const ledger = await db.orm.em.fork().execute(LEDGER_CELLS, [release]);
    const stored = await db.orm.em.fork().execute(STORED_CELLS, [release]);
    expect(stored.length).toBeGreaterThan(100);
    expect(stored).toEqual(ledger);
    // the movers' year: the village they left and the one they joined both count them; the town and county once
    const year = (code: string) =>
      (stored as { region_code: string; program_code: string; period_kind: string; households: number }[]).find(
        (c) => c.region_code === code && c.program_code === 'disability_care' && c.period_kind === 'year',
      )!.households;
    expect(year(fixture.villages[0]!) + year(fixture.villages[1]!) + year(fixture.villages[2]!)).toBe(
      year(fixture.villages[0]!.slice(0, 9)) + 1,
    );
  });
});
