import { stringify } from 'csv-stringify/sync';
import { ELEMENT_NODE, TEXT_NODE, parse, type ElementNode, type Node } from 'ultrahtml';
import { querySelector, querySelectorAll } from 'ultrahtml/selector';

/**
 * Embeddable charts. Every chart figure (components/ChartFigure.astro) carries its own CSV — the
 * table that stands next to it, as a `data:` link — and links its embed page, a page holding that
 * figure alone, which an `<iframe>` shows on another site. The embed pages are written after the
 * build from the built pages themselves (`writeEmbedPages` in astro.config.mjs, which runs after
 * the build's module loader has closed, so it is plain JavaScript there and repeats `embedPath`),
 * so a figure and its embed page are the same HTML; they sit under the same prefix as their page (`/embed/county/370115/fig-trend/`,
 * `/releases/{id}/embed/…`), so a release's copy keeps its embed pages for ever.
 */

/** The embed page of a figure of the page at `pagePath`. */
export function embedPath(pagePath: string, figureId: string): string {
  const page = pagePath.endsWith('/') ? pagePath : `${pagePath}/`;
  const release = /^\/releases\/[^/]+\//.exec(page);
  const prefix = release ? release[0].slice(0, -1) : '';
  return `${prefix}/embed${page.slice(prefix.length)}${figureId}/`;
}

const textOf = (node: Node): string => {
  if (node.type === TEXT_NODE) return String((node as { value: string }).value);
  if (node.type !== ELEMENT_NODE) return '';
  const el = node;
  if ((el.attributes['class'] ?? '').split(/\s+/).includes('sr-only')) return '';
  return el.children.map(textOf).join('');
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
const decode = (text: string): string => text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITIES[e]!);

/**
 * The CSV of a figure: its first table as shown (header row, then the rows), numbers without
 * thousands separators; null when the figure has no table.
 */
export function figureCsv(html: string): string | null {
  const table = querySelector(parse(html) as Node, 'table') as ElementNode | null;
  if (!table) return null;
  const rows = (querySelectorAll(table, 'tr') as ElementNode[]).map((tr) =>
    tr.children
      .filter((c): c is ElementNode => c.type === ELEMENT_NODE && (c.name === 'th' || c.name === 'td'))
      .map((cell) => {
        const text = decode(textOf(cell)).replace(/\s+/g, ' ').trim();
        return /^-?[\d,]+(\.\d+)?%?$/.test(text) ? text.replaceAll(',', '') : text;
      }),
  );
  return `\uFEFF${stringify(rows, { record_delimiter: 'windows' })}`;
}

/** A `data:` URL of a CSV text. */
export function csvDataUrl(csv: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
}
