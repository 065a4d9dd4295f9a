import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../site/codegen.js';

/**
 * The site's and the site tests' queries are typed from schema/public.graphql by GraphQL Code
 * Generator (site/codegen.ts); the generated site/src/gql/ is committed and must be exactly what
 * the schema and the documents give today (`pnpm codegen` after changing either).
 */
const site = fileURLToPath(new URL('../../site/', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

describe('typed public queries (site/src/gql)', () => {
  it('are what the code generator makes of schema/public.graphql and the queries (run `pnpm codegen` after a change)', async () => {
    const files: { filename: string; content: string }[] = await generate({ ...config, cwd: site, silent: true }, false);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(await readFile(join(site, file.filename), 'utf8'), file.filename).toBe(file.content);
    expect((await readdir(join(site, 'src/gql'))).sort()).toEqual(files.map((f) => f.filename.replace('src/gql/', '')).sort());
  }, 60_000);

  it('are the only way the site and its tests read the public API: no query typed by hand', async () => {
    const sources = [
      'site/src/lib/site-data.ts',
      'site/src/lib/public-api.ts',
      'tests/site/site.test.ts',
      'tests/site/support/public-queries.ts',
      'tests/browser/site.browser.test.ts',
    ];
    for (const path of sources) {
      const text = await readFile(join(root, path), 'utf8');
      // an answer's type written at the call (`query<{ region: … }>(…)`, `pub<Listed>(…)`)
      expect(text, path).not.toMatch(/\b(publicQuery|query|pub)<(\{|[A-Z]\w+)/);
      expect(text, path).not.toMatch(/ as Raw\w+/);
    }
  });
});
