import { generatePayroll, parseIdNumber, reviewStatistics, type Actor } from '@xingfu/domain';
import { BINHAI_2021, SYNTHETIC_MARK, seedDatabase, type SeedReport } from '@xingfu/seed';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutTestRelease, releasedYear, sum, type ReleasedProgramYear } from '../support/release-figures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Regenerates the `binhai-2021` preset (滨海县 320922, 2021) and checks every published figure of
 * DOMAIN.md against what the ledger rows add up to, within 1%, with the definitions of
 * docs/demo-data.md. Nothing here reads the preset's targets back: each figure is computed in SQL.
 */
let db: TestDatabase;
let client: pg.Client;
let report: SeedReport;
let released: Map<string, ReleasedProgramYear>;
const COUNTY = '320922';

beforeAll(async () => {
  db = await createTestDatabase();
  report = await seedDatabase({ databaseUrl: db.url, preset: 'binhai-2021' });
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  // the release of the freshly loaded ledger (before the last test regenerates batches)
  released = await releasedYear(db, await cutTestRelease(db), COUNTY, 2021);
}, 900_000);

afterAll(async () => {
  await client?.end();
  await db?.drop();
});

async function one<T extends Record<string, unknown>>(sql: string, params: unknown[] = [COUNTY]): Promise<T> {
  const result = await client.query<T>(sql, params);
  return result.rows[0]!;
}

function within1Percent(actual: number, published: number): void {
  expect(Math.abs(actual - published) / published, `${actual} vs published ${published}`).toBeLessThanOrEqual(0.01);
}

const YEAR = `month between '2021-01-01' and '2021-12-01'`;

describe('binhai-2021 reproduces the published 2021 figures from the ledger', () => {
  it('loads with COPY and reports its speed', () => {
    expect(report.countyCode).toBe(COUNTY);
    expect(report.rows).toBeGreaterThan(500_000);
    expect(report.rowsPerSecond).toBeGreaterThan(0);
  });

  it('低保: 13497.3 万元 over 268325 person-months (人次)', async () => {
    const amount = await one<{ fen: string }>(
      `select sum(amount_fen)::text as fen from payment where county_code = $1 and program_code in ('dibao_urban', 'dibao_rural')
         and kind in ('regular', 'back_pay', 'recovery') and ${YEAR}`,
    );
    within1Percent(Number(amount.fen), 134_973_000 * 100);
    const personMonths = await one<{ n: string }>(
      `select sum(covered_members)::text as n from payment where county_code = $1 and program_code in ('dibao_urban', 'dibao_rural')
         and kind = 'regular' and ${YEAR}`,
    );
    within1Percent(Number(personMonths.n), 268_325);
  });

  it('低保 standard: 670 元 until June, 730 元 from July 2021, for every regular payment', async () => {
    const rows = await client.query<{ month: string; standards: number[] }>(
      `select to_char(month, 'YYYY-MM') as month, array_agg(distinct standard_fen / 100) as standards from payment
       where county_code = $1 and program_code in ('dibao_urban', 'dibao_rural') and kind = 'regular' and ${YEAR} group by 1 order by 1`,
      [COUNTY],
    );
    expect(rows.rows).toHaveLength(12);
    for (const r of rows.rows) expect(r.standards.map(Number)).toEqual([r.month < '2021-07' ? 670 : 730]);
  });

  it('特困: 5623 people paid at 1300 元/人/月', async () => {
    const tekun = await one<{ people: string; standards: number[] }>(
      `select count(distinct person_id)::text as people, array_agg(distinct standard_fen) as standards from payment
       where county_code = $1 and program_code in ('tekun_centralized', 'tekun_dispersed') and kind = 'regular' and ${YEAR}`,
    );
    within1Percent(Number(tekun.people), 5623);
    expect(tekun.standards.map(Number)).toEqual([130_000]);
  });

  it('临时救助: 572.35 万元 over 5691 人次', async () => {
    const relief = await one<{ n: string; fen: string }>(
      `select count(*)::text as n, sum(amount_fen)::text as fen from payment
       where county_code = $1 and program_code = 'temporary_relief' and kind = 'one_off' and ${YEAR}`,
    );
    within1Percent(Number(relief.n), 5691);
    within1Percent(Number(relief.fen), 5_723_500 * 100);
  });

  it('困难残疾人生活补贴 9229.8 万元 to 15660 people; 重度残疾护理补贴 2276.3 万元 to 15076 people', async () => {
    const rows = await client.query<{ program_code: string; fen: string; people: string }>(
      `select program_code, sum(amount_fen)::text as fen, count(distinct person_id) filter (where kind = 'regular')::text as people
       from payment where county_code = $1 and program_code in ('disability_living', 'disability_care') and ${YEAR} group by 1`,
      [COUNTY],
    );
    const by = new Map(rows.rows.map((r) => [r.program_code, r]));
    within1Percent(Number(by.get('disability_living')?.fen), 92_298_000 * 100);
    within1Percent(Number(by.get('disability_living')?.people), 15_660);
    within1Percent(Number(by.get('disability_care')?.fen), 22_763_000 * 100);
    within1Percent(Number(by.get('disability_care')?.people), 15_076);
  });

  it('re-review: 7209 reviewed; 477 / 775 cancelled; 965 / 1615 adjusted; 488 / 830 newly approved (reviewStatistics)', async () => {
    const campaign = await one<{ id: number }>('select id from review_campaign where county_code = $1');
    const stats = (await reviewStatistics(db.orm.em.fork(), [campaign.id])).get(campaign.id)!;
    within1Percent(stats.reviewedHouseholds, 7209);
    within1Percent(stats.cancelledHouseholds, 477);
    within1Percent(stats.cancelledPersons, 775);
    within1Percent(stats.adjustedHouseholds, 965);
    within1Percent(stats.adjustedPersons, 1615);
    within1Percent(stats.newlyApprovedHouseholds, 488);
    within1Percent(stats.newlyApprovedPersons, 830);
  });
});

