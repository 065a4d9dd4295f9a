import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestVillageListQuery, TestVillageListQueryVariables, TypedDocumentString } from '../../site/src/gql/graphql.js';
import { dataPackageValidators } from './support/data-package.js';
import { TEST_LISTING_PAGE_SIZE, buildDemoSite, type DemoSite } from './support/demo-site.js';
import { publicAnswer, graphql, type Aggregate } from './support/public-queries.js';
import { page, plain, table, tables, walk } from './support/html.js';

/**
 * The transparency site built from a real ledger: every page type exists, the HTML figures equal
 * the CSV figures equal the public API's, the download contract holds, and no file of dist/
 * holds an ID number, a phone number or an unmasked name.
 */
let demo: DemoSite;
let dist: string;
let years: number[];
let year: number;
let latestMonth: string;
let towns: { code: string; name: string; villages: { code: string; name: string }[] }[];
const COUNTY = '370115';

const pub = <T, V extends Record<string, unknown>>(document: TypedDocumentString<T, V>, variables: V): Promise<T> =>
  publicAnswer(demo.api, document, variables);

const TestVillageList = graphql(`
  query TestVillageList($v: String!, $m: Month!, $r: ID, $after: String) {
    happinessList(villageCode: $v, month: $m, releaseId: $r, first: 50, after: $after) {
      edges {
        node {
          publicId
          maskedName
          villageCode
          coveredMembers
          total
          totalYearToDate
          programs {
            programCode
            programName
            amount
            yearToDate
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
type Listed = TestVillageListQuery['happinessList']['edges'][number]['node'];

/** A village's 幸福清单 as the API serves it: page by page (first/after). */
async function listingOf(village: string, month: string, releaseId?: string): Promise<{ rows: Listed[]; pages: number }> {
  const rows: Listed[] = [];
  let after: string | null = null;
  for (let pages = 1; ; pages++) {
    const variables: TestVillageListQueryVariables = { v: village, m: month, r: releaseId ?? null, after };
    const { happinessList } = await pub(TestVillageList, variables);
    rows.push(...happinessList.edges.map((e) => e.node));
    if (!happinessList.pageInfo.hasNextPage) return { rows, pages };
    after = happinessList.pageInfo.endCursor ?? null;
  }
}

const TestChildAggregates = graphql(`
  query TestChildAggregates($r: String!, $y: Int!, $k: PeriodKind!) {
    childAggregates(regionCode: $r, year: $y, periodKind: $k) {
      ...TestAggregate
    }
  }
`);

/** An API aggregate as the CSV writes its figures. */
const figures = (a: Aggregate): string[] =>
  a.suppressed ? ['c', 'c', 'c', 'c'] : [String(a.households), String(a.persons), String(a.personMonths), a.amount!];

async function csv(path: string): Promise<Record<string, string>[]> {
  return parse<Record<string, string>>(await readFile(join(dist, path), 'utf8'), { columns: true });
}

async function csvHeader(path: string): Promise<string> {
  return (await readFile(join(dist, path), 'utf8')).split('\n')[0]!;
}

const fen = (yuan: string): bigint => {
  const [int, dec] = yuan.replace('-', '').split('.') as [string, string];
  return (BigInt(int) * 100n + BigInt(dec)) * (yuan.startsWith('-') ? -1n : 1n);
};

beforeAll(async () => {
  demo = await buildDemoSite();
  dist = demo.build.dist;
  const data = await pub(
    graphql(`
      query TestCounty($c: String!) {
        releasedMonths(countyCode: $c) {
          month
        }
        region(code: $c) {
          children {
            code
            name
            children {
              code
              name
            }
          }
        }
      }
    `),
    { c: COUNTY },
  );
  const months = data.releasedMonths.map((m) => m.month).sort();
  latestMonth = months[months.length - 1]!;
  years = [...new Set(months.map((m) => Number(m.slice(0, 4))))];
  year = years[years.length - 1]!;
  towns = (data.region?.children ?? []).map((t) => ({ code: t.code, name: t.name, villages: t.children }));
}, 300_000);

afterAll(async () => {
  await demo?.close();
});

describe('pages', () => {
  it('are built for every page type, at plain URLs and for each release under /releases/{id}/', async () => {
    const town = demo.fixture.villages[0]!.slice(0, 9);
    const paths = [
      '',
      `county/${COUNTY}`,
      `town/${town}`,
      ...demo.fixture.villages.map((v) => `village/${v}`),
      'program',
      'program/dibao_rural',
      'program/disability_care',
      'methodology',
      'releases',
      'search',
      'data',
      `data/${COUNTY}/${year}`,
      ...demo.releases.flatMap((id) => [`releases/${id}`, `releases/${id}/county/${COUNTY}`, `releases/${id}/changelog`]),
    ];
    for (const path of paths) expect(existsSync(join(dist, path, 'index.html')), path).toBe(true);
    expect(existsSync(join(dist, '404.html'))).toBe(true);
    // every village of a county with a release has its page (849 for the whole of 济阳区)
    const villages = towns.flatMap((t) => t.villages);
    for (const v of villages) expect(existsSync(join(dist, 'village', v.code, 'index.html')), v.code).toBe(true);
    // counties without a release: their page says so, and no town or village page is built for them
    const other = await page(dist, 'county/320922');
    expect(other).toContain('尚无发布');
    expect(existsSync(join(dist, 'town', '320922001'))).toBe(false);
  });

  it('carry the 示例数据 banner and read in zh-CN; only village and embed pages are noindex', async () => {
    for await (const file of walk(dist)) {
      if (!file.endsWith('.html')) continue;
      const html = await readFile(file, 'utf8');
      const path = relative(dist, file);
      expect(html, path).toContain('<html lang="zh-CN">');
      expect(html, path).toContain('示例数据');
      // village pages and the chart embed pages (the page itself is what is cited)
      expect(html.includes('name="robots" content="noindex'), path).toBe(/(^|\/)(village|embed)\//.test(path));
    }
  });

  it('embed each chart as build-time SVG in a figure with a caption and a data table', async () => {
    for (const path of [`county/${COUNTY}`, `town/${demo.fixture.villages[0]!.slice(0, 9)}`, 'program/dibao_rural']) {
      const html = await page(dist, path);
      const figuresOf = [...html.matchAll(/<figure[^>]*>([\s\S]*?)<\/figure>/g)].map((m) => m[1]!);
      expect(figuresOf.length, path).toBeGreaterThan(0);
      for (const figure of figuresOf) {
        expect(figure).toMatch(/<figcaption id="([^"]+)">/);
        const caption = /<figcaption id="([^"]+)">/.exec(figure)![1]!;
        expect(figure).toContain(`<svg role="img" aria-labelledby="${caption}"`);
        expect(figure).toContain('<table');
      }
      expect(html).not.toMatch(/<script[^>]+src=/); // no client framework, no chart library
    }
  });

  it('show the 12-month trend with every released month of the window', async () => {
    const html = await page(dist, `county/${COUNTY}`);
    const trend = table(html, `data-trend="${COUNTY}"`);
    expect(trend.rows.length).toBeGreaterThanOrEqual(12);
    expect(trend.rows[trend.rows.length - 1]![0]).toBe(latestMonth);
  });
});

describe('downloads', () => {
  it('keep the contract of summary-by-program.csv and monthly-by-town.csv', async () => {
    for (const y of years) {
      expect(await csvHeader(`data/${COUNTY}/${y}/summary-by-program.csv`)).toBe(
        'program_code,program_name,households,persons,person_months,amount_yuan',
      );
      expect(await csvHeader(`data/${COUNTY}/${y}/monthly-by-town.csv`)).toBe(
        'period,town_code,town_name,program_code,households,persons,person_months,amount_yuan',
      );
      for (const row of await csv(`data/${COUNTY}/${y}/monthly-by-town.csv`)) {
        expect(row['period']).toMatch(new RegExp(`^${y}-(0[1-9]|1[0-2])$`));
        expect(row['amount_yuan']).toMatch(/^(c|-?\d+\.\d{2})$/);
        expect(row['town_code']).toMatch(/^\d{9}$/);
      }
    }
  });

  it('sum monthly rows of a program exactly to its yearly amount (programs without c)', async () => {
    const summary = await csv(`data/${COUNTY}/${year}/summary-by-program.csv`);
    const monthly = await csv(`data/${COUNTY}/${year}/monthly-by-town.csv`);
    let checked = 0;
    for (const program of summary) {
      const rows = monthly.filter((r) => r['program_code'] === program['program_code']);
      if (program['amount_yuan'] === 'c' || rows.some((r) => r['amount_yuan'] === 'c')) continue;
      expect(
        rows.reduce((s, r) => s + fen(r['amount_yuan']!), 0n),
        program['program_code'],
      ).toBe(fen(program['amount_yuan']!));
      expect(rows.reduce((s, r) => s + Number(r['person_months']), 0)).toBe(Number(program['person_months']));
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('equal the API: county by program, towns by month, villages by year', async () => {
    for (const y of years) {
      const data = await pub(
        graphql(`
          query TestCountyYear($c: String!, $y: Int!) {
            county: aggregates(regionCode: $c, year: $y, periodKind: YEAR) {
              ...TestAggregate
            }
            towns: childAggregates(regionCode: $c, year: $y, periodKind: MONTH) {
              ...TestAggregate
            }
          }
        `),
        { c: COUNTY, y },
      );
      const summary = await csv(`data/${COUNTY}/${y}/summary-by-program.csv`);
      expect(summary.map((r) => [r['program_code'], r['households'], r['persons'], r['person_months'], r['amount_yuan']])).toEqual(
        data.county.map((a) => [a.programCode, ...figures(a)]),
      );
      const monthly = await csv(`data/${COUNTY}/${y}/monthly-by-town.csv`);
      const key = (period: string, town: string, program: string) => `${period}|${town}|${program}`;
      const api = new Map(data.towns.map((a) => [key(a.period, a.regionCode, a.programCode), figures(a)]));
      // every answered cell, and a true zero for each released month × town × program of the year the API has no payment for
      const released = [...new Set(monthly.map((r) => r['period']!))];
      const programs = summary.map((r) => r['program_code']!);
      expect(monthly).toHaveLength(released.length * towns.length * programs.length);
      expect(monthly.length).toBeGreaterThan(api.size);
      for (const r of monthly) {
        expect([r['households'], r['persons'], r['person_months'], r['amount_yuan']]).toEqual(
          api.get(key(r['period']!, r['town_code']!, r['program_code']!)) ?? ['0', '0', '0', '0.00'],
        );
        expect(r['town_name']).toBe(towns.find((t) => t.code === r['town_code'])?.name);
      }
      for (const k of api.keys()) expect(monthly.some((r) => key(r['period']!, r['town_code']!, r['program_code']!) === k)).toBe(true);
      const byVillage = await csv(`data/${COUNTY}/${y}/summary-by-village.csv`);
      let villageRows = 0;
      for (const town of new Set(byVillage.map((r) => r['town_code']!))) {
        const rows = (await pub(TestChildAggregates, { r: town, y, k: 'YEAR' })).childAggregates;
        const file = byVillage.filter((r) => r['town_code'] === town);
        expect(
          file.map((r) => [r['village_code'], r['program_code'], r['households'], r['persons'], r['person_months'], r['amount_yuan']]),
        ).toEqual(rows.map((a) => [a.regionCode, a.programCode, ...figures(a)]));
        villageRows += file.length;
      }
      expect(villageRows).toBe(byVillage.length);
    }
  });

  it('offer each table as Excel CSV (BOM), XLSX (codes as text) and JSON with the same figures', async () => {
    const folder = join(dist, 'data', COUNTY, String(year));
    for (const name of ['summary-by-program', 'monthly-by-town', 'summary-by-village', 'standards']) {
      const plainCsv = await readFile(join(folder, `${name}.csv`), 'utf8');
      expect(plainCsv.charCodeAt(0)).not.toBe(0xfeff);
      const excel = await readFile(join(folder, `${name}.excel.csv`), 'utf8');
      expect(excel.charCodeAt(0)).toBe(0xfeff);
      const rows = parse(plainCsv);
      // the Excel CSV: Chinese headers, the same values, codes and months as ="…" text
      const excelRows = parse(excel.slice(1), { record_delimiter: '\r\n' });
      expect(excelRows[0]!.every((h: string) => /[\u4e00-\u9fff]/.test(h))).toBe(true);
      expect(excelRows.slice(1).map((r: string[]) => r.map((c) => c.replace(/^="(.*)"$/, '$1')))).toEqual(rows.slice(1));

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(join(folder, `${name}.xlsx`));
      const sheet = workbook.getWorksheet('data')!;
      const cells: string[][] = [];
      sheet.eachRow((row) => {
        const values = row.values as unknown[];
        cells.push(
          rows[0]!.map((_, i) => {
            const v = values[i + 1];
            if (/_code$/.test(rows[0]![i]!) && cells.length > 0) expect(typeof v, `${name} ${rows[0]![i]}`).toBe('string');
            return typeof v === 'number' ? v.toFixed(Number.isInteger(v) ? 0 : 2) : typeof v === 'string' ? v : '';
          }),
        );
      });
      // amounts come back from a number cell: compare them with two decimals
      const amountColumn = rows[0]!.indexOf('amount_yuan');
      const normalised = rows.map((r, i) =>
        r.map((c, j) => (i > 0 && j === amountColumn && c !== 'c' ? Number(c).toFixed(Number.isInteger(Number(c)) ? 0 : 2) : c)),
      );
      expect(cells[0]!.every((h) => /[\u4e00-\u9fff]/.test(h))).toBe(true);
      expect(cells.slice(1)).toEqual(normalised.slice(1));

      const json = JSON.parse(await readFile(join(folder, `${name}.json`), 'utf8')) as {
        fields: string[];
        rows: Record<string, string | number | boolean | null>[];
        release_id: string;
      };
      expect(json.fields).toEqual(rows[0]);
      expect(json.release_id).toBe(demo.releases[demo.releases.length - 1]);
      expect(json.rows.map((r) => json.fields.map((f) => (r[f] === null ? 'c' : String(r[f]))))).toEqual(rows.slice(1));
    }
    const villages = await csv(`data/${COUNTY}/${year}/summary-by-village.csv`);
    expect(villages.every((r) => /^\d{12}$/.test(r['village_code']!))).toBe(true);
  });

  it('describe each folder with a datapackage.json (Table Schema, c as missing value) and a Chinese README', async () => {
    const folder = join(dist, 'data', COUNTY, String(year));
    const pkg = JSON.parse(await readFile(join(folder, 'datapackage.json'), 'utf8')) as {
      name: string;
      title: string;
      title_en: string;
      licenses: { name: string }[];
      resources: {
        name: string;
        path: string;
        title: string;
        title_en: string;
        schema: { fields: { name: string; type: string; title: string; title_en: string; unit?: string }[]; missingValues: string[] };
      }[];
    };
    expect(pkg.name).toMatch(/^[a-z0-9._-]+$/);
    expect(pkg.title).toMatch(/济阳区/);
    expect(pkg.title_en).toBeTruthy();
    expect(pkg.licenses[0]!.name).toBeTruthy();
    expect(pkg.resources.map((r) => r.path)).toEqual(
      expect.arrayContaining([`jiyang-${COUNTY}-${year}-summary-by-program.csv`, `jiyang-${COUNTY}-${year}-monthly-by-town.csv`]),
    );
    for (const resource of pkg.resources) {
      expect(existsSync(join(folder, resource.path))).toBe(true);
      // Frictionless: every resource declares its size and SHA-256, and they are the file's
      const bytes = await readFile(join(folder, resource.path));
      expect((resource as unknown as { bytes: number }).bytes, resource.path).toBe(bytes.byteLength);
      expect((resource as unknown as { hash: string }).hash, resource.path).toBe(
        `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
      );
      // the Excel CSV, XLSX, JSON and README are described too; each table's CSV carries its Table Schema
      if (!resource.path.endsWith('.csv') || resource.path.endsWith('.excel.csv')) continue;
      expect(resource.schema.missingValues).toEqual(['c']);
      expect(resource.schema.fields.map((f) => f.name).join(',')).toBe(await csvHeader(`data/${COUNTY}/${year}/${resource.path}`));
      for (const field of resource.schema.fields) {
        expect(field.title, field.name).toMatch(/[\u4e00-\u9fff]/);
        expect(field.title_en, field.name).toMatch(/[A-Za-z]/);
        expect(['string', 'integer', 'number', 'date', 'yearmonth']).toContain(field.type);
      }
      expect(resource.schema.fields.find((f) => f.name === 'amount_yuan')?.unit ?? '元').toMatch(/元/);
    }
    const readme = await readFile(join(folder, 'README.md'), 'utf8');
    for (const part of ['## 范围', '## 定义', '人次', '## 小数抑制规则与符号', '`c`', '## 许可', '## 引用', demo.releases[1]!]) {
      expect(readme).toContain(part);
    }
  });

  it('define every field in its own table: each README field row equals the field of that table’s datapackage schema', async () => {
    const folder = join(dist, 'data', COUNTY, String(year));
    const pkg = JSON.parse(await readFile(join(folder, 'datapackage.json'), 'utf8')) as {
      resources: {
        name: string;
        schema: { fields: { name: string; title: string; title_en: string; unit?: string; description: string }[] };
      }[];
    };
    // the tables' CSVs (the other formats and the README are resources without a schema)
    const tabular = pkg.resources.filter((r) => 'schema' in r);
    const readme = await readFile(join(folder, 'README.md'), 'utf8');
    const sections = new Map(
      readme
        .split(/^### /m)
        .slice(1)
        .map((section) => [/^`([^`]+)`/.exec(section)![1]!, section.split('\n').filter((line) => line.startsWith('| `'))] as const),
    );
    expect([...sections.keys()]).toEqual(tabular.map((r) => r.name));
    const cell = (text: string) => text.replaceAll('|', '\\|');
    for (const resource of tabular) {
      expect(sections.get(resource.name), resource.name).toEqual(
        resource.schema.fields.map(
          (f) => `| \`${f.name}\` | ${cell(f.title)} | ${cell(f.title_en)} | ${cell(f.unit ?? '')} | ${cell(f.description)} |`,
        ),
      );
    }
    // the same name, two meanings: a rate in standards, a sum in the summaries
    const amount = (name: string) => tabular.find((r) => r.name === name)!.schema.fields.find((f) => f.name === 'amount_yuan')!;
    expect(amount('standards').unit).toBe('元/人·月');
    expect(amount('summary-by-program').unit).toBe('元');
    expect(amount('summary-by-program').description).not.toBe(amount('standards').description);
    // the XLSX 说明 sheet lists the same definitions
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(folder, 'summary-by-program.xlsx'));
    const about = workbook.getWorksheet('说明')!;
    const summary = pkg.resources.find((r) => r.name === 'summary-by-program')!;
    for (const [i, f] of summary.schema.fields.entries()) {
      expect(about.getRow(i + 2).values, f.name).toEqual([undefined, f.name, f.title, f.title_en, f.unit ?? '', f.description]);
    }
  });

  it('explain 人数 vs 人次 and approved above received where they appear, on the page and in the README', async () => {
    const readme = await readFile(join(dist, 'data', COUNTY, String(year), 'README.md'), 'utf8');
    const section = (name: string) => readme.split(/^### /m).find((s) => s.startsWith(`\`${name}\``))!;
    expect(section('summary-by-program')).toMatch(/人数与人次：人数是期间内不重复计数/);
    expect(section('applications')).toMatch(/批准件数可能多于受理件数.*跨年结转/);
    expect(section('standards')).not.toMatch(/人数与人次|批准件数/);
    const county = await page(dist, `county/${COUNTY}/`);
    expect(county).toMatch(/<p class="note" data-note="persons person_months">人数与人次：/);
    expect(county).toMatch(/<p class="note" data-note="received approved">批准件数可能多于受理件数/);
    // data-driven assistance: its own section and download on the county page
    expect(county).toMatch(/<h2 id="assistance">数据比对、政策找人和快速审批<\/h2>/);
    expect(county).toMatch(/href="[^"]*data-driven-assistance\.csv"/);
    // channels, 秒批 and days to decision; referrals: their sections, chart and downloads
    expect(county).toMatch(/<h2 id="channels">申请渠道、秒批和审批时长<\/h2>/);
    expect(county).toMatch(/<h2 id="referrals">社会大救助转介<\/h2>/);
    for (const file of ['instant-approvals', 'application-channels', 'decision-times', 'referrals']) {
      expect(county).toMatch(new RegExp(`href="[^"]*${file}\\.csv"`));
    }
    expect(county).toMatch(/<th scope="col" class="num" data-field="instant_percent"/);
    expect(county).toMatch(/<th scope="col" class="num" data-field="person_months" title="按月发放的项目：[^"]*单位：人次。">/);
  });

  it('keep each release’s files under /releases/{id}/data/: the correction shows in the later release only', async () => {
    const [first, second] = demo.releases as [string, string];
    const month = demo.fixture.months[1]!;
    const y = Number(month.slice(0, 4));
    const amountIn = async (prefix: string) =>
      (await csv(`${prefix}data/${COUNTY}/${y}/monthly-by-program.csv`)).find(
        (r) => r['period'] === month && r['program_code'] === 'dibao_rural',
      )!['amount_yuan']!;
    const before = await amountIn(`releases/${first}/`);
    const after = await amountIn(`releases/${second}/`);
    expect(fen(after) - fen(before)).toBe(12345n);
    expect(await amountIn('')).toBe(after);
    const api = await pub(
      graphql(`
        query TestProgramMonths($c: String!, $y: Int!, $p: String!, $r: ID) {
          aggregates(regionCode: $c, year: $y, periodKind: MONTH, programCode: $p, releaseId: $r) {
            ...TestAggregate
          }
        }
      `),
      { c: COUNTY, y, p: 'dibao_rural', r: first },
    );
    expect(api.aggregates.find((a) => a.period === month)!.amount).toBe(before);
    const changelog = await page(dist, `releases/${second}/changelog`);
    expect(changelog).toContain('更正');
  });
});

