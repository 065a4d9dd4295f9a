import { suppressLinear, type Line } from './linear-suppression.js';
import { SUPPRESSION_THRESHOLD } from './public-counts.js';

export * from './public-counts.js';

/**
 * Small-cell suppression (小数抑制) for published count tables.
 *
 * Some programs may only be counted in public, never listed. For those the transparency site
 * publishes tables such as "households by town (rows) × month (columns)", with every row total,
 * every column total and the grand total. This module decides which numbers of such a table are
 * replaced by a mark ("suppressed"). It is a pure function of the counts: the same table always
 * gives the same result.
 *
 * The table, for this purpose, is the counts plus one extra column holding the row totals and one
 * extra row holding the column totals; the grand total sits in the corner. Each row of that
 * extended table (its cells and its row total), each column (its cells and its column total), the
 * row-totals column and the column-totals row is a "line": its numbers are tied by one published
 * sum, so if exactly one number of a line were hidden, a reader could get it back by subtraction.
 *
 * 1. Primary suppression. Every cell with 1 ≤ count ≤ threshold (10) is suppressed. A cell of 0 is
 *    shown as 0: a zero reveals nobody. Cells above the threshold are shown.
 *
 * 2. Secondary suppression (`suppressLinear`, which the release rollups use for their linked
 *    tables too). The lines are visited in a fixed order: rows top to bottom, then columns left
 *    to right, then the row-totals column, then the column-totals row. A line with
 *    exactly one suppressed number gets a second one, chosen among its numbers that are shown and
 *    not zero:
 *      - in a row or column, a cell if there is one; only when there is none (the line's single
 *        suppressed cell is its only non-zero cell, so the total equals it) the line's total;
 *      - in the row-totals column or the column-totals row, a total (never the grand total);
 *    and among those, the first by: (a) those whose other line (the column of a cell in a row, the
 *    row of a cell in a column, the row of a row total, the column of a column total) already has
 *    a suppressed number — hiding those usually needs no further suppression — before the others;
 *    then (b) the smallest count; then (c) the position, leftmost or topmost first.
 *    A suppressed total then counts in its own line and in the totals line, like any other number.
 *    Passes over all lines are repeated until a pass suppresses nothing more.
 *
 * The grand total and zeros are never suppressed; everything suppressed is at least 1. Suppressed
 * numbers are marked, never shown as 0.
 *
 * What this guarantees: after step 2, every line has either no suppressed number or at least two,
 * so no suppressed number is the only unknown in any published sum, and no suppressed number can be
 * worked out by subtracting shown numbers from a single total — nor by repeating that step with
 * numbers already worked out. There is one exception, which no suppression can fix while the grand
 * total and zeros are shown: a table whose only non-zero cell is small. That cell equals the grand
 * total. The function still marks it (and its row and column totals), but such a table should not
 * be published as a table.
 *
 * What it does not guarantee: a determined reader can combine several sums (for example add up
 * some rows and subtract some columns), or use the fact that counts are never negative, to narrow
 * down or, in some patterns, pin down a suppressed number. Protection against such attacks needs
 * an audit of the whole table (linear programming), which this rule does not do.
 */

export interface SuppressionResult {
  /** true where the cell is suppressed (primary or secondary) */
  suppressed: boolean[][];
  /** true where the cell is suppressed because its own count is small (1 ≤ count ≤ threshold) */
  primary: boolean[][];
  /** true where the row total is suppressed (the grand total never is) */
  rowTotalSuppressed: boolean[];
  /** true where the column total is suppressed */
  columnTotalSuppressed: boolean[];
}

/**
 * Marks the cells (and, where needed, row and column totals) of a count table to be suppressed
 * before publication; see the file header for the exact rule.
 *
 * @param counts a rectangular matrix of non-negative integer counts, rows × columns
 * @param threshold cells with 1 ≤ count ≤ threshold are suppressed (default 10)
 * @throws Error when the matrix is not rectangular, or a count or the threshold is not a
 *   non-negative integer
 */
export function suppressSmallCells(counts: number[][], threshold: number = SUPPRESSION_THRESHOLD): SuppressionResult {
  if (!Number.isInteger(threshold) || threshold < 0) throw new Error(`threshold must be a non-negative integer, got ${threshold}`);
  const rows = counts.length;
  const columns = counts[0]?.length ?? 0;
  for (const row of counts) {
    if (row.length !== columns) throw new Error('the table is not rectangular: every row needs the same number of cells');
    for (const n of row) if (!Number.isInteger(n) || n < 0) throw new Error(`counts must be non-negative integers, got ${n}`);
  }
  // Numbers of the extended table, in one array: cells row by row, then row totals, column totals, the grand total.
  const cell = (r: number, c: number) => r * columns + c;
  const rowTotal = (r: number) => rows * columns + r;
  const columnTotal = (c: number) => rows * columns + rows + c;
  const grand = rows * columns + rows + columns;
  const values: number[] = new Array<number>(grand + 1).fill(0);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const n = counts[r]![c]!;
      values[cell(r, c)] = n;
      values[rowTotal(r)]! += n;
      values[columnTotal(c)]! += n;
      values[grand]! += n;
    }
  }
  const range = (n: number) => [...Array(n).keys()];
  const lines: Line[] = [
    ...range(rows).map((r) => ({ cells: range(columns).map((c) => cell(r, c)), total: rowTotal(r) })),
    ...range(columns).map((c) => ({ cells: range(rows).map((r) => cell(r, c)), total: columnTotal(c) })),
    { cells: range(rows).map(rowTotal), total: grand },
    { cells: range(columns).map(columnTotal), total: grand },
  ];
  const primary = values.map((n, i) => i < rows * columns && n >= 1 && n <= threshold);
  const suppressed = suppressLinear(values, lines, { threshold, primary, locked: new Set([grand]) });
  return {
    suppressed: range(rows).map((r) => range(columns).map((c) => suppressed[cell(r, c)]!)),
    primary: range(rows).map((r) => range(columns).map((c) => primary[cell(r, c)]!)),
    rowTotalSuppressed: range(rows).map((r) => suppressed[rowTotal(r)]!),
    columnTotalSuppressed: range(columns).map((c) => suppressed[columnTotal(c)]!),
  };
}
