/**
 * Small-cell suppression over published tables that are linked by totals.
 *
 * A *cell* is one published count; a *line* is a set of cells whose sum is published as another
 * cell, its *total* (the months of a town sum to its year; the towns of a county in a month sum to
 * the county's month). The rule, applied until nothing changes:
 * 1. Primary: a cell with 1 ≤ count ≤ threshold is suppressed. Zero is published: it names nobody.
 * 2. Secondary: a line whose total is published and that holds exactly one suppressed cell would
 *    give that cell away by subtraction, so its smallest non-zero published cell is suppressed too
 *    (ties: the first in the line). If the line has no such cell, its total is suppressed instead.
 * Suppressed cells are shown as `c`, never as zero. The result is deterministic.
 */
export interface Line {
  cells: readonly number[];
  total: number;
}

export function suppressLinear(counts: readonly number[], lines: readonly Line[], threshold = 10): boolean[] {
  const suppressed = counts.map((n) => n >= 1 && n <= threshold);
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      if (suppressed[line.total]) continue;
      const hidden = line.cells.filter((c) => suppressed[c]);
      if (hidden.length !== 1) continue;
      let partner: number | undefined;
      for (const c of line.cells) {
        if (suppressed[c] || counts[c] === 0) continue;
        if (partner === undefined || counts[c]! < counts[partner]!) partner = c;
      }
      suppressed[partner ?? line.total] = true;
      changed = true;
    }
  }
  return suppressed;
}
