import { seedDatabase } from '@xingfu/seed';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cutTestRelease, releasedStandards, releasedYear, sum, type ReleasedProgramYear } from '../support/release-figures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * `zhangqiu-2022` (章丘区 370114) publishes its 2022 figures (seed 004): 2.5 亿元 to 6 万余人 over
 * the year, and the standards of nine groups raised by 10 % or more — read from a release, as
 * the downloads are.
 */
const COUNTY = '370114';
let db: TestDatabase;
let release: string;
let figures: Map<string, ReleasedProgramYear>;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase({ databaseUrl: db.url, preset: 'zhangqiu-2022' });
  release = await cutTestRelease(db);
  figures = await releasedYear(db, release, COUNTY, 2022);
}, 600_000);

afterAll(async () => {
  await db?.drop();
});

it('publishes 2.5 亿元 paid to 6 万余人 in 2022', () => {
  const programs = [...figures.keys()];
  const amount = sum(figures, programs, 'amountFen');
  expect(Math.abs(amount - 2.5e10) / 2.5e10, `${amount} fen`).toBeLessThanOrEqual(0.01);
  const persons = sum(figures, programs, 'persons');
  expect(persons).toBeGreaterThanOrEqual(60_000);
  expect(persons).toBeLessThan(70_000);
});

it('publishes nine groups whose standards rose by 10 % or more in July 2022', async () => {
  const standards = await releasedStandards(db, release, COUNTY);
  const groups = new Map<string, { before?: number; after?: number }>();
  for (const s of standards) {
    const key = `${s.program}|${s.tier}`;
    const group = groups.get(key) ?? {};
    if (s.month === '2021-07') group.before = s.yuan;
    if (s.month === '2022-07') group.after = s.yuan;
    groups.set(key, group);
  }
  // whole yuan: raised by 10 % or more ⇔ after × 10 ≥ before × 11
  const rose = (g: { before?: number; after?: number }) => g.before !== undefined && g.after !== undefined && g.after * 10 >= g.before * 11;
  const raised = [...groups].filter(([, g]) => rose(g)).map(([key]) => key.split('|')[0]);
  // nine programs (尊老金's three tiers count as one group), and no standard of the county left behind
  expect(new Set(raised).size).toBe(9);
  expect([...groups].filter(([, g]) => !rose(g)).map(([key, g]) => `${key} ${g.before} → ${g.after}`)).toEqual([]);
});
