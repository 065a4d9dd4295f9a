// @ts-check
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';

/**
 * After the pages are written, Pagefind indexes the region and program pages at the plain URLs
 * (not the /releases/ copies), only inside their data-pagefind-body heading blocks: region and
 * program names, never a 幸福清单 row. It segments Chinese because the pages are lang="zh-CN".
 * @returns {import('astro').AstroIntegration}
 */
function pagefindIndex() {
  return {
    name: 'xingfu-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const pagefind = await import('pagefind');
        const out = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({});
        if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
        const added = await index.addDirectory({ path: out, glob: '{county,town,village,program,facility,methodology}/**/*.html' });
        if (added.errors.length) throw new Error(`Pagefind: ${added.errors.join('; ')}`);
        const written = await index.writeFiles({ outputPath: join(out, 'pagefind') });
        if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
        logger.info(`Pagefind indexed ${added.page_count} pages.`);
        await pagefind.close();
      },
    },
  };
}

/**
 * The embed page of a figure (the same rule as embedPath in src/lib/embeds.ts).
 * @param {string} pagePath
 * @param {string} figureId
 */
function embedPath(pagePath, figureId) {
  const release = /^\/releases\/[^/]+\//.exec(pagePath);
  const prefix = release ? release[0].slice(0, -1) : '';
  return `${prefix}/embed${pagePath.slice(prefix.length)}${figureId}/`;
}

/** @param {string} dir @returns {AsyncGenerator<string>} */
async function* htmlFiles(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(path);
    else if (entry.name.endsWith('.html')) yield path;
  }
}

/**
 * Writes the embed page of every chart figure (`<figure data-embed>`, components/ChartFigure.astro)
 * of every built page: the figure as built, the page's stylesheet and 示例数据 banner (demo data),
 * and a source line linking the page (noindex: the page itself is what is cited). Returns the number of pages written.
 * @param {string} dist
 * @param {{ siteUrl: string, licence: string }} options
 */
export async function writeEmbedPages(dist, { siteUrl, licence }) {
  const { parse, renderSync, ELEMENT_NODE, TEXT_NODE } = await import('ultrahtml');
  const { querySelector, querySelectorAll } = await import('ultrahtml/selector');
  /** @type {(node: any) => string} */
  const textOf = (node) =>
    node.type === TEXT_NODE
      ? String(node.value)
      : node.type !== ELEMENT_NODE || (node.attributes.class ?? '').split(/\s+/).includes('sr-only')
        ? ''
        : node.children.map(textOf).join('');
  /** @type {(text: string) => string} */
  const escape = (text) =>
    text
      .replace(/&(?![a-z#0-9]+;)/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;');
  let written = 0;
  for await (const file of htmlFiles(dist)) {
    const html = await readFile(file, 'utf8');
    if (!html.includes('data-embed=')) continue;
    const doc = parse(html);
    const pagePath = `/${relative(dist, dirname(file)).split('\\').join('/')}/`.replace(/^\/\/$/, '/');
    const head = querySelector(doc, 'head');
    const title = textOf(querySelector(head, 'title'));
    const styles = [...querySelectorAll(head, 'link[rel="stylesheet"]'), ...querySelectorAll(head, 'style')]
      .map((n) => renderSync(n))
      .join('');
    // the 示例数据 banner travels with the chart
    const demo = querySelector(doc, 'div.demo');
    const banner = demo ? renderSync(demo) : '';
    for (const figure of querySelectorAll(doc, 'figure[data-embed]')) {
      const id = figure.attributes['data-embed'];
      const caption = textOf(querySelector(figure, 'figcaption'));
      const target = join(dist, embedPath(pagePath, id), 'index.html');
      await mkdir(dirname(target), { recursive: true });
      await writeFile(
        target,
        `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escape(caption)} · ${escape(title)}</title><link rel="canonical" href="${siteUrl}${pagePath}">${styles}</head><body class="embed">${banner}<main>${renderSync(figure)}<p class="note">来源：<a href="${siteUrl}${pagePath}#${id}" target="_top">${escape(title)}</a>（幸福清单，${licence}）</p></main></body></html>\n`,
      );
      written++;
    }
  }
  return written;
}

/**
 * After the pages are written, each chart figure's embed page (writeEmbedPages): the figure
 * alone, from the built page itself.
 * @returns {import('astro').AstroIntegration}
 */
function embedPages() {
  return {
    name: 'xingfu-embed-pages',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const siteUrl = (process.env.XINGFU_SITE_URL || 'http://127.0.0.1:4321').replace(/\/$/, '');
        const written = await writeEmbedPages(fileURLToPath(dir), { siteUrl, licence: 'CC-BY-4.0' });
        logger.info(`Wrote ${written} chart embed pages.`);
      },
    },
  };
}

export default defineConfig({
  outDir: process.env.XINGFU_SITE_DIST ?? './dist',
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [embedPages(), pagefindIndex()],
  devToolbar: { enabled: false },
});
