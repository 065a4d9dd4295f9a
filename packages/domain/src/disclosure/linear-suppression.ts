/**
 * Small-cell suppression over published numbers that are linked by sums.
 *
 * A *line* is a set of published numbers whose sum is published as another number, its *total*
 * (the months of a town sum to its year; the towns of a county in a month sum to the county's
 * month). A number may belong to several lines. The rule:
 * 1. Primary: a number with 1 ≤ count ≤ threshold is suppressed. Zero is published: it names
 *    nobody.
 * 2. Secondary, over the lines in order, repeated until a pass changes nothing: a line (its
 *    numbers and its total) holding exactly one suppressed number would give it away by
 *    subtraction, so a second number of the line is suppressed — a non-zero published one,
 *    preferring (a) one that lies in another line already holding a suppressed number, then
 *    (b) the smallest, then (c) the first in the line. If the line has none, its total is
 *    suppressed instead.
 * Suppressed numbers are shown as `c`, never as zero. The result is deterministic.
 */
export interface Line {
  cells: readonly number[];
  total: number;
}

export interface SuppressionOptions {
  threshold?: number;
  /** Which numbers are primary-suppressed; by default those with 1 ≤ count ≤ threshold. */
  primary?: readonly boolean[];
  /** Numbers that stay published whatever happens (e.g. a grand total). */
  locked?: ReadonlySet<number>;
}

export function suppressLinear(counts: readonly number[], lines: readonly Line[], options: SuppressionOptions = {}): boolean[] {
  const threshold = options.threshold ?? 10;
  const locked = options.locked ?? new Set<number>();
  const suppressed = counts.map((n, i) => options.primary?.[i] ?? (n >= 1 && n <= threshold));
  const linesOf = new Map<number, Line[]>();
  for (const line of lines) for (const c of [...line.cells, line.total]) linesOf.set(c, [...(linesOf.get(c) ?? []), line]);
  const hiddenIn = (line: Line) => [...line.cells, line.total].filter((c) => suppressed[c]).length;
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      if (hiddenIn(line) !== 1) continue;
      let best: number | undefined;
      let bestKey: [number, number, number] | undefined;
      for (const [position, c] of line.cells.entries()) {
        if (suppressed[c] || counts[c] === 0 || locked.has(c)) continue;
        const elsewhere = (linesOf.get(c) ?? []).some((other) => other !== line && hiddenIn(other) > 0) ? 0 : 1;
        const key: [number, number, number] = [elsewhere, counts[c]!, position];
        if (
          !bestKey ||
          key[0] < bestKey[0] ||
          (key[0] === bestKey[0] && (key[1] < bestKey[1] || (key[1] === bestKey[1] && key[2] < bestKey[2])))
        ) {
          best = c;
          bestKey = key;
        }
      }
      const pick = best ?? (suppressed[line.total] || locked.has(line.total) ? undefined : line.total);
      if (pick === undefined) continue;
      suppressed[pick] = true;
      changed = true;
    }
  }
  return suppressed;
}