describe('files that just work', () => {
  const stem = () => `jiyang-${COUNTY}-${year}`;

  it('name every table file by county and year, link those names, and keep the short names as the same bytes', async () => {
    for (const prefix of ['', `releases/${demo.releases[0]!}/`, `releases/${demo.releases[1]!}/`]) {
      const folder = join(dist, prefix, 'data', COUNTY, String(year));
      const html = await readFile(join(folder, 'index.html'), 'utf8');
      for (const name of ['summary-by-program', 'monthly-by-town', 'summary-by-village', 'standards']) {
        for (const suffix of ['.csv', '.excel.csv', '.xlsx', '.json']) {
          const named = await readFile(join(folder, `${stem()}-${name}${suffix}`));
          expect(named.equals(await readFile(join(folder, `${name}${suffix}`))), `${prefix}${name}${suffix}`).toBe(true);
          expect(html).toContain(`href="/${prefix}data/${COUNTY}/${year}/${stem()}-${name}${suffix}"`);
          expect(html).not.toContain(`href="/${prefix}data/${COUNTY}/${year}/${name}${suffix}"`);
        }
      }
    }
    expect(await readFile(join(dist, 'county', COUNTY, 'index.html'), 'utf8')).toContain(`${stem()}-summary-by-program.csv"`);
  });

  it('write a datapackage.json the Frictionless profiles accept, with an absolute homepage and every format hashed', async () => {
    for (const prefix of ['', `releases/${demo.releases[0]!}/`]) {
      const folder = join(dist, prefix, 'data', COUNTY, String(year));
      const pkg = JSON.parse(await readFile(join(folder, 'datapackage.json'), 'utf8')) as {
        homepage: string;
        created: string;
        resources: { path: string; bytes: number; hash: string }[];
      };
      for (const [version, validate] of dataPackageValidators())
        expect(validate(pkg), `${version} ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(pkg.homepage).toMatch(new RegExp(`^https?://[^/]+/releases/[^/]+/data/${COUNTY}/${year}/$`));
      expect(pkg.created).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\+08:00$/);
      const paths = pkg.resources.map((r) => r.path);
      for (const suffix of ['.csv', '.excel.csv', '.xlsx', '.json']) expect(paths).toContain(`${stem()}-summary-by-program${suffix}`);
      expect(paths).toContain('README.md');
    }
  });

  it('zip each county-year, each county’s years and all counties, linked with their size and SHA-256', async () => {
    const folder = join(dist, 'data', COUNTY, String(year));
    const zipBytes = await readFile(join(folder, `${stem()}.zip`));
    const entries = unzipSync(zipBytes);
    const inFolder = (await readdir(folder)).filter((f) => f.startsWith(`${stem()}-`) || f === 'README.md' || f === 'datapackage.json');
    expect(Object.keys(entries).sort()).toEqual(
      inFolder
        .filter((f) => !f.endsWith('.zip'))
        .map((f) => `${stem()}/${f}`)
        .sort(),
    );
    for (const [path, bytes] of Object.entries(entries)) {
      expect(Buffer.from(bytes).equals(await readFile(join(folder, path.slice(stem().length + 1)))), path).toBe(true);
    }
    const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    const folderPage = await readFile(join(folder, 'index.html'), 'utf8');
    expect(folderPage).toContain(`href="/data/${COUNTY}/${year}/${stem()}.zip"`);
    expect(folderPage).toContain(digest(zipBytes));

    const index = await readFile(join(dist, 'data', 'index.html'), 'utf8');
    const all = await readFile(join(dist, 'data', 'xingfu-all-counties.zip'));
    const county = await readFile(join(dist, 'data', `jiyang-${COUNTY}-all-years.zip`));
    expect(index).toContain('href="/data/xingfu-all-counties.zip"');
    expect(index).toContain(digest(all));
    expect(index).toContain(`href="/data/jiyang-${COUNTY}-all-years.zip"`);
    expect(index).toContain(digest(county));
    const folders = (zip: Buffer) => [...new Set(Object.keys(unzipSync(zip)).map((p) => p.split('/')[0]))];
    expect(folders(county)).toEqual(years.map((y) => `jiyang-${COUNTY}-${y}`));
    expect(folders(all)).toEqual(expect.arrayContaining(years.map((y) => `jiyang-${COUNTY}-${y}`)));
    // a release's copy has its own zips, of its own figures
    const first = await readFile(join(dist, 'releases', demo.releases[0]!, 'data', COUNTY, String(year), `${stem()}.zip`));
    expect(unzipSync(first)[`${stem()}/README.md`]).toBeDefined();
  });
});

