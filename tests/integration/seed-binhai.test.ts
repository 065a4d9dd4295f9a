import { generatePayroll, parseIdNumber, type Actor } from '@xingfu/domain';
import { BINHAI_2021, SYNTHETIC_MARK, seedDatabase, type SeedReport } from '@xingfu/seed';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import {
  count,
  decimal,
  fen,
  programSum,
  publicDownloads,
  rowWhere,
  within1Percent,
  type PublicDownloads,
} from '../support/public-downloads.js';
import { cutTestRelease } from '../support/release-figures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Regenerates the `binhai-2021` preset (滨海县 320922, 2021) and reads every published figure of
 * DOMAIN.md and of the elder-care seed (003) from the public downloads of a release
 * (/data/320922/2021/, as a journalist reads them: tests/support/public-downloads.ts), within 1 %
 * where the seed report gives a rounded figure, with the definitions of docs/demo-data.md. Nothing
 * here reads the preset's targets back. What no download holds (the standard each payment was
 * computed with, 尊老金's app share since April) is read from the ledger; then the ledger's consistency.
 */
let db: TestDatabase;
let client: pg.Client;
let api: TestApi;
let report: SeedReport;
let downloads: PublicDownloads;
const COUNTY = '320922';

beforeAll(async () => {
  db = await createTestDatabase();
  report = await seedDatabase({ databaseUrl: db.url, preset: 'binhai-2021' });
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  // the release of the freshly loaded ledger (before the last test regenerates batches), and its files
  await cutTestRelease(db);
  api = await startTestApi(db.orm);
  downloads = await publicDownloads(api);
}, 900_000);

afterAll(async () => {
  await client?.end();
  await api?.close();
  await db?.drop();
});

async function one<T extends Record<string, unknown>>(sql: string, params: unknown[] = [COUNTY]): Promise<T> {
  const result = await client.query<T>(sql, params);
  return result.rows[0]!;
}

const YEAR = `month between '2021-01-01' and '2021-12-01'`;
const MONTHS = Array.from({ length: 12 }, (_, i) => `2021-${String(i + 1).padStart(2, '0')}`);
const summary = () => downloads.csv(COUNTY, 2021, 'summary-by-program.csv');
const program = (code: string) => rowWhere(summary(), { program_code: code });
const persons = (row: Record<string, string>) => count(row, 'persons');
const personMonths = (row: Record<string, string>) => count(row, 'person_months');

/** The standards of a program in effect in a month (standards.csv: the latest effective month up to it, per area and tier), in yuan. */
function standardsInEffect(code: string, month: string): number[] {
  const rows = downloads.csv(COUNTY, 2021, 'standards.csv').filter((s) => s.program_code === code && s.effective_month! <= month);
  const latest = new Map<string, Record<string, string>>();
  for (const s of rows) {
    const key = `${s.area_type}|${s.tier}`;
    if ((latest.get(key)?.effective_month ?? '') < s.effective_month!) latest.set(key, s);
  }
  return [...new Set([...latest.values()].map((s) => fen(s) / 100))].sort((a, b) => a - b);
}

