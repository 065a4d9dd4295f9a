import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { cutRelease, SHIPPED_COUNTIES, verifyRelease, type EntityManager } from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-process.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { buildLedger } from '../support/ledger-fixture.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Issue 18, coverage and per-capita: a dated 户籍人口 dataset per county and town, with its
 * source, loaded with the regions (sample figures, 示例数据) or from a bureau's CSV with
 * `xingfu regions population`, and frozen into every release.
 */
let db: TestDatabase;
let api: TestApi;
const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);
const population = (where = 'true') =>
  db.orm.em
    .fork()
    .execute<{ region_code: string; year: number; population: number; as_of: string; source: string; sample: boolean }[]>(
      `select region_code, year, population, to_char(as_of, 'YYYY-MM-DD') as as_of, source, sample from region_population where ${where} order by region_code, year`,
    );

async function loadCli(csv: string) {
  const file = join(tmpdir(), `population-${process.pid}-${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(file, csv);
  const cli = runCli(['regions', 'population', file], { DATABASE_URL: db.url });
  return { code: await cli.exited, stdout: cli.stdout(), stderr: cli.stderr() };
}

beforeAll(async () => {
  db = await createTestDatabase();
  await buildLedger(db.orm, { households: 12 });
  api = await startTestApi(db.orm);
}, 120_000);

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('the shipped population dataset', () => {
  it('gives every shipped county and each of its towns a dated, sourced figure marked sample, the towns summing to the county', async () => {
    const rows = await population();
    const em = db.orm.em.fork();
    const regions = await em.execute<{ code: string }[]>(`select code from region where level in ('county', 'town') order by code`);
    expect(rows.map((r) => r.region_code)).toEqual(regions.map((r) => r.code));
    for (const r of rows) {
      expect(r.sample).toBe(true);
      expect(r.source).toMatch(/^示例数据/);
      expect(r.as_of).toBe(`${r.year}-12-31`);
    }
    for (const county of SHIPPED_COUNTIES) {
      const own = rows.find((r) => r.region_code === county)!;
      const towns = rows.filter((r) => r.region_code.length === 9 && r.region_code.startsWith(county));
      expect(towns.length).toBeGreaterThan(5);
      expect(towns.reduce((sum, t) => sum + t.population, 0)).toBe(own.population);
    }
  });
});

describe('xingfu regions population', () => {
  it('replaces the figures of the regions and years a bureau file names and keeps the others', async () => {
    const before = await population(`region_code like '370115%' and region_code <> '370115003'`);
    const out = await loadCli(
      'region_code,year,population,as_of,source\n370115003,2023,61234,2023-12-31,济阳区公安分局户籍统计\n370115003,2024,61001,2024-12-31,济阳区公安分局户籍统计\n',
    );
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/Loaded 2 population figures/);
    expect(await population(`region_code = '370115003'`)).toEqual([
      { region_code: '370115003', year: 2023, population: 61234, as_of: '2023-12-31', source: '济阳区公安分局户籍统计', sample: false },
      { region_code: '370115003', year: 2024, population: 61001, as_of: '2024-12-31', source: '济阳区公安分局户籍统计', sample: false },
    ]);
    expect(await population(`region_code like '370115%' and region_code <> '370115003'`)).toEqual(before);
  }, 60_000);

  it.each([
    ['a village code', '370115003001,2023,100,2023-12-31,统计', /line 3.*not a county \(6 digits\) or town/],
    ['a population of zero', '370115,2023,0,2023-12-31,统计', /line 3.*not a population/],
    ['a missing source', '370115,2023,500000,2023-12-31,', /line 3.*source is required/],
    ['a date that is not one', '370115,2023,500000,2023-02-30,统计', /line 3.*not a date/],
    ['an unknown town', '370115999,2023,500000,2023-12-31,统计', /No region has the code 370115999/],
  ])(
    'refuses a file with %s and loads nothing of it',
    async (_, line, message) => {
      const before = await population();
      const out = await loadCli(
        `region_code,year,population,as_of,source\n370115,2023,1,2023-12-31,统计\n${line}\n`.replace(
          /\n370115,2023,1,/,
          '\n370115,2030,1,',
        ),
      );
      expect(out.code).not.toBe(0);
      expect(out.stderr).toMatch(message);
      expect(await population()).toEqual(before);
    },
    60_000,
  );
});

describe('a release', () => {
  it('freezes the population of its counties: a later change moves nothing it publishes, and verify names the difference', async () => {
    const release = (await run((em) => cutRelease(em, { createdBy: 'test' }))).id;
    const em = db.orm.em.fork();
    const frozen = () =>
      em.execute<{ region_code: string; population: number; source: string }[]>(
        `select region_code, population, source from release_population where release_id = ? order by region_code, year`,
        [release],
      );
    const rows = await frozen();
    // the fixture publishes 济阳区 only: its county and towns, every year loaded
    expect(new Set(rows.map((r) => r.region_code.slice(0, 6)))).toEqual(new Set(['370115']));
    expect(rows.length).toBe((await population(`region_code like '370115%'`)).length);
    expect(await verifyRelease(em, release)).toEqual([]);

    await em.execute(`update region_population set population = population + 1 where region_code = '370115'`);
    expect(await frozen()).toEqual(rows);
    const differences = await verifyRelease(em, release);
    expect(differences.map((d) => [d.table, JSON.parse(d.key) as unknown])).toEqual([
      ['release_population', { region_code: '370115', year: 2023 }],
    ]);
    await em.execute(`update region_population set population = population - 1 where region_code = '370115'`);
    expect(await verifyRelease(em, release)).toEqual([]);
  });
});

interface CoverageRow {
  regionCode: string;
  programCode: string;
  suppressed: boolean;
  persons: number | null;
  amount: string | null;
  coveragePercent: string | null;
  amountPerCapita: string | null;
  amountPerBeneficiary: string | null;
  population: { year: number; population: number; asOf: string; source: string; sample: boolean } | null;
}

describe('the public coverage query', () => {
  const query = `query ($r: ID) { coverage(countyCode: "370115", year: 2026, releaseId: $r) {
    regionCode programCode suppressed persons amount coveragePercent amountPerCapita amountPerBeneficiary
    population { year population asOf source sample } } }`;

  it('divides the year’s persons and amount by the 户籍人口 the release froze, for the county and each town', async () => {
    const release = (await run((em) => cutRelease(em, { createdBy: 'test' }))).id;
    const answer = await api.query<{ coverage: CoverageRow[] }>('/public/graphql', query, { variables: { r: release } });
    expect(answer.errors).toBeUndefined();
    const rows = answer.data!.coverage;
    // the ledger, independently: persons and amount of 低保 per region in 2026, and the population loaded
    const em = db.orm.em.fork();
    const ledger = await em.execute<{ region_code: string; amount_fen: string; persons: number; population: number; year: number }[]>(
      `select r.code as region_code, sum(p.amount_fen)::text as amount_fen,
              (select sum(m)::int from (select max(p2.covered_members) as m from payment p2
                 where p2.program_code = 'dibao_rural' and p2.village_code like r.code || '%' and extract(year from p2.month) = 2026
                 group by p2.household_id) x) as persons,
              pop.population, pop.year
       from payment p
       cross join lateral (values (left(p.village_code, 6)), (left(p.village_code, 9))) r(code)
       join region_population pop on pop.region_code = r.code
         and pop.year = (select max(year) from region_population where region_code = r.code and year <= 2026)
       where p.program_code = 'dibao_rural' and extract(year from p.month) = 2026
       group by r.code, pop.population, pop.year order by r.code`,
    );
    expect(ledger.map((l) => l.region_code)).toEqual(['370115', '370115005', '370115104']);
    for (const l of ledger) {
      const row = rows.find((r) => r.regionCode === l.region_code && r.programCode === 'dibao_rural')!;
      const amount = BigInt(l.amount_fen);
      const round = (a: bigint, b: bigint) => (a * 2n + b) / (2n * b);
      const yuan = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
      const hundredths = round(BigInt(l.persons) * 10000n, BigInt(l.population));
      expect(row).toEqual({
        regionCode: l.region_code,
        programCode: 'dibao_rural',
        suppressed: false,
        persons: l.persons,
        amount: yuan(amount),
        coveragePercent: `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`,
        amountPerCapita: yuan(round(amount, BigInt(l.population))),
        amountPerBeneficiary: yuan(round(amount, BigInt(l.persons))),
        population: expect.objectContaining({ year: l.year, population: l.population }) as unknown,
      });
    }
    // 2026 has no figure loaded: the latest earlier one (2023, sample) is used and named
    const county = rows.find((r) => r.regionCode === '370115' && r.programCode === 'dibao_rural')!;
    expect(county.population).toEqual({
      year: 2023,
      population: 567842,
      asOf: '2023-12-31',
      source: expect.stringMatching(/^示例数据/),
      sample: true,
    });
    // a town loaded for 2023 and 2024 by a bureau file: the nearest earlier year to 2026, 2024
    const town = rows.find((r) => r.regionCode === '370115003');
    expect(town).toBeUndefined(); // no beneficiary there: no rollup, no row
  });

  it('suppresses every derived figure with the cell of a program counted only', async () => {
    const answer = await api.query<{ coverage: CoverageRow[] }>('/public/graphql', query);
    const counted = answer.data!.coverage.filter((r) => r.programCode === 'disability_care');
    expect(counted.length).toBeGreaterThan(0);
    for (const row of counted) {
      expect(row).toMatchObject({
        suppressed: true,
        persons: null,
        amount: null,
        coveragePercent: null,
        amountPerCapita: null,
        amountPerBeneficiary: null,
      });
      expect(row.population?.population).toBeGreaterThan(0); // the denominator itself is public
    }
  });

  it('publishes no rate where no population is loaded, and the rollup figures still', async () => {
    const em = db.orm.em.fork();
    const saved = await em.execute(`delete from region_population where region_code = '370115104' returning *`);
    try {
      const release = (await run((em) => cutRelease(em, { createdBy: 'test' }))).id;
      const answer = await api.query<{ coverage: CoverageRow[] }>('/public/graphql', query, { variables: { r: release } });
      const town = answer.data!.coverage.find((r) => r.regionCode === '370115104' && r.programCode === 'dibao_rural')!;
      expect(town.population).toBeNull();
      expect(town.coveragePercent).toBeNull();
      expect(town.amountPerCapita).toBeNull();
      expect(town.persons).toBeGreaterThan(0);
      expect(town.amountPerBeneficiary).not.toBeNull();
    } finally {
      await em.execute(
        `insert into region_population (region_code, year, population, as_of, source, sample)
         select region_code, year, population, as_of, source, sample from jsonb_populate_recordset(null::region_population, ?::jsonb)`,
        [JSON.stringify(saved)],
      );
    }
  });
});
