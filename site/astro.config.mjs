// @ts-check
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
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

export default defineConfig({
  outDir: process.env.XINGFU_SITE_DIST ?? './dist',
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [pagefindIndex()],
  devToolbar: { enabled: false },
});