describe('binhai-2021 publishes the figures of the 2021 review: /data/320922/2021/', () => {
  it('loads with COPY and reports its speed', () => {
    expect(report.countyCode).toBe(COUNTY);
    expect(report.rows).toBeGreaterThan(500_000);
    expect(report.rowsPerSecond).toBeGreaterThan(0);
    expect(downloads.folders).toEqual([`${COUNTY}/2021`]);
  });

  it('summary-by-program.csv: 低保 13497.3 万元 over 268325 人次', () => {
    within1Percent(programSum(summary(), ['dibao_urban', 'dibao_rural'], fen), 134_973_000 * 100);
    within1Percent(programSum(summary(), ['dibao_urban', 'dibao_rural'], personMonths), 268_325);
  });

  it('standards.csv: 低保 670 元 until June, 730 元 from July 2021; 特困 1300 元 all year', () => {
    for (const month of MONTHS) {
      for (const code of ['dibao_urban', 'dibao_rural'])
        expect(standardsInEffect(code, month), `${code} ${month}`).toEqual([month < '2021-07' ? 670 : 730]);
      for (const code of ['tekun_centralized', 'tekun_dispersed'])
        expect(standardsInEffect(code, month), `${code} ${month}`).toEqual([1300]);
    }
  });

  it('summary-by-program.csv: 特困 5623 people', () => {
    within1Percent(programSum(summary(), ['tekun_centralized', 'tekun_dispersed'], persons), 5623);
  });

  it('summary-by-program.csv: 临时救助 572.35 万元 over 5691 人次', () => {
    within1Percent(personMonths(program('temporary_relief')), 5691);
    within1Percent(fen(program('temporary_relief')), 5_723_500 * 100);
  });

  it('summary-by-program.csv: 困难残疾人生活补贴 9229.8 万元 to 15660 people; 重度残疾护理补贴 2276.3 万元 to 15076 people', () => {
    within1Percent(fen(program('disability_living')), 92_298_000 * 100);
    within1Percent(persons(program('disability_living')), 15_660);
    within1Percent(fen(program('disability_care')), 22_763_000 * 100);
    within1Percent(persons(program('disability_care')), 15_076);
  });

  it('re-reviews.csv: 7209 reviewed; 477 / 775 cancelled; 965 / 1615 adjusted; 488 / 830 newly approved', () => {
    const campaigns = downloads.csv(COUNTY, 2021, 're-reviews.csv');
    expect(campaigns).toHaveLength(1);
    const campaign = campaigns[0]!;
    within1Percent(count(campaign, 'reviewed_households'), 7209);
    within1Percent(count(campaign, 'cancelled_households'), 477);
    within1Percent(count(campaign, 'cancelled_persons'), 775);
    within1Percent(count(campaign, 'adjusted_households'), 965);
    within1Percent(count(campaign, 'adjusted_persons'), 1615);
    within1Percent(count(campaign, 'newly_approved_households'), 488);
    within1Percent(count(campaign, 'newly_approved_persons'), 830);
  });

  it('summary-by-program.csv: 殡葬惠民 909.03 万元 of basic funeral fees waived', () => {
    within1Percent(fen(program('funeral_waiver')), 9_090_300 * 100);
  });

  it('summary-by-program.csv: 慈善救助 553 人次 / 156.94 万元; 助学 192 人次 / 23.5 万元', () => {
    within1Percent(personMonths(program('charity_aid')), 553);
    within1Percent(fen(program('charity_aid')), 1_569_400 * 100);
    within1Percent(personMonths(program('student_aid')), 192);
    within1Percent(fen(program('student_aid')), 235_000 * 100);
  });

  it('summary-by-program.csv: 15647 困境儿童 counted (shown, not suppressed)', () => {
    within1Percent(persons(program('children_in_distress')), 15_647);
  });

  it('elder-care-by-town.csv: home services to 31,083 of 31,167 eligible (99.73 %); 547 homes modified against a target of 350', () => {
    const county = rowWhere(downloads.csv(COUNTY, 2021, 'elder-care-by-town.csv'), { region_code: COUNTY });
    expect(count(county, 'persons_served')).toBe(31_083);
    expect(count(county, 'eligible_persons')).toBe(31_167);
    expect(decimal(county, 'coverage_percent')).toBe(99.73);
    expect(count(county, 'modifications_completed')).toBe(547);
    expect(count(county, 'modification_target')).toBe(350);
  });
});

describe('binhai-2021: what no download holds, from the ledger (and the 尊老金 app applications)', () => {
  it('低保 paid at 670 元 until June and 730 元 from July 2021; 特困 at 1300 元, every regular payment', async () => {
    const rows = await client.query<{ month: string; standards: number[] }>(
      `select to_char(month, 'YYYY-MM') as month, array_agg(distinct standard_fen / 100) as standards from payment
       where county_code = $1 and program_code in ('dibao_urban', 'dibao_rural') and kind = 'regular' and ${YEAR} group by 1 order by 1`,
      [COUNTY],
    );
    expect(rows.rows).toHaveLength(12);
    for (const r of rows.rows) expect(r.standards.map(Number)).toEqual([r.month < '2021-07' ? 670 : 730]);
    const tekun = await one<{ standards: number[] }>(
      `select array_agg(distinct standard_fen) as standards from payment
       where county_code = $1 and program_code in ('tekun_centralized', 'tekun_dispersed') and kind = 'regular' and ${YEAR}`,
    );
    expect(tekun.standards.map(Number)).toEqual([130_000]);
  });

  it('尊老金: 3336 applications in the app (application-channels.csv), from April 2021 when it opened: 92 % of those decided since (from the ledger)', async () => {
    const app = rowWhere(downloads.csv(COUNTY, 2021, 'application-channels.csv'), { program_code: 'senior_allowance', channel: 'app' });
    within1Percent(count(app, 'applications'), 3336);
    // the download's share is of the whole year's applications (the app opened in April): the share since April from the ledger
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
