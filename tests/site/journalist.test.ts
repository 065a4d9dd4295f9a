import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayWan, fenToYuan } from '../../site/src/lib/money.js';
import { publicDownloads } from '../support/public-downloads.js';
import { buildDemoSite, type DemoSite } from './support/demo-site.js';
import { graphql, publicAnswer } from './support/public-queries.js';
import { page, plain, table, text, walk } from './support/html.js';

/**
 * The site as a data journalist reads it: periods and units that do not mislead, the small
 * things (wording, Chinese categories, persons for per-person programs, tel: links, the 404
 * footer, sitemap, feed, share metadata), and the developers' page whose queries give the very
 * rows of the downloads.
 */
let demo: DemoSite;
let dist: string;
let year: number;
let release: string;
const COUNTY = '370115';

async function csv(path: string): Promise<Record<string, string>[]> {
  return parse<Record<string, string>>(await readFile(join(dist, path), 'utf8'), { columns: true });
}

const fen = (yuan: string): bigint => {
  const [int, dec] = yuan.replace('-', '').split('.') as [string, string];
  return (BigInt(int) * 100n + BigInt(dec)) * (yuan.startsWith('-') ? -1n : 1n);
};

/** The <dd> of a <dt> in a page's facts. */
const fact = (html: string, label: string): string | undefined => {
  const match = new RegExp(`<dt>${label}</dt>\\s*<dd>([\\s\\S]*?)</dd>`).exec(html);
  return match ? text(match[1]!) : undefined;
};

beforeAll(async () => {
  demo = await buildDemoSite();
  dist = demo.build.dist;
  const data = await publicAnswer(
    demo.api,
    graphql(`
      query TestJournalistMonths($c: String!) {
        releasedMonths(countyCode: $c) {
          month
        }
      }
    `),
    { c: COUNTY },
  );
  year = Math.max(...data.releasedMonths.map((m) => Number(m.month.slice(0, 4))));
  release = demo.releases[demo.releases.length - 1]!;
}, 300_000);

afterAll(async () => {
  await demo?.close();
});

describe('periods and units', () => {
  it('label the data period and the release date as two things, and never call a year 本年', async () => {
    const county = await page(dist, `county/${COUNTY}`);
    expect(fact(county, '数据期间')).toMatch(new RegExp(`^${year}年`));
    expect(fact(county, '发布日期')).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    const town = demo.fixture.villages[0]!.slice(0, 9);
    for (const path of [
      '',
      `county/${COUNTY}`,
      `town/${town}`,
      `village/${demo.fixture.villages[0]}`,
      `data/${COUNTY}/${year}`,
      'releases',
    ]) {
      const html = await page(dist, path);
      // a period named 本年 (本年已公布…, 本年累计); the definitions' 当年/本年 of an approval stay
      expect(text(html), path).not.toMatch(/本年(已公布|累计|救助)/);
      expect(text(html), path).not.toContain('数据截至');
    }
  });

  it('give the headline amount in 万元 with separators, equal to the table’s exact 元', async () => {
    const county = await page(dist, `county/${COUNTY}`);
    const rows = await csv(`data/${COUNTY}/${year}/summary-by-program.csv`);
    const total = rows.filter((r) => r['amount_yuan'] !== 'c').reduce((s, r) => s + fen(r['amount_yuan']!), 0n);
    expect(total).toBeGreaterThan(0n);
    expect(fact(county, `${year}年已公布救助金额`)).toMatch(new RegExp(`^${displayWan(total).replace(/\./, '\\.')} 万元\\*?$`));
    // the table itself keeps exact 元
    const shown = table(county, 'data-dataset="summary-by-program"');
    const amounts = shown.rows.map((cells) => plain(cells[shown.fields.indexOf('amount_yuan')]!));
    expect(amounts).toEqual(rows.map((r) => r['amount_yuan']));
  });
});

