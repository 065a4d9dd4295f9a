import { seedDatabase } from '@xingfu/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { count, fen, programSum, publicDownloads, type PublicDownloads } from '../support/public-downloads.js';
import { cutTestRelease } from '../support/release-figures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * `zhangqiu-2022` (章丘区 370114) publishes its 2022 figures (seed 004): 2.5 亿元 to 6 万余人 over
 * the year, the standards of nine groups raised by 10 % or more, and its elder care: 23 农村幸福院,
 * 2 日间照料中心, 2 照护中心 and 10 town 敬老院, 5 of them rated four stars or more. Every figure is
 * read from the public downloads of a release (/data/370114/2022/), as a journalist reads them
 * (tests/support/public-downloads.ts).
 */
const COUNTY = '370114';
let db: TestDatabase;
let api: TestApi;
let downloads: PublicDownloads;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase({ databaseUrl: db.url, preset: 'zhangqiu-2022' });
  await cutTestRelease(db);
  api = await startTestApi(db.orm);
  downloads = await publicDownloads(api);
}, 600_000);

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('zhangqiu-2022 through /data/370114/2022/', () => {
  it('summary-by-program.csv: 2.5 亿元 paid to 6 万余人 in 2022', () => {
    const rows = downloads.csv(COUNTY, 2022, 'summary-by-program.csv');
    const programs = rows.map((r) => r.program_code!);
    const amount = programSum(rows, programs, fen);
    expect(Math.abs(amount - 2.5e10) / 2.5e10, `${amount} fen`).toBeLessThanOrEqual(0.01);
    const persons = programSum(rows, programs, (r) => count(r, 'persons'));
    expect(persons).toBeGreaterThanOrEqual(60_000);
    expect(persons).toBeLessThan(70_000);
  });

  it('standards.csv: nine groups whose standards rose by 10 % or more in July 2022, none left behind', () => {
    const groups = new Map<string, { program: string; before?: number; after?: number }>();
    for (const s of downloads.csv(COUNTY, 2022, 'standards.csv')) {
      const key = `${s.program_code}|${s.area_type}|${s.tier}`;
      const group = groups.get(key) ?? { program: s.program_code! };
      if (s.effective_month === '2021-07') group.before = fen(s);
      if (s.effective_month === '2022-07') group.after = fen(s);
      groups.set(key, group);
    }
    // in fen: raised by 10 % or more ⇔ after × 10 ≥ before × 11
    const rose = (g: { before?: number; after?: number }) =>
      g.before !== undefined && g.after !== undefined && g.after * 10 >= g.before * 11;
    // nine programs (尊老金's three tiers count as one group), and no standard of the county left behind
    expect(new Set([...groups.values()].filter(rose).map((g) => g.program)).size).toBe(9);
    expect([...groups].filter(([, g]) => !rose(g)).map(([key, g]) => `${key} ${g.before} → ${g.after}`)).toEqual([]);
  });

  it('elder-care-facilities.csv: 23 农村幸福院, 2 日间照料中心, 2 照护中心 and 10 敬老院, 5 of them four stars or more', () => {
    const facilities = downloads.csv(COUNTY, 2022, 'elder-care-facilities.csv').filter((f) => f.closed_on === '');
    const byKind: Record<string, number> = {};
    for (const f of facilities) byKind[f.kind!] = (byKind[f.kind!] ?? 0) + 1;
    expect(byKind).toEqual({ 公办敬老院: 10, 照护中心: 2, 日间照料中心: 2, 农村幸福院: 23 });
    const homes = facilities.filter((f) => f.kind === '公办敬老院');
    expect(homes.filter((f) => count(f, 'star_rating') >= 4)).toHaveLength(5);
    expect(facilities.filter((f) => f.star_rating !== '' && count(f, 'star_rating') >= 4)).toHaveLength(5);
  });
});
