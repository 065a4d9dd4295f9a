import { JIYANG_2023, ledgerChecksumAt, seedDatabase } from '@xingfu/seed';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * How the loader loads: into empty tables it sets the secondary indexes aside and builds them
 * once the rows are in; a generator failure (on its own thread) rolls everything back.
 */
const SCALE = 0.05;
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
}, 120_000);

afterAll(async () => {
  await db.drop();
});

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Every index of the schema with its definition. */
const indexes = () =>
  query<{ indexname: string; indexdef: string }>(`select indexname, indexdef from pg_indexes where schemaname = 'public' order by 1`);

const households = async (county: string) =>
  Number((await query<{ n: string }>(`select count(*)::text as n from household where county_code = '${county}'`))[0]!.n);

it('a generator failure on its thread loads nothing and leaves every index in place', async () => {
  const before = await indexes();
  // 尊老金 without a standard: the generator fails in the middle of a block
  const broken = { ...JIYANG_2023, standards: JIYANG_2023.standards.filter((s) => s.program !== 'senior_allowance') };
  await expect(seedDatabase({ databaseUrl: db.url, preset: broken, scale: SCALE })).rejects.toThrow(/no standard of senior_allowance/);
  expect(await households('370115')).toBe(0);
  expect(await indexes()).toEqual(before);
}, 120_000);

it('a first load builds the secondary indexes after the rows: the same indexes afterwards, every reference checked', async () => {
  const before = await indexes();
  const report = await seedDatabase({ databaseUrl: db.url, preset: 'jiyang-2023', scale: SCALE });
  expect(report.indexesRebuilt).toBeGreaterThan(10);
  expect(await indexes()).toEqual(before);
  expect(report.phases.load).toBeGreaterThan(0);
  expect(report.phases.indexes).toBeGreaterThan(0);
  expect(report.phases.references).toBeGreaterThan(0);
  // the planner has statistics for the new rows
  const analysed = await query<{ tablename: string }>(
    `select distinct tablename from pg_stats where schemaname = 'public' and tablename in ('payment', 'household', 'person')`,
  );
  expect(analysed.map((r) => r.tablename).sort()).toEqual(['household', 'payment', 'person']);
  const sum = await ledgerChecksumAt(db.url, '370115');
  expect(sum.tables.payment!.rows).toBe(report.payments);
}, 120_000);

it('a load into tables that hold rows keeps their indexes (updated row by row)', async () => {
  const report = await seedDatabase({ databaseUrl: db.url, preset: 'binhai-2021', scale: SCALE });
  expect(report.indexesRebuilt).toBe(0);
  expect(await households(report.countyCode)).toBe(report.households);
}, 120_000);
