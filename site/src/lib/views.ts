import { addMonths, monthRange } from './format';
import type { Aggregate, CountyRelease, Site } from './site-data';

/** What the pages derive from the published figures (sums of shown numbers only). */

export interface TrendPoint {
  month: string;
  released: boolean;
  /** Σ of the shown (not suppressed) amounts of the month, fen; null when the month is not released. */
  publishedFen: bigint | null;
  /** Some program's cell of this month is suppressed, so the sum leaves it out. */
  partial: boolean;
}

/**
 * The trend window: the last released month and at least the 11 before it (12 months), reaching
 * back to 24 months when that many are released.
 */
export function trendMonths(cr: CountyRelease): string[] {
  const last = cr.latestMonth;
  const first = cr.months[0]!;
  const earliest = addMonths(last, -23);
  const start = first < earliest ? earliest : first;
  const twelve = addMonths(last, -11);
  return monthRange(start < twelve ? start : twelve, last);
}

/** Monthly rows of a region (the county, or a town) over every released year. */
export function monthRows(cr: CountyRelease, regionCode: string): Aggregate[] {
  const level = regionCode.length === 6 ? 'countyMonth' : 'townMonth';
  return [...cr.figures.values()].flatMap((f) => f[level].filter((a) => a.regionCode === regionCode));
}

export function trend(cr: CountyRelease, regionCode: string): TrendPoint[] {
  const released = new Set(cr.months);
  const rows = monthRows(cr, regionCode);
  return trendMonths(cr).map((month) => {
    if (!released.has(month)) return { month, released: false, publishedFen: null, partial: false };
    const cells = rows.filter((a) => a.period === month);
    return {
      month,
      released: true,
      publishedFen: cells.reduce((sum, a) => sum + (a.amountFen ?? 0n), 0n),
      partial: cells.some((a) => a.suppressed),
    };
  });
}

/** Σ of shown amounts of year rows, and whether any was suppressed. */
export function publishedTotal(rows: Aggregate[]): { fen: bigint; partial: boolean } {
  return { fen: rows.reduce((s, a) => s + (a.amountFen ?? 0n), 0n), partial: rows.some((a) => a.suppressed) };
}

/** Households of the given programs in a month (listed programs are never suppressed). */
export function householdsIn(rows: Aggregate[], month: string, programs: string[], field: 'households' | 'persons'): number | null {
  const cells = rows.filter((a) => a.period === month && programs.includes(a.programCode));
  if (cells.some((a) => a.suppressed)) return null;
  return cells.reduce((s, a) => s + (a[field] ?? 0), 0);
}

export function listedPrograms(site: Site, cr: CountyRelease): { code: string; name: string }[] {
  const codes = new Set(cr.listing.flatMap((h) => h.programs.map((p) => p.programCode)));
  return site.programs.filter((p) => codes.has(p.code)).map((p) => ({ code: p.code, name: p.name }));
}
