import { seedDatabase } from '@xingfu/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { count, fen, programSum, publicDownloads, rowWhere, within1Percent, type PublicDownloads } from '../support/public-downloads.js';
import { cutTestRelease } from '../support/release-figures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * `qihe-2023` (齐河县 371425) publishes the figures of its 2023 幸福清单 (DOMAIN.md): 城乡低保金
 * 1259 万元, 特困供养经费 1366 万元, 临时救助 114 次 40 万元 — within 1 % — and its elder care
 * (seed 001): 10 institutions, 40 城乡综合养老服务中心, 4,100 beds, 360 certified caregivers. Every
 * figure is read from the public downloads of a release (/data/371425/2023/), as a journalist
 * reads them (tests/support/public-downloads.ts).
 */
const COUNTY = '371425';
let db: TestDatabase;
let api: TestApi;
let downloads: PublicDownloads;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase({ databaseUrl: db.url, preset: 'qihe-2023' });
  await cutTestRelease(db);
  api = await startTestApi(db.orm);
  downloads = await publicDownloads(api);
}, 300_000);

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('qihe-2023 through /data/371425/2023/', () => {
  it('summary-by-program.csv: 城乡低保金 1259 万元, 特困供养经费 1366 万元 and 临时救助 114 次 40 万元', () => {
    const rows = downloads.csv(COUNTY, 2023, 'summary-by-program.csv');
    within1Percent(programSum(rows, ['dibao_urban', 'dibao_rural'], fen), 1259_0000_00);
    within1Percent(programSum(rows, ['tekun_centralized', 'tekun_dispersed'], fen), 1366_0000_00);
    const relief = rowWhere(rows, { program_code: 'temporary_relief' });
    // one-off aid: every payment is one 人次
    within1Percent(count(relief, 'person_months'), 114);
    within1Percent(fen(relief), 40_0000_00);
  });

  it('elder-care-facilities.csv: 10 institutions and 40 城乡综合养老服务中心; elder-care-by-town.csv: 4,100 beds and 360 certified caregivers', () => {
    const facilities = downloads.csv(COUNTY, 2023, 'elder-care-facilities.csv').filter((f) => f.closed_on === '');
    const kinds = (names: string[]) => facilities.filter((f) => names.includes(f.kind!));
    expect(kinds(['公办敬老院', '民办养老机构', '公建民营养老机构'])).toHaveLength(10);
    expect(kinds(['城乡综合养老服务中心'])).toHaveLength(40);
    expect(facilities).toHaveLength(50);
    const county = rowWhere(downloads.csv(COUNTY, 2023, 'elder-care-by-town.csv'), { region_code: COUNTY });
    expect(count(county, 'facilities')).toBe(50);
    expect(count(county, 'beds')).toBe(4100);
    expect(count(county, 'certified_caregivers')).toBe(360);
    // the county row is the sum of its facilities' rows
    expect(facilities.reduce((n, f) => n + (f.beds === '' ? 0 : count(f, 'beds')), 0)).toBe(4100);
    expect(facilities.reduce((n, f) => n + (f.certified_caregivers === '' ? 0 : count(f, 'certified_caregivers')), 0)).toBe(360);
  });
});