describe('the small things', () => {
  it('say 小单元格抑制, never 小数 (decimal) suppression', async () => {
    for await (const file of walk(dist)) {
      if (!file.endsWith('.html')) continue;
      expect(text(await readFile(file, 'utf8')), relative(dist, file)).not.toMatch(/小数(抑制|保护)/);
    }
    expect(await page(dist, 'methodology')).toContain('小单元格抑制');
  });

  it('name program categories in Chinese', async () => {
    const programs = table(await page(dist, 'program'), 'data-sortable');
    const categories = programs.rows.map((cells) => cells[programs.headers.indexOf('类别')]!);
    expect(categories.length).toBeGreaterThan(5);
    for (const c of categories) expect(c).toMatch(/^[\u4e00-\u9fff（）]+$/);
    expect(categories).toContain('最低生活保障');
  });

  it('count a per-person program in persons, a per-household one in households', async () => {
    const perPerson = await page(dist, 'program/disability_care');
    expect(perPerson).toContain('data-field="persons"');
    expect(perPerson).not.toContain('data-field="households"');
    expect(perPerson).toContain('按人发放');
    expect(await page(dist, 'program/dibao_rural')).toContain('data-field="households"');
  });

  it('make the supervision phones tel: links in international form', async () => {
    const county = await page(dist, `county/${COUNTY}`);
    expect(county).toContain('<a href="tel:+86-531-00000000">0531-0000 0000</a>');
    expect(county).toContain('<a href="tel:12345">12345</a>');
  });

  it('show the latest release in the 404 page’s footer', async () => {
    const notFound = await page(dist, '404.html');
    expect(text(notFound)).toContain(`发布 ${release}`);
    expect(text(notFound)).not.toContain('尚无发布');
  });

  it('list the indexable pages in a sitemap, never a village page', async () => {
    const xml = await readFile(join(dist, 'sitemap.xml'), 'utf8');
    // absolute under XINGFU_SITE_URL, as the sitemap protocol asks
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
    const town = demo.fixture.villages[0]!.slice(0, 9);
    for (const path of ['/', `/county/${COUNTY}/`, `/town/${town}/`, '/program/dibao_rural/', `/data/${COUNTY}/${year}/`, '/developers/'])
      expect(locs, path).toContain(path);
    expect(locs.filter((l) => l.includes('/village/'))).toEqual([]);
    for (const loc of locs) expect(existsSync(join(dist, loc, 'index.html')), loc).toBe(true);
    expect(await readFile(join(dist, 'robots.txt'), 'utf8')).toContain('Sitemap:');
  });

  it('publish an Atom feed with one entry per release, linked from the pages', async () => {
    const xml = await readFile(join(dist, 'releases', 'feed.xml'), 'utf8');
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    const ids = [...xml.matchAll(/<entry>[\s\S]*?<id>urn:xingfu:release:([^<]+)<\/id>/g)].map((m) => m[1]);
    expect(ids).toEqual([...demo.releases].reverse());
    for (const id of demo.releases)
      expect(xml).toMatch(new RegExp(`href="https?://[^"/]+/releases/${id.replace(/\./g, '\\.')}/changelog/"`));
    expect(await page(dist, `county/${COUNTY}`)).toContain('<link rel="alternate" type="application/atom+xml"');
  });

  it('carry share metadata on every page', async () => {
    const county = await page(dist, `county/${COUNTY}`);
    expect(county).toMatch(/<meta property="og:title" content="济阳区 · 幸福清单"/);
    expect(county).toMatch(/<meta property="og:description" content="[^"]+"/);
    expect(county).toContain('<meta name="twitter:card" content="summary"');
  });
});

