import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoSite, type DemoSite } from '../site/support/demo-site.js';
import { graphql, publicAnswer } from '../site/support/public-queries.js';
import { chromiumAvailable, launchChromium } from './support/chromium.js';
import { serveStatic } from './support/static-server.js';

/**
 * The built site in Chromium: navigation county → town → village, a download parsed and compared
 * with the page, search, keyboard use, reading without JavaScript, and axe-core on every page
 * type. Screenshots of each page type are kept in tests/artifacts/screenshots/.
 */
const SCREENSHOTS = fileURLToPath(new URL('../artifacts/screenshots/', import.meta.url));
const COUNTY = '370115';
const enabled = chromiumAvailable();

let demo: DemoSite;
let server: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;
let village: { code: string; name: string };
let town: { code: string; name: string };
let year: number;

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

async function axeViolations(p: Page): Promise<AxeViolation[]> {
  await p.addScriptTag({ content: axe.source });
  const result = await p.evaluate<{ violations: AxeViolation[]; passes: unknown[] }>('axe.run(document, { resultTypes: ["violations"] })');
  expect(result.passes.length).toBeGreaterThan(20);
  return result.violations;
}

const cellsOf = (p: Page, selector: string) =>
  p
    .locator(`${selector} tbody tr`)
    .evaluateAll((rows) =>
      rows.map((row) =>
        [...(row as unknown as { cells: Iterable<{ textContent: string | null }> }).cells].map((c) => (c.textContent ?? '').trim()),
      ),
    );

describe.runIf(enabled)('the site in Chromium', () => {
  beforeAll(async () => {
    demo = await buildDemoSite();
    server = await serveStatic(demo.build.dist);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    await mkdir(SCREENSHOTS, { recursive: true });
    const data = await publicAnswer(
      demo.api,
      graphql(`
        query TestVillage($v: String!) {
          region(code: $v) {
            name
            parent {
              code
              name
            }
          }
          releasedMonths {
            month
          }
        }
      `),
      { v: demo.fixture.villages[0]! },
    );
    village = { code: demo.fixture.villages[0]!, name: data.region!.name };
    town = data.region!.parent!;
    year = Math.max(...data.releasedMonths.map((m) => Number(m.month.slice(0, 4))));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await demo?.close();
  });

  it('navigates county → town → village', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: '济阳区', exact: true }).first().click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('济阳区');
    await page.locator('#towns ~ ul').getByRole('link', { name: town.name, exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(town.name);
    await page.getByRole('link', { name: village.name, exact: true }).first().click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(village.name);
    expect(page.url()).toBe(`${server.url}/village/${village.code}/`);
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toContain('noindex');
    await expect.poll(() => page.getByRole('heading', { level: 2, name: /幸福清单/ }).count()).toBe(1);
  });

  it('fetches a download whose figures equal the page’s table', async () => {
    await page.goto(`${server.url}/county/${COUNTY}/`);
    // the page links the long name (county slug, code and year); the short name is the same file
    const link = page.locator(`a[href="/data/${COUNTY}/${year}/jiyang-${COUNTY}-${year}-summary-by-program.csv"]`).first();
    const href = await link.getAttribute('href');
    const response = await page.request.get(`${server.url}${href}`);
    expect(response.status()).toBe(200);
    const rows = parse<Record<string, string>>(await response.text(), { columns: true });
    const shown = await cellsOf(page, 'table[data-dataset="summary-by-program"]');
    expect(shown.map((cells) => cells.map((c) => c.replace(/,/g, '')))).toEqual(
      rows.map((r) => [r['program_name'], r['households'], r['persons'], r['person_months'], r['amount_yuan']]),
    );
    expect(rows.length).toBeGreaterThan(0);
  });

  it('finds a village with the search (Pagefind, Chinese)', async () => {
    await page.goto(`${server.url}/search/?q=${encodeURIComponent(village.name)}`);
    const result = page.locator('#search-results a', { hasText: village.name }).first();
    await result.waitFor({ timeout: 20_000 });
    await result.click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(village.name);
    // a part of the name is found too, and the search form works from the header of any page
    await page.goto(`${server.url}/county/${COUNTY}/`);
    await page.getByLabel('搜索地区或救助项目').fill('低保');
    await page.getByLabel('搜索地区或救助项目').press('Enter');
    await page.locator('#search-results a', { hasText: '农村低保' }).first().waitFor({ timeout: 20_000 });
  });

  it('works from the keyboard: skip link, then sorting a table with Enter', async () => {
    await page.goto(`${server.url}/county/${COUNTY}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('跳到正文');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('main');
    const table = 'table[data-dataset="summary-by-program"]';
    const amountHeader = page.locator(`${table} thead th`).nth(4);
    await amountHeader.locator('button').focus();
    await page.keyboard.press('Enter');
    expect(await amountHeader.getAttribute('aria-sort')).toBe('ascending');
    const amounts = async () =>
      (await cellsOf(page, table)).map((cells) => (cells[4] === 'c' ? Number.NEGATIVE_INFINITY : Number(cells[4]!.replace(/,/g, ''))));
    const ascending = await amounts();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await page.keyboard.press('Enter');
    expect(await amountHeader.getAttribute('aria-sort')).toBe('descending');
    const descending = await amounts();
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
  });

  it('reads fully with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(`${server.url}/county/${COUNTY}/`);
    expect(await plain.locator('figure svg[role="img"]').count()).toBeGreaterThanOrEqual(2);
    expect(await plain.locator('table[data-dataset="summary-by-program"] tbody tr').count()).toBeGreaterThan(0);
    expect(await plain.locator('th button').count()).toBe(0);
    await plain.goto(`${server.url}/village/${village.code}/`);
    expect(await plain.locator('h1').textContent()).toBe(village.name);
    await context.close();
  });

  it('passes axe-core on every page type (screenshots in tests/artifacts/screenshots/)', async () => {
    const release = demo.releases[demo.releases.length - 1]!;
    const pages: [string, string][] = [
      ['home', '/'],
      ['county', `/county/${COUNTY}/`],
      ['county-no-release', '/county/320922/'],
      ['town', `/town/${town.code}/`],
      ['village', `/village/${village.code}/`],
      ['programs', '/program/'],
      ['program-listed', '/program/dibao_rural/'],
      ['program-counted', '/program/disability_care/'],
      ['methodology', '/methodology/'],
      ['releases', '/releases/'],
      ['changelog', `/releases/${release}/changelog/`],
      ['release-county', `/releases/${release}/county/${COUNTY}/`],
      ['data', '/data/'],
      ['data-folder', `/data/${COUNTY}/${year}/`],
      ['search', `/search/?q=${encodeURIComponent(town.name)}`],
      ['not-found', '/404.html'],
    ];
    const failures: string[] = [];
    for (const [name, path] of pages) {
      const response = await page.goto(`${server.url}${path}`);
      expect(response?.status(), path).toBe(200);
      if (name === 'search') await page.locator('#search-results a').first().waitFor({ timeout: 20_000 });
      await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
      for (const v of await axeViolations(page)) {
        failures.push(
          `${path}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary}`).join('\n    ')}`,
        );
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });
});
