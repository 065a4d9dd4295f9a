import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoSite, type DemoSite } from './support/demo-site.js';
import { page, plain, tables } from './support/html.js';

/**
 * Issue 18 on the site: coverage rates and per-capita amounts on the county and town pages and
 * in the downloads, from the public API's coverage query (the frozen 户籍人口); 复核 outcomes per
 * town on the county page and in the downloads; a 公示 page per town.
 */
let demo: DemoSite;
let dist: string;
let year: number;
const COUNTY = '370115';
const TOWN = '370115104';

/** A county-year folder's file of a dataset, whatever the folder's naming (…coverage….csv, not the Excel one). */
async function datasetCsv(name: string): Promise<Record<string, string>[]> {
  const folder = join(dist, 'data', COUNTY, String(year));
  const file = (await readdir(folder)).find((f) => f.includes(name) && f.endsWith('.csv') && !f.endsWith('.excel.csv'));
  if (!file) throw new Error(`no ${name} CSV in ${folder}`);
  return parse<Record<string, string>>(await readFile(join(folder, file), 'utf8'), { columns: true });
}

interface CoverageAnswer {
  regionCode: string;
  programCode: string;
  persons: number | null;
  coveragePercent: string | null;
  amountPerCapita: string | null;
  amountPerBeneficiary: string | null;
  population: { population: number; year: number; source: string } | null;
}

beforeAll(async () => {
  demo = await buildDemoSite();
  dist = demo.build.dist;
  const months = await demo.api.query<{ releasedMonths: { month: string }[] }>(
    '/public/graphql',
    `{ releasedMonths(countyCode: "${COUNTY}") { month } }`,
  );
  year = Math.max(...months.data!.releasedMonths.map((m) => Number(m.month.slice(0, 4))));
}, 300_000);

afterAll(async () => {
  await demo?.close();
});

async function coverageAnswer(): Promise<CoverageAnswer[]> {
  const answer = await demo.api.query<{ coverage: CoverageAnswer[] }>(
    '/public/graphql',
    `{ coverage(countyCode: "${COUNTY}", year: ${year}) { regionCode programCode persons coveragePercent amountPerCapita amountPerBeneficiary population { population year source } } }`,
  );
  return answer.data!.coverage;
}

describe('coverage and per-capita amounts', () => {
  it('are in the downloads, row for row the public API’s, with the population’s year and source', async () => {
    const api = await coverageAnswer();
    const rows = await datasetCsv('coverage');
    expect(rows.length).toBe(api.length);
    expect(rows.length).toBeGreaterThan(3);
    for (const a of api) {
      const row = rows.find((r) => r['region_code'] === a.regionCode && r['program_code'] === a.programCode)!;
      const c = (v: string | number | null) => (v === null ? 'c' : String(v));
      expect(row, `${a.regionCode} ${a.programCode}`).toMatchObject({
        persons: c(a.persons),
        coverage_percent: c(a.coveragePercent),
        amount_per_capita_yuan: c(a.amountPerCapita),
        amount_per_beneficiary_yuan: c(a.amountPerBeneficiary),
        population: String(a.population!.population),
        population_year: String(a.population!.year),
      });
      expect(row['population_source']).toMatch(/^示例数据/);
    }
    // a program counted only: its small cells suppressed, the rates with them
    expect(rows.filter((r) => r['program_code'] === 'disability_care').map((r) => [r['persons'], r['coverage_percent']])).toEqual(
      rows.filter((r) => r['program_code'] === 'disability_care').map(() => ['c', 'c']),
    );
  });

  it('are on the county page (county and each town) and the town page, as in the downloads', async () => {
    const rows = await datasetCsv('coverage');
    const county = await page(dist, `county/${COUNTY}`);
    const [own, towns] = tables(county, 'data-dataset="coverage"');
    const dibao = rows.find((r) => r['region_code'] === COUNTY && r['program_code'] === 'dibao_rural')!;
    const shown = own!.rows.find((r) => r[0] === dibao['program_name'])!;
    const at = (field: string) => plain(shown[own!.fields.indexOf(field)]!);
    expect([at('coverage_percent'), at('amount_per_capita_yuan'), at('population')]).toEqual([
      dibao['coverage_percent'],
      dibao['amount_per_capita_yuan'],
      dibao['population'],
    ]);
    expect(towns!.rows.length).toBe(rows.filter((r) => r['region_code']!.length === 9).length);
    expect(county).toMatch(/data-population-source>户籍人口：示例数据/);

    const town = await page(dist, `town/${TOWN}`);
    const [townTable] = tables(town, 'data-dataset="coverage"');
    const townRow = rows.find((r) => r['region_code'] === TOWN && r['program_code'] === 'dibao_rural')!;
    const townShown = townTable!.rows.find((r) => r[0] === townRow['program_name'])!;
    expect(plain(townShown[townTable!.fields.indexOf('coverage_percent')]!)).toBe(townRow['coverage_percent']);
    expect(plain(townShown[townTable!.fields.indexOf('amount_per_beneficiary_yuan')]!)).toBe(townRow['amount_per_beneficiary_yuan']);
  });
});

describe('复核 outcomes per town', () => {
  it('are a table on the county page and a download, every town of every campaign, suppressed as the API publishes them', async () => {
    const answer = await demo.api.query<{
      reviewCampaignTowns: { campaignId: string; townCode: string; reviewedHouseholds: number | null }[];
    }>('/public/graphql', `{ reviewCampaignTowns(countyCode: "${COUNTY}") { campaignId townCode reviewedHouseholds } }`);
    const api = answer.data!.reviewCampaignTowns;
    const rows = await datasetCsv('re-reviews-by-town');
    expect(rows.length).toBe(api.length);
    expect(rows.length).toBeGreaterThan(5);
    for (const a of api) {
      const row = rows.find((r) => r['town_code'] === a.townCode)!;
      expect(row['reviewed_households']).toBe(a.reviewedHouseholds === null ? 'c' : String(a.reviewedHouseholds));
    }
    // the demo's campaign reviews a program counted only: no count of 1 to 10 in any town
    for (const r of rows) {
      for (const field of ['reviewed_households', 'cancelled_households', 'newly_approved_households']) {
        const v = r[field]!;
        expect(v === 'c' || Number(v) === 0 || Number(v) > 10, `${r['town_code']} ${field} = ${v}`).toBe(true);
      }
    }
    const county = await page(dist, `county/${COUNTY}`);
    const [shown] = tables(county, 'data-dataset="re-reviews-by-town"');
    expect(shown!.rows.length).toBe(rows.length);
    expect(shown!.fields).toContain('reviewed_households');
  });
});

describe('公示', () => {
  it('has a page per town, linked from the town page, saying how to object; none listed when no notice is open on the release date', async () => {
    const town = await page(dist, `town/${TOWN}`);
    expect(town).toMatch(/href="\/town\/370115104\/publicity\/"[^>]*data-publicity-link/);
    const notices = await page(dist, `town/${TOWN}/publicity`);
    // the demo's applications were on notice weeks before the release date: their notices are closed
    expect(notices).toMatch(/data-publicity-count>0 件/);
    expect(notices).toMatch(/data-publicity-empty/);
    expect(notices).toMatch(/data-how-to-object/);
    expect(notices).not.toMatch(/data-publicity[ >]/);
  });
});