describe('the developers’ page', () => {
  it('is linked from every data page', async () => {
    const town = demo.fixture.villages[0]!.slice(0, 9);
    for (const path of [`county/${COUNTY}`, `town/${town}`, 'program/dibao_rural', 'data', `data/${COUNTY}/${year}`])
      expect(await page(dist, path), path).toMatch(/href="\/developers\/(#[a-z-]+)?"/);
  });

  it('names the endpoint, its limits and licence', async () => {
    const html = text(await page(dist, 'developers'));
    for (const part of ['/public/graphql', 'RATE_LIMITED', '429', 'QUERY_TOO_COMPLEX', 'CC BY 4.0']) expect(html).toContain(part);
  });

  it('gives for each download a query whose answer is that file’s rows', async () => {
    const html = await page(dist, 'developers');
    const variables = JSON.parse(text(/<code data-variables>([\s\S]*?)<\/code>/.exec(html)![1]!)) as { c: string; y: number; r: string };
    expect(variables).toEqual({ c: COUNTY, y: year, r: release });
    const queries = new Map(
      [...html.matchAll(/<pre data-query="([^"]+)"><code>([\s\S]*?)<\/code><\/pre>/g)].map((m) => [m[1]!, text(m[2]!)]),
    );
    const files = [
      'summary-by-program',
      'monthly-by-program',
      'summary-by-town',
      'monthly-by-town',
      'summary-by-village',
      'standards',
      're-reviews',
      'applications',
      'data-driven-assistance',
      'instant-approvals',
      'application-channels',
      'decision-times',
      'referrals',
    ];
    expect([...queries.keys()].filter((k) => files.includes(k)).sort()).toEqual([...files].sort());
    for (const file of files) {
      const query = queries.get(file)!;
      const used = Object.fromEntries(Object.entries(variables).filter(([k]) => query.includes(`$${k}:`)));
      const answer = await demo.api.query<Record<string, Record<string, string | number | null>[]>>('/public/graphql', query, {
        variables: used,
      });
      expect(answer.errors, file).toBeUndefined();
      const rows = Object.values(answer.data!)[0]!;
      const expected = await csv(`data/${COUNTY}/${year}/${file}.csv`);
      const shown = (v: string | number | null | undefined) => (v === null ? 'c' : String(v));
      if (file === 'standards') {
        expect(
          rows.map((r) => [r['programCode'], r['effectiveMonth'], r['amount']]),
          file,
        ).toEqual(expected.map((r) => [r['program_code'], r['effective_month'], r['amount_yuan']]));
      } else if (file === 're-reviews') {
        expect(
          rows.map((r) => [r['name'], r['periodStart'], shown(r['reviewedHouseholds'])]),
          file,
        ).toEqual(expected.map((r) => [r['campaign_name'], r['period_start'], r['reviewed_households']]));
      } else if (file === 'data-driven-assistance') {
        expect(
          rows.map((r) => [r['figure'], r['code'], r['outcome'], shown(r['cases']), shown(r['amount'])]),
          file,
        ).toEqual(expected.map((r) => [r['figure'], r['code'], r['outcome'], r['cases'], r['amount_yuan']]));
      } else if (file === 'instant-approvals') {
        expect(
          rows.map((r) => [r['programCode'], shown(r['applications']), shown(r['instant']), shown(r['instantPercent'])]),
          file,
        ).toEqual(expected.map((r) => [r['program_code'], r['applications'], r['instant'], r['instant_percent']]));
      } else if (file === 'application-channels') {
        const channels = rows.flatMap((r) =>
          (r['channels'] as unknown as Record<string, string | number | null>[]).map((c) => [
            r['programCode'],
            c['channel'],
            shown(c['applications']),
            shown(c['percent']),
          ]),
        );
        expect(channels, file).toEqual(expected.map((r) => [r['program_code'], r['channel'], r['applications'], r['percent']]));
      } else if (file === 'decision-times') {
        expect(
          rows.map((r) => [r['programCode'], r['decision'], shown(r['medianDays'])]),
          file,
        ).toEqual(expected.map((r) => [r['program_code'], r['decision'], r['median_days']]));
      } else if (file === 'referrals') {
        expect(
          rows.map((r) => [r['department'], r['outcome'], shown(r['cases']), shown(r['amount'])]),
          file,
        ).toEqual(expected.map((r) => [r['department'], r['outcome'], r['cases'], r['amount_yuan']]));
      } else if (file === 'applications') {
        expect(
          rows.map((r) => [r['programCode'], shown(r['received']), shown(r['approved']), shown(r['rejected'])]),
          file,
        ).toEqual(expected.map((r) => [r['program_code'], r['received'], r['approved'], r['rejected']]));
      } else {
        const key = (region: string, program: string, period: string) => `${region}|${program}|${period}`;
        const regionField = file.endsWith('town') ? 'town_code' : file.endsWith('village') ? 'village_code' : null;
        const fromApi = new Map(
          rows.map((r) => [
            key(
              regionField ? String(r['regionCode']) : '',
              String(r['programCode']),
              file.startsWith('monthly') ? String(r['period']) : '',
            ),
            [shown(r['households']), shown(r['persons']), shown(r['personMonths']), shown(r['amount'])],
          ]),
        );
        const keys = new Set<string>();
        for (const r of expected) {
          const k = key(regionField ? r[regionField]! : '', r['program_code']!, r['period'] ?? '');
          keys.add(k);
          // a zero row a file writes out explicitly is absent from the API's answer
          expect(fromApi.get(k) ?? ['0', '0', '0', '0.00'], `${file} ${k}`).toEqual([
            r['households'],
            r['persons'],
            r['person_months'],
            r['amount_yuan'],
          ]);
        }
        expect(
          [...fromApi.keys()].filter((k) => !keys.has(k)),
          file,
        ).toEqual([]);
      }
    }
  });
});

