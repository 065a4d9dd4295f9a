import { DomainError } from '@xingfu/domain';
import { findPresets, seedDatabase } from '@xingfu/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { count, fen, programSum, publicDownloads, rowWhere, type PublicDownloads } from '../support/public-downloads.js';
import { cutTestRelease } from '../support/release-figures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * A county over several years: `binhai` (2020–2022 around the calibrated 2021) and `jiyang`
 * (2022–2024, illustrative) load year after year into one county and one release publishes every
 * year; standards rise from year to year (滨海县's 低保 670 → 730 in July 2021 among them) and the
 * caseload drifts; 济阳区's 李八村幸福院 and its joint inspections of May 2023 (seed 002). Every
 * figure is read from the public downloads of the release (/data/{county}/{year}/, as a journalist
 * reads them: tests/support/public-downloads.ts). A small scale keeps this quick: the generator is
 * the same at every scale.
 */
const SCALE = 0.05;
let db: TestDatabase;
let api: TestApi;
let downloads: PublicDownloads;

beforeAll(async () => {
  db = await createTestDatabase();
  for (const series of ['binhai', 'jiyang']) {
    for (const preset of findPresets(series)) await seedDatabase({ databaseUrl: db.url, preset, scale: SCALE });
  }
  await cutTestRelease(db);
  api = await startTestApi(db.orm);
  downloads = await publicDownloads(api);
}, 600_000);

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

/** 低保 (urban and rural) 人次 of each year, from each year's summary-by-program.csv. */
function dibaoYears(county: string, years: number[]) {
  return years.map((year) => ({
    year,
    personMonths: programSum(downloads.csv(county, year, 'summary-by-program.csv'), ['dibao_urban', 'dibao_rural'], (r) =>
      count(r, 'person_months'),
    ),
  }));
}

/** A program's standards in standards.csv (every year's folder holds the whole history: the same file), as `YYYY-MM yuan`. */
function standards(county: string, years: number[], program: string): string[] {
  const [first, ...others] = years.map((year) => downloads.file(county, year, 'standards.csv'));
  for (const other of others) expect(other).toBe(first);
  return downloads
    .csv(county, years[0]!, 'standards.csv')
    .filter((s) => s.program_code === program)
    .map((s) => `${s.effective_month} ${fen(s) / 100}`);
}

describe.each([
  { series: 'binhai', county: '320922', years: [2020, 2021, 2022] },
  { series: 'jiyang', county: '370115', years: [2022, 2023, 2024] },
])('$series: one county, several years', ({ county, years }) => {
  it('publishes every year, with a caseload that drifts by a few per cent from year to year (summary-by-program.csv)', () => {
    expect(downloads.folders.filter((f) => f.startsWith(`${county}/`))).toEqual(years.map((y) => `${county}/${y}`));
    const dibao = dibaoYears(county, years);
    for (const { year, personMonths } of dibao) expect(personMonths, String(year)).toBeGreaterThan(0);
    for (let i = 1; i < dibao.length; i++) {
      const change = dibao[i]!.personMonths / dibao[i - 1]!.personMonths;
      expect(change).toBeGreaterThan(0.85);
      expect(change).toBeLessThan(1.15);
      expect(change).not.toBe(1);
    }
  });

  it('publishes 低保 standards that rise every July, one history across the years (standards.csv)', () => {
    const history = standards(county, years, 'dibao_rural');
    expect(history.length).toBeGreaterThanOrEqual(years.length + 1);
    for (let i = 1; i < history.length; i++) {
      const [month, yuan] = history[i]!.split(' ');
      const [previousMonth, previousYuan] = history[i - 1]!.split(' ');
      expect(month!.endsWith('-07') && month! > previousMonth!).toBe(true);
      expect(Number(yuan)).toBeGreaterThan(Number(previousYuan));
    }
  });
});

it('滨海县: the 低保 standard goes from 670 to 730 元 in July 2021 (standards.csv), paid so in the ledger', async () => {
  expect(standards('320922', [2020, 2021, 2022], 'dibao_rural')).toEqual(['2019-07 620', '2020-07 670', '2021-07 730', '2022-07 780']);
  const paid = await db.orm.em.fork().execute<{ month: string; standard: string }[]>(
    `select to_char(month, 'YYYY-MM') as month, min(standard_fen)::text || '-' || max(standard_fen)::text as standard from payment
     where county_code = '320922' and program_code = 'dibao_rural' and kind = 'regular' and month in ('2021-06-01', '2021-07-01')
     group by month order by month`,
  );
  expect(paid).toEqual([
    { month: '2021-06', standard: '67000-67000' },
    { month: '2021-07', standard: '73000-73000' },
  ]);
});

it('济阳区: 李八村幸福院 in 仁风镇 (elder-care-facilities.csv); the six joint inspections of May 2023 (elder-care-inspections.csv)', () => {
  const libacun = rowWhere(downloads.csv('370115', 2023, 'elder-care-facilities.csv'), { facility_name: '李八村幸福院' });
  expect(libacun).toMatchObject({
    kind: '农村幸福院',
    town_code: '370115104',
    town_name: '仁风镇',
    opened_on: '2023-01-10',
    closed_on: '',
  });
  expect(libacun.village_name).toMatch(/^李八村/);
  // 109 elders a month: 幸福院 activity is not published (docs/demo-data.md, "Calibration"); tests/integration/eldercare-seed.test.ts reads it
  const inspections = downloads.csv('370115', 2023, 'elder-care-inspections.csv');
  const byQuarter = new Map(inspections.map((r) => [r.quarter!, count(r, 'inspections')]));
  expect(byQuarter.get('2023-Q2')).toBe(6);
  expect([...byQuarter].filter(([quarter, n]) => quarter !== '2023-Q2' && n > 0)).toEqual([]);
  const homes = downloads.csv('370115', 2023, 'elder-care-facilities.csv').filter((f) => f.kind === '公办敬老院');
  expect(homes).toHaveLength(6);
  for (const home of homes) expect(count(home, 'inspections')).toBe(1);
});

it('refuses a year the county already has, and loads one it has not', async () => {
  await expect(seedDatabase({ databaseUrl: db.url, preset: 'jiyang-2023', scale: SCALE })).rejects.toThrow(DomainError);
  await expect(seedDatabase({ databaseUrl: db.url, preset: 'jiyang-2023', scale: SCALE })).rejects.toThrow(/already has a ledger for 2023/);
  const years = await db.orm.em
    .fork()
    .execute<{ year: number }[]>(
      `select distinct extract(year from month)::int as year from payroll_batch where county_code = '370115' order by 1`,
    );
  expect(years.map((y) => y.year)).toEqual([2022, 2023, 2024]);
});
