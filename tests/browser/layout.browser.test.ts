import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoSite, type DemoSite } from '../site/support/demo-site.js';
import { graphql, publicAnswer } from '../site/support/public-queries.js';
import { chromiumAvailable, launchChromium } from './support/chromium.js';
import { measureLayout, type LayoutReport } from './support/layout.js';
import { serveStatic } from './support/static-server.js';

/**
 * Every kind of page at a 390 px phone and a 1366 px laptop: the page never scrolls sideways, a
 * table wider than its box scrolls inside it with a hint and its first column in view, every
 * download link is on screen at desktop width, and chart text is at least 10 px. Screenshots:
 * tests/artifacts/screenshots/layout-{width}-{page}.png.
 */
const SCREENSHOTS = fileURLToPath(new URL('../artifacts/screenshots/', import.meta.url));
const COUNTY = '370115';
const WIDTHS = [390, 1366] as const;
const enabled = chromiumAvailable();

let demo: DemoSite;
let server: { url: string; close(): Promise<void> };
let browser: Browser;
let pages: [string, string][];
const reports = new Map<string, LayoutReport>();

describe.runIf(enabled)('the site’s layout at 390 and 1366 px', () => {
  beforeAll(async () => {
    demo = await buildDemoSite({ env: { XINGFU_SITE_RELEASES: '1' } });
    server = await serveStatic(demo.build.dist);
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
    const data = await publicAnswer(
      demo.api,
      graphql(`
        query TestLayoutVillage($v: String!) {
          region(code: $v) {
            parent {
              code
            }
          }
          releasedMonths {
            month
          }
        }
      `),
      { v: demo.fixture.villages[0]! },
    );
    const town = data.region!.parent!.code;
    const year = Math.max(...data.releasedMonths.map((m) => Number(m.month.slice(0, 4))));
    const release = demo.releases[demo.releases.length - 1]!;
    pages = [
      ['home', '/'],
      ['county', `/county/${COUNTY}/`],
      ['county-no-release', '/county/320922/'],
      ['town', `/town/${town}/`],
      ['village', `/village/${demo.fixture.villages[0]}/`],
      ['facility', `/facility/${demo.elderCare.homeId}/`],
      ['facility-no-beds', `/facility/${demo.elderCare.happinessHomeId}/`],
      ['programs', '/program/'],
      ['program', '/program/dibao_rural/'],
      ['methodology', '/methodology/'],
      ['releases', '/releases/'],
      ['changelog', `/releases/${release}/changelog/`],
      ['release-county', `/releases/${release}/county/${COUNTY}/`],
      ['compare', '/compare/'],
      ['developers', '/developers/'],
      ['data', '/data/'],
      ['data-folder', `/data/${COUNTY}/${year}/`],
      ['search', '/search/'],
      ['not-found', '/404.html'],
    ];
    for (const width of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'zh-CN' });
      for (const [name, path] of pages) {
        const response = await page.goto(`${server.url}${path}`);
        expect(response?.status(), path).toBe(200);
        reports.set(`${width} ${name}`, await measureLayout(page));
        await page.screenshot({ path: `${SCREENSHOTS}layout-${width}-${name}.png`, fullPage: true });
      }
      await page.close();
    }
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await demo?.close();
  });

  const each = (check: (report: LayoutReport, width: number) => unknown[]) => {
    const found: string[] = [];
    for (const width of WIDTHS)
      for (const [name] of pages)
        for (const problem of check(reports.get(`${width} ${name}`)!, width)) found.push(`${width} px ${name}: ${JSON.stringify(problem)}`);
    return found;
  };

  it('never scrolls a page sideways', () => {
    expect(each((r) => (r.pageOverflow > 0 ? [r.pageOverflow] : []))).toEqual([]);
  });

  it('scrolls a wide table inside its own box, with a hint above it and its first column kept in view', () => {
    expect(each((r) => r.wideTables.filter((t) => !t.scrolls || !t.hint || !t.stickyFirstColumn))).toEqual([]);
    // the phone does meet wide tables: the checks above are not vacuous
    expect(reports.get('390 county')!.wideTables.length).toBeGreaterThan(0);
  });

  it('shows every download link on screen at desktop width, in columns not squeezed to one character a line', () => {
    expect(each((r, width) => (width === 1366 ? r.offscreenDownloads : []))).toEqual([]);
    expect(reports.get('1366 data-folder')!.squeezedCells).toEqual([]);
  });

  it('draws chart text at 10 px or more on the phone and the laptop', () => {
    expect(each((r) => (r.smallestChartText !== null && r.smallestChartText < 10 ? [r.smallestChartText] : []))).toEqual([]);
    expect(reports.get('390 county')!.smallestChartText).not.toBeNull();
    expect(reports.get('390 facility')!.smallestChartText).not.toBeNull();
  });

  it('gives the fixed address of a download folder as a link', async () => {
    const page = await browser.newPage();
    const year = pages.find(([n]) => n === 'data-folder')![1].split('/')[3];
    await page.goto(`${server.url}/data/${COUNTY}/${year}/`);
    const fixed = page.locator(`main a[href^="/releases/"][href$="/data/${COUNTY}/${year}/"]`);
    expect(await fixed.count()).toBe(1);
    const response = await page.request.get(`${server.url}${await fixed.getAttribute('href')}`);
    expect(response.status()).toBe(200);
    await page.close();
  });
});
