import { DomainError } from '@xingfu/domain';
import { findPresets, seedDatabase } from '@xingfu/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutTestRelease, releasedStandards, releasedYear } from '../support/release-figures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * A county over several years: `binhai` (2020–2022 around the calibrated 2021) and `jiyang`
 * (2022–2024, illustrative) load year after year into one county and one release publishes every
 * year; standards rise from year to year (滨海县's 低保 670 → 730 in July 2021 among them) and the
 * caseload drifts. A small scale keeps this quick: the generator is the same at every scale.
 */
const SCALE = 0.05;
let db: TestDatabase;
let release: string;

beforeAll(async () => {
  db = await createTestDatabase();
  for (const series of ['binhai', 'jiyang']) {
    for (const preset of findPresets(series)) await seedDatabase({ databaseUrl: db.url, preset, scale: SCALE });
  }
  release = await cutTestRelease(db);
}, 600_000);

afterAll(async () => {
  await db?.drop();
});

async function dibaoYears(county: string, years: number[]) {
  return Promise.all(
    years.map(async (year) => {
      const figures = await releasedYear(db, release, county, year);
      return { year, personMonths: (figures.get('dibao_urban')?.personMonths ?? 0) + (figures.get('dibao_rural')?.personMonths ?? 0) };
    }),
  );
}

describe.each([
  { series: 'binhai', county: '320922', years: [2020, 2021, 2022] },
  { series: 'jiyang', county: '370115', years: [2022, 2023, 2024] },
])('$series: one county, several years', ({ county, years }) => {
  it('publishes every year, with a caseload that drifts by a few per cent from year to year', async () => {
    const dibao = await dibaoYears(county, years);
    for (const { year, personMonths } of dibao) expect(personMonths, String(year)).toBeGreaterThan(0);
    for (let i = 1; i < dibao.length; i++) {
      const change = dibao[i]!.personMonths / dibao[i - 1]!.personMonths;
      expect(change).toBeGreaterThan(0.85);
      expect(change).toBeLessThan(1.15);
      expect(change).not.toBe(1);
    }
  });

  it('publishes 低保 standards that rise every July, one history across the years', async () => {
    const standards = (await releasedStandards(db, release, county)).filter((s) => s.program === 'dibao_rural');
    expect(standards.length).toBeGreaterThanOrEqual(years.length + 1);
    for (let i = 1; i < standards.length; i++) {
      expect(standards[i]!.month > standards[i - 1]!.month).toBe(true);
      expect(standards[i]!.yuan).toBeGreaterThan(standards[i - 1]!.yuan);
    }
  });
});

it('滨海县: the 低保 standard goes from 670 to 730 元 in July 2021, paid so in the ledger', async () => {
  const standards = (await releasedStandards(db, release, '320922')).filter((s) => s.program === 'dibao_rural');
  expect(standards.map((s) => `${s.month} ${s.yuan}`)).toEqual(['2019-07 620', '2020-07 670', '2021-07 730', '2022-07 780']);
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