describe('past months of the 幸福清单', () => {
  it('are offered on every village page, the shown month first, each earlier one linking the release copy that listed it', async () => {
    const village = towns.flatMap((t) => t.villages)[0]!;
    for (const prefix of ['', `releases/${demo.releases[0]!}/`]) {
      const html = await readFile(join(dist, prefix, 'village', village.code, 'index.html'), 'utf8');
      const nav = /<nav[^>]*data-listing-months[^>]*>([\s\S]*?)<\/nav>/.exec(html)![1]!;
      expect(nav).toContain('aria-current="page"');
      expect(nav).toContain(`${latestMonth.slice(0, 4)}年${Number(latestMonth.slice(5))}月</a>（本页）`);
      for (const [, href] of nav.matchAll(/href="(\/releases\/[^"]+)#list"/g))
        expect(existsSync(join(dist, href!, 'index.html')), href).toBe(true);
    }
  });
});

describe('embeddable charts', () => {
  it('give every chart figure its own CSV (its table) and an embed page holding it alone, in each release’s copy too', async () => {
    for (const prefix of ['', `releases/${demo.releases[0]!}/`]) {
      const html = await readFile(join(dist, prefix, 'county', COUNTY, 'index.html'), 'utf8');
      const figures = [...html.matchAll(/<figure data-embed="([^"]+)"/g)].map((m) => m[1]!);
      expect(figures, prefix).toEqual(expect.arrayContaining(['fig-programs', 'fig-trend', 'fig-towns']));
      expect(html.match(/data-chart-csv/g)?.length).toBe(figures.length);
      for (const id of figures) {
        const embed = await readFile(join(dist, prefix, 'embed', 'county', COUNTY, id, 'index.html'), 'utf8');
        expect(embed).toContain(`<figure data-embed="${id}"`);
        expect(embed).toContain(`/${prefix}county/${COUNTY}/#${id}`);
        expect(html).toContain(`href="/${prefix}embed/county/${COUNTY}/${id}/"`);
      }
    }
    // the programs chart's CSV is its table: the same programs and exact amounts as summary-by-program.csv
    const html = await readFile(join(dist, 'county', COUNTY, 'index.html'), 'utf8');
    const href = /<figure data-embed="fig-programs"[\s\S]*?href="data:text\/csv;charset=utf-8,([^"]+)"/.exec(html)![1]!;
    const rows = parse<Record<string, string>>(decodeURIComponent(href.replaceAll('&amp;', '&')).replace(/^\uFEFF/, ''), { columns: true });
    const summary = await csv(`data/${COUNTY}/${year}/summary-by-program.csv`);
    expect(rows.map((r) => Object.values(r).at(-1))).toEqual(summary.map((r) => r['amount_yuan']));
    expect(existsSync(join(dist, 'embed', 'town', towns[0]!.code, 'fig-town-trend', 'index.html'))).toBe(true);
  });
});

