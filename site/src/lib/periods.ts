/**
 * Whether the data of a release is still being updated month by month: its newest released month
 * is at most two months before the release date (a month is released once it has ended and its
 * payroll is approved). A page says "下次更新" only then — never for a closed past year.
 */
export function stillUpdating(latestMonth: string, releaseDate: string): boolean {
  const [y, m] = releaseDate.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - 2;
  const earliest = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  return latestMonth >= earliest;
}

export interface ListingMonth {
  month: string;
  /** The release whose /releases/{id}/ copy shows this month's 幸福清单 (the newest such release). */
  releaseId: string;
}

/**
 * The months whose 幸福清单 a village page can offer: every month that was its county's newest
 * released month in a release up to `releaseId` (a village page shows the newest month, so that
 * release's kept copy shows this month's list), newest month first, each with the newest such
 * release (a correction re-publishes a month). Only releases up to the page's own are read, so a
 * release's copy never changes. No request: the months of every release are in the snapshot.
 */
export function listingMonths(
  site: { releases: { id: string }[]; releasedMonths: Map<string, { countyCode: string; month: string }[]> },
  releaseId: string,
  countyCode: string,
): ListingMonth[] {
  const from = site.releases.findIndex((r) => r.id === releaseId);
  const byMonth = new Map<string, string>();
  // releases are newest first
  for (const release of site.releases.slice(from < 0 ? site.releases.length : from)) {
    const months = (site.releasedMonths.get(release.id) ?? []).filter((m) => m.countyCode === countyCode).map((m) => m.month);
    if (months.length === 0) continue;
    const newest = months.reduce((a, b) => (a > b ? a : b));
    if (!byMonth.has(newest)) byMonth.set(newest, release.id);
  }
  return [...byMonth].map(([month, id]) => ({ month, releaseId: id })).sort((a, b) => b.month.localeCompare(a.month));
}

/** A date (YYYY-MM-DD) moved by whole days: the last day of a 公示 is the day before its end. */
export function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
