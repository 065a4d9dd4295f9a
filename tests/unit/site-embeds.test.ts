import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { embedPath, figureCsv } from '../../site/src/lib/embeds.js';

/** Embeddable charts (site/src/lib/embeds.ts): each figure's own CSV and its embed page. */

/** astro.config.mjs writes the embed pages after the build (plain JavaScript, loaded by Astro). */
const CONFIG: string = '../../site/astro.config.mjs';
const { writeEmbedPages } = (await import(CONFIG)) as {
  writeEmbedPages: (dist: string, options: { siteUrl: string; licence: string }) => Promise<number>;
};
const FIGURE = `<figure data-embed="fig-trend" aria-labelledby="fig-trend-caption"><figcaption id="fig-trend-caption">图 2 济阳区月度救助金额</figcaption><svg role="img"></svg>
<div class="table-wrap"><table><caption>表 2</caption><thead><tr><th scope="col">月份</th><th scope="col" class="num">金额（元）</th></tr></thead>
<tbody><tr><td>2023-01</td><td class="num">1,234,567.89</td></tr><tr><td><a href="/program/x/">A &amp; B<span class="sr-only">（链接）</span></a></td><td class="num">c</td></tr></tbody></table></div></figure>`;

describe('a chart’s own CSV', () => {
  it('is the table next to it: header and rows as shown, numbers without separators, screen-reader text left out', () => {
    const csv = figureCsv(FIGURE)!;
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')).toEqual(['月份,金额（元）', '2023-01,1234567.89', 'A & B,c', '']);
    expect(figureCsv('<p>no table</p>')).toBeNull();
  });
});

describe('embed pages', () => {
  it('sit under the page’s own prefix, so that a release’s copy keeps them', () => {
    expect(embedPath('/county/370115/', 'fig-trend')).toBe('/embed/county/370115/fig-trend/');
    expect(embedPath('/releases/r-7/county/370115/', 'fig-trend')).toBe('/releases/r-7/embed/county/370115/fig-trend/');
    expect(embedPath('/compare/', 'fig-compare')).toBe('/embed/compare/fig-compare/');
  });

  it('hold the figure alone with the page’s stylesheet and a link back to the page', async () => {
    const dist = await mkdtemp(join(tmpdir(), 'xingfu-embed-'));
    try {
      await mkdir(join(dist, 'releases', 'r-7', 'county', '370115'), { recursive: true });
      const page = `<!DOCTYPE html><html lang="zh-CN"><head><title>济阳区 · 幸福清单</title><link rel="stylesheet" href="/_astro/site.css"></head><body><div class="demo" role="note"><p><strong>示例数据</strong>：合成数据</p></div><main><h1>济阳区</h1><p>其他内容</p>${FIGURE}</main></body></html>`;
      await writeFile(join(dist, 'releases', 'r-7', 'county', '370115', 'index.html'), page);
      await writeFile(join(dist, 'index.html'), '<html><body>no figure</body></html>');
      expect(await writeEmbedPages(dist, { siteUrl: 'https://xingfu.example', licence: 'CC-BY-4.0' })).toBe(1);
      const embed = await readFile(join(dist, 'releases', 'r-7', 'embed', 'county', '370115', 'fig-trend', 'index.html'), 'utf8');
      expect(embed).toContain('<figure data-embed="fig-trend"');
      expect(embed).toContain('1,234,567.89');
      expect(embed).toContain('href="/_astro/site.css"');
      expect(embed).toContain('href="https://xingfu.example/releases/r-7/county/370115/#fig-trend"');
      expect(embed).toContain('noindex');
      expect(embed).toContain('<strong>示例数据</strong>');
      expect(embed).not.toContain('其他内容');
    } finally {
      await rm(dist, { recursive: true, force: true });
    }
  });
});
