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
