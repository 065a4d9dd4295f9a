import type { Page } from 'playwright-core';

/** What a reader sees of a page's layout at one width, measured in the browser. */
export interface LayoutReport {
  /** How far the page itself scrolls sideways (px); 0 when it holds. */
  pageOverflow: number;
  /** Tables wider than their box: whether the box scrolls, shows a hint and keeps its first column. */
  wideTables: { caption: string; scrolls: boolean; hint: boolean; stickyFirstColumn: boolean }[];
  /** Download links (files under /data/) whose box lies outside the viewport's width. */
  offscreenDownloads: string[];
  /** The smallest rendered font size (px) of any text in a chart. */
  smallestChartText: number | null;
  /** Table header or cell text broken into one character per line (a column squeezed to nothing). */
  squeezedCells: string[];
}

/**
 * Measured as laid out: the page's scrollWidth against its viewport, each table's scrollWidth
 * against its .table-wrap, each chart text's font size times the SVG's scale (viewBox → CSS px).
 * Plain JavaScript run in the page (the tests compile without the DOM types).
 */
const MEASURE = String.raw`(() => {
    const root = document.scrollingElement ?? document.documentElement;
    const viewport = window.innerWidth;
    const wideTables = [...document.querySelectorAll('table')]
      .map((table) => {
        const box = table.closest('.table-wrap');
        const wide = box ? table.scrollWidth > box.clientWidth + 1 : false;
        if (!wide || !box) return null;
        const scrolls = getComputedStyle(box).overflowX === 'auto' || getComputedStyle(box).overflowX === 'scroll';
        const hint = box.previousElementSibling?.classList.contains('scroll-hint') ? box.previousElementSibling : null;
        const hintShown = !!hint && getComputedStyle(hint).display !== 'none' && hint.offsetHeight > 0;
        const first = table.querySelector('tbody tr > :first-child');
        const sticky = !!first && getComputedStyle(first).position === 'sticky';
        return { caption: table.caption?.textContent?.trim() ?? '', scrolls, hint: hintShown, stickyFirstColumn: sticky };
      })
      .filter((t) => t !== null);
    const offscreenDownloads = [...document.querySelectorAll('main a[href*="/data/"]')]
      .filter((a) => /\.[a-z]+$/.test(a.pathname))
      .filter((a) => {
        const r = a.getBoundingClientRect();
        return r.width > 0 && (r.right > viewport + 0.5 || r.left < -0.5);
      })
      .map((a) => a.getAttribute('href') ?? '');
    let smallest = null;
    for (const svg of document.querySelectorAll('svg.chart')) {
      const shown = svg.getBoundingClientRect().width;
      if (shown === 0) continue; // the other width's version, not displayed
      const viewBox = svg.viewBox.baseVal;
      const scale = viewBox && viewBox.width ? shown / viewBox.width : 1;
      for (const text of svg.querySelectorAll('text')) {
        const size = parseFloat(getComputedStyle(text).fontSize) * scale;
        if (text.textContent?.trim() && (smallest === null || size < smallest)) smallest = size;
      }
    }
    const squeezedCells = [...document.querySelectorAll('th, td, caption')]
      .filter((cell) => {
        const text = cell.textContent?.trim() ?? '';
        if (text.length < 3 || cell.offsetWidth === 0) return false;
        const lineHeight = parseFloat(getComputedStyle(cell).lineHeight) || 20;
        return cell.clientHeight > lineHeight * Math.min(text.length, 6) * 0.9;
      })
      .map((cell) => cell.textContent.trim().slice(0, 30));
    return {
      pageOverflow: Math.max(0, root.scrollWidth - root.clientWidth),
      wideTables,
      offscreenDownloads,
      smallestChartText: smallest,
      squeezedCells,
    };
})()`;

export function measureLayout(page: Page): Promise<LayoutReport> {
  return page.evaluate<LayoutReport>(MEASURE);
}
