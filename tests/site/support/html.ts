import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Reading the built HTML without a browser: the pages are regular, so a few patterns do. */

export async function page(dist: string, path: string): Promise<string> {
  return readFile(join(dist, path, path.endsWith('.html') ? '' : 'index.html'), 'utf8');
}

export function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

export interface HtmlTable {
  /** The data-field of each column header (the CSV column), or its text. */
  fields: string[];
  headers: string[];
  /** The cells' text as shown (1,234.56; c; —). */
  rows: string[][];
  /** Attributes of each body row (data-village, …). */
  rowAttributes: string[];
}

/** The tables of a page whose opening tag matches `attribute` (e.g. data-dataset="summary-by-program"). */
export function tables(html: string, attribute: string): HtmlTable[] {
  const found: HtmlTable[] = [];
  const pattern = new RegExp(`<table[^>]*${attribute}[^>]*>([\\s\\S]*?)</table>`, 'g');
  for (const match of html.matchAll(pattern)) {
    const body = match[1]!;
    const head = /<thead>([\s\S]*?)<\/thead>/.exec(body)?.[1] ?? '';
    const ths = [...head.matchAll(/<th([^>]*)>([\s\S]*?)<\/th>/g)];
    const tbody = /<tbody>([\s\S]*?)<\/tbody>/.exec(body)?.[1] ?? '';
    const rows = [...tbody.matchAll(/<tr([^>]*)>([\s\S]*?)<\/tr>/g)];
    found.push({
      fields: ths.map((t) => /data-field="([^"]+)"/.exec(t[1]!)?.[1] ?? /data-program="([^"]+)"/.exec(t[1]!)?.[1] ?? text(t[2]!)),
      headers: ths.map((t) => text(t[2]!)),
      rows: rows.map((r) => [...r[2]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => text(c[1]!))),
      rowAttributes: rows.map((r) => r[1]!),
    });
  }
  return found;
}

export function table(html: string, attribute: string): HtmlTable {
  const all = tables(html, attribute);
  if (all.length === 0) throw new Error(`no table with ${attribute}`);
  return all[0]!;
}

/** A shown figure as it is written in the CSV: 1,234.56 → 1234.56; c stays c. */
export const plain = (shown: string): string => shown.replace(/,/g, '');

export async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}