describe('binhai-2021 publishes the figures of the 2021 review in a release (what the downloads are made from)', () => {
  const figure = (program: string) => released.get(program)!;

  it('低保 13497.3 万元 / 268325 人次; 特困 5623 people; 临时救助 572.35 万元 / 5691 人次; the disability subsidies', () => {
    within1Percent(sum(released, ['dibao_urban', 'dibao_rural'], 'amountFen'), 134_973_000 * 100);
    within1Percent(sum(released, ['dibao_urban', 'dibao_rural'], 'personMonths'), 268_325);
    within1Percent(sum(released, ['tekun_centralized', 'tekun_dispersed'], 'persons'), 5623);
    within1Percent(figure('temporary_relief').amountFen, 5_723_500 * 100);
    within1Percent(figure('temporary_relief').personMonths, 5691);
    within1Percent(figure('disability_living').amountFen, 92_298_000 * 100);
    within1Percent(figure('disability_living').persons, 15_660);
    within1Percent(figure('disability_care').amountFen, 22_763_000 * 100);
    within1Percent(figure('disability_care').persons, 15_076);
  });

  it('殡葬惠民: 909.03 万元 of basic funeral fees waived', () => {
    within1Percent(figure('funeral_waiver').amountFen, 9_090_300 * 100);
  });

  it('慈善救助 553 人次 / 156.94 万元; 助学 192 人次 / 23.5 万元', () => {
    within1Percent(figure('charity_aid').personMonths, 553);
    within1Percent(figure('charity_aid').amountFen, 1_569_400 * 100);
    within1Percent(figure('student_aid').personMonths, 192);
    within1Percent(figure('student_aid').amountFen, 235_000 * 100);
  });

  it('15647 困境儿童 counted', () => {
    expect(figure('children_in_distress').suppressed).toBe(false);
    within1Percent(figure('children_in_distress').persons, 15_647);
  });

  it('尊老金: 3336 applications in the app from April 2021 (when it opened), 92 % of all (from the ledger; releases publish them as applicationChannels)', async () => {
    const apps = await one<{ app: string; all: string }>(
      `select count(*) filter (where channel = 'app')::text as app, count(*)::text as all from application
       where county_code = $1 and program_code = 'senior_allowance' and decided_on between '2021-04-01' and '2021-12-31'`,
    );
    within1Percent(Number(apps.app), 3336);
    within1Percent(Number(apps.app) / Number(apps.all), 0.92);
  });
});

