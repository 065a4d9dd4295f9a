// Page weight of a built site, by page type: `node site/scripts/measure.ts DIST [REQUEST_LOG]` (Node ≥ 22.18).
// A page's weight is its HTML plus the stylesheets it links (scripts are inline; charts are inline
// SVG; nothing else loads, except Pagefind on the search page when a search runs). Sizes are raw
// and gzip -9. With the JSON-lines request log a build wrote (XINGFU_SITE_REQUEST_LOG), it also
// counts the build's GraphQL requests and bytes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const [dist, log] = process.argv.slice(2) as [string | undefined, string | undefined];
if (!dist) {
  process.stderr.write('usage: node site/scripts/measure.ts DIST [REQUEST_LOG]\n');
  process.exit(2);
}

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

const TYPES: [string, RegExp][] = [
  ['home', /^index\.html$/],
  ['county', /^county\/\d+\/index\.html$/],
  ['town', /^town\/\d+\/index\.html$/],
  ['village', /^village\/\d+\/index\.html$/],
  ['program', /^program\/[a-z_]+\/index\.html$/],
  ['methodology', /^methodology\/index\.html$/],
  ['releases', /^releases\/index\.html$/],
  ['data folder', /^data\/\d+\/\d+\/index\.html$/],
  ['search', /^search\/index\.html$/],
];
const gz = (buffer: Buffer): number => gzipSync(buffer, { level: 9 }).length;
const kb = (n: number): string => `${(n / 1024).toFixed(1)}`;
interface Weight {
  rel: string;
  html: number;
  htmlGz: number;
  css: number;
  cssGz: number;
  scripts: number;
}
interface RequestLine {
  operation: string;
  bytes: number;
  ms: number;
}
const cssCache = new Map<string, [number, number]>();
const byType = new Map<string, Weight[]>(TYPES.map(([name]) => [name, []]));
let pages = 0;
let bytes = 0;
for (const path of files(dist)) {
  const rel = relative(dist, path);
  bytes += statSync(path).size;
  if (!rel.endsWith('.html')) continue;
  pages++;
  const type = TYPES.find(([, pattern]) => pattern.test(rel));
  if (!type) continue;
  const html = readFileSync(path);
  let css = 0;
  let cssGz = 0;
  for (const [, href = ''] of html.toString('utf8').matchAll(/<link rel="stylesheet" href="([^"]+)"/g)) {
    if (!cssCache.has(href)) {
      const body = readFileSync(join(dist, href));
      cssCache.set(href, [body.length, gz(body)]);
    }
    const [raw, zipped] = cssCache.get(href)!;
    css += raw;
    cssGz += zipped;
  }
  const scripts = [...html.toString('utf8').matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].reduce((s, m) => s + (m[1]?.length ?? 0), 0);
  byType.get(type[0])!.push({ rel, html: html.length, htmlGz: gz(html), css, cssGz, scripts });
}

const lines = [
  `pages: ${pages} HTML files; dist: ${(bytes / 1024 / 1024).toFixed(1)} MiB in all`,
  '',
  '| page type | pages | median HTML KiB (gzip) | largest HTML KiB (gzip) | CSS KiB (gzip) | inline JS KiB | median page weight KiB, gzip |',
  '|---|---:|---:|---:|---:|---:|---:|',
];
for (const [name, list] of byType) {
  if (list.length === 0) continue;
  list.sort((a, b) => a.html - b.html);
  const median = list[Math.floor(list.length / 2)]!;
  const largest = list[list.length - 1]!;
  lines.push(
    `| ${name} | ${list.length} | ${kb(median.html)} (${kb(median.htmlGz)}) | ${kb(largest.html)} (${kb(largest.htmlGz)}) ${largest.rel.replace(/\/index\.html$/, '/')} | ${kb(median.css)} (${kb(median.cssGz)}) | ${kb(median.scripts)} | ${kb(median.htmlGz + median.cssGz)} |`,
  );
}
if (log) {
  const requests = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as RequestLine);
  const total = requests.reduce((s, r) => s + r.bytes, 0);
  lines.push('', `GraphQL requests: ${requests.length}, ${(total / 1024 / 1024).toFixed(2)} MiB of answers`, '');
  const ops = new Map<string, RequestLine[]>();
  for (const r of requests) ops.set(r.operation, [...(ops.get(r.operation) ?? []), r]);
  for (const [op, list] of ops) {
    lines.push(`- ${op}: ${list.length} × (${list.map((r) => `${kb(r.bytes)} KiB in ${r.ms} ms`).join(', ')})`);
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