describe('HTML figures', () => {
  it('equal the CSV on the county page', async () => {
    const html = await page(dist, `county/${COUNTY}`);
    for (const [name, file] of [
      ['summary-by-program', 'summary-by-program'],
      ['summary-by-town', 'summary-by-town'],
      ['monthly-by-program', 'monthly-by-program'],
      ['standards', 'standards'],
    ]) {
      const shown = table(html, `data-dataset="${name}"`);
      const rows = await csv(`data/${COUNTY}/${year}/${file}.csv`);
      expect(shown.rows.length, name).toBe(rows.length);
      shown.rows.forEach((cells, i) => {
        shown.fields.forEach((field, j) => expect(plain(cells[j]!), `${name} ${field}`).toBe(rows[i]![field]));
      });
    }
  });

  it('equal the CSV on town pages, in the summary and in the village matrix', async () => {
    const byTown = await csv(`data/${COUNTY}/${year}/summary-by-town.csv`);
    const byVillage = await csv(`data/${COUNTY}/${year}/summary-by-village.csv`);
    for (const town of new Set(demo.fixture.villages.map((v) => v.slice(0, 9)))) {
      const html = await page(dist, `town/${town}`);
      const shown = table(html, 'data-dataset="summary-by-town"');
      const rows = byTown.filter((r) => r['town_code'] === town);
      expect(shown.rows.map((cells) => shown.fields.map((f, j) => [f, plain(cells[j]!)]))).toEqual(
        rows.map((r) => shown.fields.map((f) => [f, r[f]])),
      );
      const matrix = table(html, 'data-matrix="summary-by-village"');
      let compared = 0;
      matrix.rows.forEach((cells, i) => {
        const village = /data-village="(\d+)"/.exec(matrix.rowAttributes[i]!)![1]!;
        matrix.fields.slice(1).forEach((program, j) => {
          const row = byVillage.find((r) => r['village_code'] === village && r['program_code'] === program);
          expect(plain(cells[j + 1]!), `${village} ${program}`).toBe(row ? row['households'] : '—');
          if (row) compared++;
        });
      });
      expect(compared).toBe(byVillage.filter((r) => r['town_code'] === town).length);
    }
  });

  it('on village pages: the 幸福清单 equals the API’s happinessList and the summary equals the CSV', async () => {
    const byVillage = await csv(`data/${COUNTY}/${year}/summary-by-village.csv`);
    let households = 0;
    for (const village of demo.fixture.villages) {
      const html = await page(dist, `village/${village}`);
      const list = { happinessList: (await listingOf(village, latestMonth)).rows };
      const listed = tables(html, `data-listing="${village}"`)[0];
      if (list.happinessList.length === 0) {
        expect(listed).toBeUndefined();
      } else {
        const programs = listed!.fields.slice(3, -2);
        expect(listed!.rows).toEqual(
          list.happinessList.map((h) => [
            h.publicId,
            h.maskedName,
            String(h.coveredMembers),
            ...programs.map((p) => {
              const amount = h.programs.find((x) => x.programCode === p)?.amount;
              return amount === undefined ? '—' : amount.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
            }),
            h.total.replace(/\B(?=(\d{3})+(?!\d))/g, ','),
            h.totalYearToDate.replace(/\B(?=(\d{3})+(?!\d))/g, ','),
          ]),
        );
        households += list.happinessList.length;
      }
      const summary = tables(html, 'data-dataset="summary-by-village"')[0];
      const rows = byVillage.filter((r) => r['village_code'] === village);
      expect(summary?.rows.length ?? 0).toBe(rows.length);
      summary?.rows.forEach((cells, i) => summary.fields.forEach((f, j) => expect(plain(cells[j]!)).toBe(rows[i]![f])));
    }
    expect(households).toBeGreaterThan(0);
  });
});

