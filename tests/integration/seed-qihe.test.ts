import { seedDatabase } from '@xingfu/seed';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cutTestRelease, releasedYear, sum, type ReleasedProgramYear } from '../support/release-figures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * `qihe-2023` (齐河县 371425) publishes the figures of its 2023 幸福清单 (DOMAIN.md): 城乡低保金
 * 1259 万元, 特困供养经费 1366 万元, 临时救助 114 次 40 万元 — read from a release, as the
 * downloads are, within 1 %.
 */
let db: TestDatabase;
let figures: Map<string, ReleasedProgramYear>;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase({ databaseUrl: db.url, preset: 'qihe-2023' });
  figures = await releasedYear(db, await cutTestRelease(db), '371425', 2023);
}, 300_000);

afterAll(async () => {
  await db?.drop();
});

function within1Percent(actual: number, published: number): void {
  expect(Math.abs(actual - published) / published, `${actual} vs published ${published}`).toBeLessThanOrEqual(0.01);
}

it('publishes 城乡低保金 1259 万元, 特困供养经费 1366 万元 and 临时救助 114 次 40 万元 for 2023', () => {
  within1Percent(sum(figures, ['dibao_urban', 'dibao_rural'], 'amountFen'), 1259_0000_00);
  within1Percent(sum(figures, ['tekun_centralized', 'tekun_dispersed'], 'amountFen'), 1366_0000_00);
  const relief = figures.get('temporary_relief')!;
  expect(relief.suppressed).toBe(false);
  within1Percent(relief.personMonths, 114);
  within1Percent(relief.payments, 114);
  within1Percent(relief.amountFen, 40_0000_00);
});
