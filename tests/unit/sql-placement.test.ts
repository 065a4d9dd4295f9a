import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * SQL lives only in read models and in the domain's services (packages/api/README.md, "Folders"):
 * in the API, a statement or an ORM query outside a `*.read-model.ts` (or the read-model kit) fails
 * this test, so a resolver stays arguments → read model or domain service → answer.
 */
const API_SRC = fileURLToPath(new URL('../../packages/api/src', import.meta.url));
const ALLOWED = [/\.read-model\.ts$/, /^context\/columns\.ts$/, /^context\/prepared-reads\.ts$/, /^context\/loader-factories\.ts$/];
const QUERY = [
  /\bem\s*\.\s*(execute|find|findOne|findOneOrFail|count|nativeDelete|nativeUpdate|insert)\s*[<(]/,
  /getConnection\(\)\s*\.\s*execute/,
  /[`'"]\s*(select|insert\s+into|update\s+\w+\s+set|delete\s+from|with\s+\w+\s+as)\s/i,
];

const isComment = (line: string) => /^\s*(\/\/|\/\*|\*)/.test(line);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Lines of the API's sources outside read models that query the database. */
export function queriesOutsideReadModels(root: string): string[] {
  return files(root).flatMap((file) => {
    const path = relative(root, file).replaceAll('\\', '/');
    if (ALLOWED.some((pattern) => pattern.test(path))) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (!isComment(line) && QUERY.some((pattern) => pattern.test(line)) ? [`${path}:${i + 1}: ${line.trim()}`] : []));
  });
}

describe('where SQL lives in the API', () => {
  it('finds no statement or ORM query outside the read models', () => {
    expect(queriesOutsideReadModels(API_SRC)).toEqual([]);
  });

  it('would find one in a resolver', () => {
    const lines = [
      "    const rows = await ctx.em.execute('select 1');",
      '    return ctx.em.find(Program, {});',
      '    const sql = `select id from household`;',
    ];
    expect(lines.every((line) => QUERY.some((pattern) => pattern.test(line)))).toBe(true);
  });
});