describe('privacy', () => {
  it('no file of the site holds an ID number, a phone number, an address or an unmasked name', async () => {
    const em = demo.db.orm.em.fork();
    const people = await em.execute<{ name: string; id_number: string; phone: string | null }[]>(
      'select name, id_number, phone from person',
    );
    const homes = await em.execute<{ phone: string | null; address: string }[]>('select phone, address from household');
    // elder care: who is responsible for a hazard, who inspected, what the hazard was
    const [elderCare] = await em.execute<{ secrets: string[] }[]>(
      `select array(select responsible from elder_hazard where responsible is not null
                    union select description from elder_hazard union select team from elder_inspection) as secrets`,
    );
    expect(elderCare!.secrets.length).toBeGreaterThan(2);
    const names = people.map((p) => p.name).filter((n) => n.length >= 2);
    const secrets = [
      ...names,
      ...people.map((p) => p.id_number),
      ...people.flatMap((p) => (p.phone ? [p.phone] : [])),
      ...homes.flatMap((h) => [h.address, ...(h.phone ? [h.phone] : [])]).filter((s) => s.length >= 4),
      ...elderCare!.secrets,
    ];
    expect(names.length).toBeGreaterThan(10);
    const bureauPhones = new Set(['0531-0000 0000', '0534-0000 0000', '0515-0000 0000', '12345']);
    let files = 0;
    for await (const file of walk(dist)) {
      let content: string;
      const raw = await readFile(file);
      if (file.endsWith('.xlsx')) {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(raw as unknown as ArrayBuffer);
        const values: string[] = [];
        workbook.eachSheet((sheet) => sheet.eachRow((row) => values.push(...(row.values as unknown[]).map(String))));
        content = values.join('\n');
      } else if (raw[0] === 0x1f && raw[1] === 0x8b) {
        content = gunzipSync(raw).toString('latin1') + gunzipSync(raw).toString('utf8'); // Pagefind's index files
      } else {
        content = raw.toString('utf8');
      }
      const path = relative(dist, file);
      // SHA-256 hashes of the files (pages, datapackage.json) are hex: their digit runs are no phone number
      content = content.replace(/(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/g, '');
      for (const secret of secrets) expect(content.includes(secret), `${path} holds “${secret}”`).toBe(false);
      expect(content, path).not.toMatch(/(?<!\d)\d{17}[\dX](?!\d)/); // ID numbers
      expect(content, path).not.toMatch(/(?<![\d.])1[3-9]\d{9}(?![\d.])/); // mobile numbers
      for (const landline of content.match(/(?<!\d)0\d{2,3}-\d{4} ?\d{3,4}(?!\d)/g) ?? []) expect(bureauPhones, path).toContain(landline);
      files++;
    }
    expect(files).toBeGreaterThan(100);
  });

  it('publishes 幸福清单 rows on village pages only: never in downloads, never in the search index', async () => {
    const ids: string[] = [];
    for (const village of demo.fixture.villages) ids.push(...(await listingOf(village, latestMonth)).rows.map((h) => h.publicId));
    expect(ids.length).toBeGreaterThan(0);
    for await (const file of walk(dist)) {
      const path = relative(dist, file);
      if (/(^|\/)village\/\d{12}\/index\.html$/.test(path)) continue;
      const raw = await readFile(file);
      const content = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
      for (const id of ids) expect(content.includes(id), `${path} holds ${id}`).toBe(false);
    }
  });
});

describe('bulk queries of the public schema', () => {
  it('countyAggregates answers the same rows as the per-region queries', async () => {
    const fixtureTowns = [...new Set(demo.fixture.villages.map((v) => v.slice(0, 9)))];
    for (const [level, kind] of [
      ['TOWN', 'MONTH'],
      ['VILLAGE', 'YEAR'],
    ] as const) {
      const bulk = (
        await pub(
          graphql(`
            query TestCountyAggregates($c: String!, $y: Int!, $l: RegionLevel!, $k: PeriodKind!) {
              countyAggregates(countyCode: $c, year: $y, level: $l, periodKind: $k) {
                ...TestAggregate
              }
            }
          `),
          { c: COUNTY, y: year, l: level, k: kind },
        )
      ).countyAggregates;
      const parents = level === 'TOWN' ? [COUNTY] : fixtureTowns;
      const single: Aggregate[] = [];
      for (const parent of parents) {
        single.push(...(await pub(TestChildAggregates, { r: parent, y: year, k: kind })).childAggregates);
      }
      const sortKey = (a: Aggregate) => `${a.regionCode}|${a.programCode}|${a.period}`;
      expect([...bulk].sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(
        [...single].sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
      );
      expect(bulk.length).toBeGreaterThan(0);
    }
    const refused = await demo.api.query(
      '/public/graphql',
      `{ countyAggregates(countyCode: "370115", year: 2026, level: PROVINCE) { amount } }`,
    );
    expect(refused.errors?.[0]?.message).toMatch(/counties, towns and villages/);
  });

  it('has no bulk form of the 幸福清单: the build reads it village by village, page by page', async () => {
    const refused = await demo.api.query(
      '/public/graphql',
      `{ countyHappinessList(countyCode: "370115", month: "${latestMonth}") { publicId } }`,
    );
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    const lists = demo.build.requests.filter((r) => r.operation === 'SiteVillageList');
    expect(lists.length).toBeGreaterThan(0);
    for (const request of lists) {
      expect(request.variables['v']).toMatch(/^\d{12}$/);
      expect(request.variables['first']).toBe(TEST_LISTING_PAGE_SIZE);
    }
    // some village took more than one page, each asked after the previous page's endCursor
    expect(lists.some((r) => r.variables['after'])).toBe(true);
  });

  it('suppresses small application and re-review counts of programs counted only, as c', async () => {
    const applications = await csv(`data/${COUNTY}/${year}/applications.csv`);
    const disability = applications.find((r) => r['program_code'] === 'disability_care')!;
    expect([disability['received'], disability['approved']]).toEqual(['c', 'c']);
    expect(Number(applications.find((r) => r['program_code'] === 'dibao_rural')!['received'])).toBeGreaterThan(10);
    const reviews = await csv(`data/${COUNTY}/${year}/re-reviews.csv`);
    const campaign = reviews.find((r) => r['campaign_name'] === '重度残疾人护理补贴复核')!;
    expect([campaign['newly_approved_households'], campaign['newly_approved_persons']]).toEqual(['c', 'c']);
    const html = await page(dist, `county/${COUNTY}`);
    const table = tables(html, 'data-dataset="applications"')[0]!;
    const row = table.rows.find((r) => r.some((cell) => cell.includes('重度残疾人护理补贴')))!;
    expect(row.map(plain)).toContain('c');
  });
});

describe('build', () => {
  it('makes a number of GraphQL requests that depends on counties, releases and 幸福清单 pages, never on the pages of the site', async () => {
    const requests = demo.build.requests;
    const count = (operation: string) => requests.filter((r) => r.operation === operation).length;
    expect(count('SiteGlobal')).toBe(1);
    expect(count('SiteCounty')).toBe(4); // the four shipped counties
    expect(count('SiteRelease')).toBe(demo.releases.length);
    // one county with data, each release built: one request per year of its released months
    let countyYears = 0;
    for (const release of demo.releases) {
      const { releasedMonths } = await pub(
        graphql(`
          query TestReleasedMonths($c: String!, $r: ID!) {
            releasedMonths(countyCode: $c, releaseId: $r) {
              month
            }
          }
        `),
        { c: COUNTY, r: release },
      );
      countyYears += new Set(releasedMonths.map((m) => m.month.slice(0, 4))).size;
    }
    expect(countyYears).toBeGreaterThanOrEqual(demo.releases.length);
    expect(count('SiteCountyYear')).toBe(countyYears);
    // the 幸福清单: per built release, every village with households of a listed program, each of its pages
    let pages = 0;
    for (const release of demo.releases) {
      const { countyAggregates } = await pub(
        graphql(`
          query TestVillageHouseholds($c: String!, $r: ID!, $y: Int!) {
            countyAggregates(countyCode: $c, year: $y, level: VILLAGE, periodKind: YEAR, releaseId: $r) {
              regionCode
              programCode
              households
            }
          }
        `),
        { c: COUNTY, r: release, y: year },
      );
      const villages = new Set(
        countyAggregates
          .filter((a) => ['dibao_rural', 'temporary_relief'].includes(a.programCode) && a.households)
          .map((a) => a.regionCode),
      );
      for (const village of villages) {
        const rows = (await listingOf(village, latestMonth, release)).rows.length;
        pages += Math.max(1, Math.ceil(rows / TEST_LISTING_PAGE_SIZE));
      }
    }
    expect(count('SiteVillageList')).toBe(pages);
    // elder care: the facilities of each county with data in each built release (a page of 100 holds them)
    expect(count('SiteElderFacilities')).toBe(demo.releases.length);
    // 公示: each town of the county in each built release, one page (the demo has no notice open)
    const publicity = count('SitePublicity');
    expect(publicity).toBeGreaterThan(0);
    expect(publicity % demo.releases.length).toBe(0);
    expect(requests).toHaveLength(1 + 4 + demo.releases.length + countyYears + pages + demo.releases.length + publicity);
  });
});

describe('elder care', () => {
  it('has a page per facility, an elder-care section on the county page, and downloads with the public API’s figures', async () => {
    const facilities = await csv(`data/${COUNTY}/${year}/elder-care-facilities.csv`);
    expect(facilities.map((f) => f['facility_name']).sort()).toEqual(['测试幸福院', '测试敬老院']);
    for (const f of facilities) expect(existsSync(join(dist, 'facility', f['facility_id']!, 'index.html')), f['facility_name']).toBe(true);
    const home = facilities.find((f) => f['facility_name'] === '测试敬老院')!;
    expect(home).toMatchObject({
      kind: '公办敬老院',
      beds: '80',
      occupied_beds: '60',
      occupancy_percent: '75',
      certified_caregivers: '7',
      inspections: '1',
      hazards_found: '2',
      hazards_open: '1',
      hazards_overdue: '1',
    });
    expect(facilities.find((f) => f['facility_name'] === '测试幸福院')).toMatchObject({ beds: '', inspections: '0' });
    const facilityPage = await page(dist, `facility/${home['facility_id']}`);
    expect(facilityPage).toContain('测试敬老院');
    expect(facilityPage).toContain('data-inspection-record');

    const inspections = await csv(`data/${COUNTY}/${year}/elder-care-inspections.csv`);
    const q1 = (category: string) => inspections.find((r) => r['quarter'] === `${year}-Q1` && r['category'] === category)!;
    expect(q1('FIRE')).toMatchObject({ inspections: '1', failed_checks: '1', hazards_found: '1', still_open: '1', overdue: '1' });
    expect(q1('GAS')).toMatchObject({ hazards_found: '1', fixed_on_spot: '1', still_open: '0' });
    expect(inspections).toHaveLength(4 * 6);

    const { elderCare } = await pub(
      graphql(`
        query TestElderCare($c: String!, $y: Int!) {
          elderCare(regionCode: $c, year: $y) {
            facilities
            beds
            homeServices {
              personsServed
              eligiblePersons
              coverage
            }
          }
        }
      `),
      { c: COUNTY, y: year },
    );
    const [county] = await csv(`data/${COUNTY}/${year}/elder-care-by-town.csv`);
    expect(county).toMatchObject({
      region_code: COUNTY,
      facilities: String(elderCare!.facilities),
      beds: '80',
      persons_served: String(elderCare!.homeServices.personsServed),
      eligible_persons: '500',
      coverage_percent: String(elderCare!.homeServices.coverage),
    });
    expect(elderCare!.homeServices.personsServed).toBeGreaterThan(10);
    const countyPage = await page(dist, `county/${COUNTY}`);
    expect(countyPage).toContain('data-elder-care="370115"');
    expect(countyPage).toContain(`facility/${home['facility_id']}/`);
  });
});

describe('without a release', () => {
  let empty: DemoSite;
  beforeAll(async () => {
    empty = await buildDemoSite({ releases: 0 });
  }, 300_000);
  afterAll(async () => {
    await empty?.close();
  });

  it('builds and says 尚无发布 on the home, county and download pages', async () => {
    const d = empty.build.dist;
    for (const path of ['', `county/${COUNTY}`, 'data', 'releases']) expect(await page(d, path), path).toContain('尚无发布');
    expect(existsSync(join(d, 'village'))).toBe(false);
    expect(existsSync(join(d, 'data', COUNTY))).toBe(false);
    expect(await page(d, '')).toContain('济阳区');
  });
});