describe('comparisons', () => {
  const fenOf = (rows: Record<string, string>[]) =>
    rows.filter((r) => r['amount_yuan'] !== 'c').reduce((s, r) => s + fen(r['amount_yuan']!), 0n);

  it('rank the towns of a county by their shown amount, each equal to its rows of the town file', async () => {
    const county = await page(dist, `county/${COUNTY}`);
    const ranking = table(county, 'data-town-ranking');
    const byTown = await csv(`data/${COUNTY}/${year}/summary-by-town.csv`);
    const towns = new Set(byTown.map((r) => r['town_code']));
    expect(ranking.rows.length).toBeGreaterThanOrEqual(towns.size);
    let previous = Number.POSITIVE_INFINITY;
    ranking.rows.forEach((cells, i) => {
      const code = /data-town="(\d+)"/.exec(ranking.rowAttributes[i]!)![1]!;
      const amount = plain(cells[2]!);
      expect(amount, code).toBe(fenToYuan(fenOf(byTown.filter((r) => r['town_code'] === code))));
      expect(Number(amount)).toBeLessThanOrEqual(previous);
      previous = Number(amount);
    });
    expect(ranking.rows[0]![1]).toBe('1');
    expect(county).toContain('id="fig-towns-caption"');
  });

  it('give 低保 as one line: 城市 + 农村', async () => {
    const county = await page(dist, `county/${COUNTY}`);
    const line = text(/<p data-dibao-combined>([\s\S]*?)<\/p>/.exec(county)![1]!);
    const dibao = (await csv(`data/${COUNTY}/${year}/summary-by-program.csv`)).filter((r) => r['program_code']!.startsWith('dibao_'));
    expect(dibao.length).toBeGreaterThan(0);
    const households = dibao.reduce((s, r) => s + Number(r['households']), 0);
    expect(line).toContain(`${households.toLocaleString('en-US')} 户`);
    expect(line).toContain(`${displayWan(fenOf(dibao))} 万元`);
  });

  it('set the counties side by side on a comparison page, each total equal to its file', async () => {
    const compare = await page(dist, 'compare');
    const counties = table(compare, 'data-compare-counties');
    const row = counties.rows[counties.rowAttributes.findIndex((a) => a.includes(`data-county="${COUNTY}"`))]!;
    expect(plain(row[2]!).replace(' *', '')).toBe(fenToYuan(fenOf(await csv(`data/${COUNTY}/${year}/summary-by-program.csv`))));
    expect(await page(dist, '')).toContain('href="/compare/"');
  });

  it('chart the standards across years, each year’s value the standard in force in its December', async () => {
    const county = await page(dist, `county/${COUNTY}`);
    const byYear = table(county, 'data-standards-by-year');
    const standards = await csv(`data/${COUNTY}/${year}/standards.csv`);
    const years = byYear.headers.slice(1).map((h) => Number(h.replace('年', '')));
    expect(years.length).toBeGreaterThan(1);
    const rural = byYear.rows.find((cells) => cells[0]!.startsWith('农村低保'))!;
    years.forEach((y, i) => {
      const inForce = standards
        .filter((s) => s['program_code'] === 'dibao_rural' && s['tier'] === '' && s['effective_month']! <= `${y}-12`)
        .sort((a, b) => a['effective_month']!.localeCompare(b['effective_month']!))
        .pop();
      expect(plain(rural[i + 1]!), String(y)).toBe(inForce ? inForce['amount_yuan'] : '—');
    });
    expect(county).toContain('id="fig-standards-caption"');
  });
});

describe('the downloads the calibration tests read', () => {
  it('are the built site’s /data/ files byte for byte (the XLSX hashes in datapackage.json included), written by the site’s own loader and file functions without a build', async () => {
    const downloads = await publicDownloads(demo.api);
    expect(downloads.texts.size).toBeGreaterThan(0);
    const different: string[] = [];
    for (const [path, body] of downloads.texts) {
      if ((await readFile(join(dist, path), 'utf8')) !== body) different.push(path);
    }
    expect(different).toEqual([]);
    // and nothing of the build's folders is left out (its zips, workbooks and page are not data text)
    const built: string[] = [];
    for await (const file of walk(join(dist, 'data'))) {
      const path = relative(dist, file);
      if (/^data\/\d{6}\/\d{4}\/[^/]+$/.test(path) && !/\.(zip|xlsx|html)$/.test(path)) built.push(path);
    }
    expect(built.sort()).toEqual([...downloads.texts.keys()].sort());
  });
});