describe('binhai-2021 is a consistent ledger', () => {
  it('every payroll batch adds up to its payments', async () => {
    const wrong = await one<{ n: string; batches: string }>(
      `select count(*) filter (where b.payment_count <> coalesce(p.n, 0) or b.total_fen <> coalesce(p.total, 0))::text as n, count(*)::text as batches
       from payroll_batch b left join (select batch_id, count(*) as n, sum(amount_fen) as total from payment group by 1) p on p.batch_id = b.id
       where b.county_code = $1`,
    );
    expect(Number(wrong.batches)).toBe(7 * 12);
    expect(Number(wrong.n)).toBe(0);
  });

  it('review outcomes are reflected in the enrollments', async () => {
    const bad = await one<{ cancel: string; adjust: string }>(
      `select
         count(*) filter (where t.outcome = 'cancel' and (e.status <> 'ended' or e.exit_reason <> 'cancelled_on_review' or e.end_month <> date_trunc('month', t.decided_on)::date))::text as cancel,
         count(*) filter (where t.outcome = 'adjust' and (e.exit_reason <> 'adjusted' or n.previous_enrollment_id <> e.id
                                                          or n.start_month <> (e.end_month + interval '1 month')::date))::text as adjust
       from review_task t join review_campaign c on c.id = t.campaign_id join enrollment e on e.id = t.enrollment_id
       left join enrollment n on n.id = t.new_enrollment_id where c.county_code = $1`,
    );
    expect(Number(bad.cancel)).toBe(0);
    expect(Number(bad.adjust)).toBe(0);
  });

  it('nobody is paid 低保 and 特困 in the same month', async () => {
    const overlap = await one<{ n: string }>(
      `select count(*)::text as n from payment t
       join household_member m on m.person_id = t.person_id
       join payment d on d.household_id = m.household_id and d.month = t.month and d.kind = 'regular'
                      and d.program_code in ('dibao_urban', 'dibao_rural')
       where t.county_code = $1 and t.kind = 'regular' and t.program_code in ('tekun_centralized', 'tekun_dispersed')`,
    );
    expect(Number(overlap.n)).toBe(0);
  });

  it('has applications in every lifecycle state, objections, back pay and recoveries', async () => {
    const statuses = await client.query<{ status: string }>(
      'select distinct status::text as status from application where county_code = $1',
      [COUNTY],
    );
    expect(statuses.rows.map((r) => r.status).sort()).toEqual([
      'accepted',
      'applied',
      'approved',
      'investigated',
      'publicized',
      'rejected',
      'verified',
    ]);
    const kinds = await client.query<{ kind: string }>('select distinct kind::text as kind from payment where county_code = $1', [COUNTY]);
    expect(kinds.rows.map((r) => r.kind).sort()).toEqual(['back_pay', 'one_off', 'recovery', 'regular']);
    const objections = await one<{ upheld: string; dismissed: string }>(
      `select count(*) filter (where upheld)::text as upheld, count(*) filter (where not upheld)::text as dismissed
       from objection o join application a on a.id = o.application_id where a.county_code = $1`,
    );
    expect(Number(objections.upheld)).toBeGreaterThan(0);
    expect(Number(objections.dismissed)).toBeGreaterThan(0);
    const exits = await client.query<{ exit_reason: string }>(
      `select distinct exit_reason::text from enrollment where county_code = $1 and exit_reason is not null`,
      [COUNTY],
    );
    expect(exits.rows.map((r) => r.exit_reason)).toEqual(
      expect.arrayContaining(['cancelled_on_review', 'adjusted', 'deceased', 'moved_away']),
    );
  });

  it('persons: valid synthetic ID numbers of the county with their birth date and sex, plausible names', async () => {
    const persons = await client.query<{ id_number: string; name: string; sex: string; birth_date: string }>(
      `select p.id_number, p.name, p.sex::text, to_char(p.birth_date, 'YYYY-MM-DD') as birth_date from person p
       where exists (select 1 from household_member m join household h on h.id = m.household_id where m.person_id = p.id and h.county_code = $1)`,
      [COUNTY],
    );
    expect(persons.rows.length).toBeGreaterThan(50_000);
    let threeCharacters = 0;
    let compound = 0;
    for (const p of persons.rows) {
      const info = parseIdNumber(p.id_number);
      expect(info.regionCode).toBe(COUNTY);
      expect(info.birthDate).toBe(p.birth_date);
      expect(info.sex).toBe(p.sex);
      expect(p.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      if (p.name.length === 3) threeCharacters++;
      if (/^(欧阳|司马|诸葛|上官|司徒|皇甫|东方|夏侯|令狐|尉迟)/.test(p.name)) compound++;
    }
    expect(threeCharacters / persons.rows.length).toBeGreaterThan(0.6);
    expect(compound).toBeGreaterThan(0);
  });

  it('marks everything as synthetic (示例数据)', async () => {
    const unmarked = await one<{ households: string; batches: string }>(
      `select (select count(*) from household where county_code = $1 and address not like '【${SYNTHETIC_MARK}】%')::text as households,
              (select count(*) from payroll_batch where county_code = $1 and generated_by not like '${SYNTHETIC_MARK}/%')::text as batches`,
    );
    expect(unmarked).toEqual({ households: '0', batches: '0' });
    expect(BINHAI_2021.dibao.campaign.name).toContain(SYNTHETIC_MARK);
  });
  // last: it replaces three batches with ones generated by the domain service. The generated
  // history paid some persons for months after their death (recorded late, as in life); a payroll
  // generated now knows the death and never pays them.
  it('the payroll regenerates a month exactly as generatePayroll computes it, without persons who died before it', async () => {
    const admin: Actor = { subject: 'county_admin@320922', role: 'county_admin', regionCode: COUNTY };
    for (const [program, month] of [
      ['dibao_urban', '2021-07'],
      ['tekun_dispersed', '2021-03'],
      ['disability_care', '2021-12'],
      ['senior_allowance', '2021-09'],
    ] as const) {
      const before = await client.query<{ key: string }>(
        `select enrollment_id || ':' || amount_fen || ':' || covered_members || ':' || standard_fen as key from payment
         where county_code = $1 and program_code = $2 and month = $3::date and kind = 'regular'
           and not exists (select 1 from person p where p.id = payment.person_id and p.deceased_on < $3::date)
         order by enrollment_id`,
        [COUNTY, program, `${month}-01`],
      );
      // generated batches are frozen; the test replaces them as the loader would
      await client.query("set xingfu.writing_generated_data = 'on'");
      await client.query(
        `delete from payment where batch_id = (select id from payroll_batch where county_code = $1 and program_code = $2 and month = $3::date)`,
        [COUNTY, program, `${month}-01`],
      );
      await client.query(`delete from payroll_batch where county_code = $1 and program_code = $2 and month = $3::date`, [
        COUNTY,
        program,
        `${month}-01`,
      ]);
      await generatePayroll(db.orm.em.fork(), admin, { countyCode: COUNTY, programCode: program, month });
      const after = await client.query<{ key: string }>(
        `select enrollment_id || ':' || amount_fen || ':' || covered_members || ':' || standard_fen as key from payment
         where county_code = $1 and program_code = $2 and month = $3::date and kind = 'regular' order by enrollment_id`,
        [COUNTY, program, `${month}-01`],
      );
      expect(before.rows.length).toBeGreaterThan(100);
      expect(after.rows.map((r) => r.key)).toEqual(before.rows.map((r) => r.key));
    }
  });
});
