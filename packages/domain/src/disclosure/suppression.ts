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
 * 2. Secondary suppression. The lines are visited in a fixed order: rows top to bottom, then
 *    columns left to right, then the row-totals column, then the column-totals row. A line with
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

/** Cells with 1 ≤ count ≤ this number are suppressed. */
export const SUPPRESSION_THRESHOLD = 10;

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

/** One number of the extended table: a cell, a row total or a column total. */
type Entry = { kind: 'cell'; row: number; column: number } | { kind: 'rowTotal'; row: number } | { kind: 'columnTotal'; column: number };

/** A published sum: a row (cells + row total), a column, the row-totals column or the column-totals row. */
type Line = { kind: 'row'; row: number } | { kind: 'column'; column: number } | { kind: 'rowTotals' } | { kind: 'columnTotals' };

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
  if (!Number.isSafeInteger(threshold) || threshold < 0) {
    throw new Error(`The suppression threshold must be a non-negative integer, got ${String(threshold)}`);
  }
  if (!Array.isArray(counts)) {
    throw new Error('The counts must be a matrix (an array of rows)');
  }
  const rows = counts.length;
  const columns = rows === 0 ? 0 : (counts[0]?.length ?? 0);
  const value: number[][] = counts.map((line, row) => {
    if (!Array.isArray(line) || line.length !== columns) {
      throw new Error(`The counts must be rectangular: row ${row} does not have ${columns} cells`);
    }
    return line.map((count, column) => {
      if (!Number.isSafeInteger(count) || count < 0) {
        throw new Error(`Counts must be non-negative integers: row ${row}, column ${column} is ${String(count)}`);
      }
      return count;
    });
  });

  const cell = (row: number, column: number): number => value[row]?.[column] ?? 0;
  const rowTotal: number[] = value.map((line) => line.reduce((sum, count) => sum + count, 0));
  const columnTotal: number[] = Array.from({ length: columns }, (_, column) => value.reduce((sum, line) => sum + (line[column] ?? 0), 0));
  if (!Number.isSafeInteger(rowTotal.reduce((sum, total) => sum + total, 0))) {
    throw new Error('The counts are too large to be added up exactly');
  }

  const primary: boolean[][] = value.map((line) => line.map((count) => count >= 1 && count <= threshold));
  const suppressed: boolean[][] = primary.map((line) => [...line]);
  const rowTotalSuppressed: boolean[] = new Array<boolean>(rows).fill(false);
  const columnTotalSuppressed: boolean[] = new Array<boolean>(columns).fill(false);

  const countOf = (entry: Entry): number => {
    switch (entry.kind) {
      case 'cell':
        return cell(entry.row, entry.column);
      case 'rowTotal':
        return rowTotal[entry.row] ?? 0;
      case 'columnTotal':
        return columnTotal[entry.column] ?? 0;
    }
  };
  const isSuppressed = (entry: Entry): boolean => {
    switch (entry.kind) {
      case 'cell':
        return suppressed[entry.row]?.[entry.column] ?? false;
      case 'rowTotal':
        return rowTotalSuppressed[entry.row] ?? false;
      case 'columnTotal':
        return columnTotalSuppressed[entry.column] ?? false;
    }
  };
  const suppress = (entry: Entry): void => {
    switch (entry.kind) {
      case 'cell': {
        const line = suppressed[entry.row];
        if (line) line[entry.column] = true;
        return;
      }
      case 'rowTotal':
        rowTotalSuppressed[entry.row] = true;
        return;
      case 'columnTotal':
        columnTotalSuppressed[entry.column] = true;
        return;
    }
  };

  /** The numbers of a line, in order of position, the line's own total last (the grand total is never one). */
  const entriesOf = (line: Line): Entry[] => {
    switch (line.kind) {
      case 'row':
        return [
          ...Array.from({ length: columns }, (_, column): Entry => ({ kind: 'cell', row: line.row, column })),
          { kind: 'rowTotal', row: line.row },
        ];
      case 'column':
        return [
          ...Array.from({ length: rows }, (_, row): Entry => ({ kind: 'cell', row, column: line.column })),
          { kind: 'columnTotal', column: line.column },
        ];
      case 'rowTotals':
        return Array.from({ length: rows }, (_, row): Entry => ({ kind: 'rowTotal', row }));
      case 'columnTotals':
        return Array.from({ length: columns }, (_, column): Entry => ({ kind: 'columnTotal', column }));
    }
  };
  /** The other line an entry of `line` belongs to. */
  const crossLine = (entry: Entry, line: Line): Line => {
    switch (entry.kind) {
      case 'cell':
        return line.kind === 'row' ? { kind: 'column', column: entry.column } : { kind: 'row', row: entry.row };
      case 'rowTotal':
        return line.kind === 'row' ? { kind: 'rowTotals' } : { kind: 'row', row: entry.row };
      case 'columnTotal':
        return line.kind === 'column' ? { kind: 'columnTotals' } : { kind: 'column', column: entry.column };
    }
  };
  const suppressedIn = (line: Line): number => entriesOf(line).filter(isSuppressed).length;

  /** The second number to suppress in a line that has exactly one, or undefined when there is none to take. */
  const partnerFor = (line: Line): Entry | undefined => {
    const open = entriesOf(line).filter((entry) => !isSuppressed(entry) && countOf(entry) > 0);
    const cells = open.filter((entry) => entry.kind === 'cell');
    const candidates = cells.length > 0 ? cells : open;
    let best: { entry: Entry; key: [number, number, number] } | undefined;
    candidates.forEach((entry, position) => {
      const key: [number, number, number] = [suppressedIn(crossLine(entry, line)) > 0 ? 0 : 1, countOf(entry), position];
      if (!best || compareKeys(key, best.key) < 0) best = { entry, key };
    });
    return best?.entry;
  };

  const lines: Line[] = [
    ...Array.from({ length: rows }, (_, row): Line => ({ kind: 'row', row })),
    ...Array.from({ length: columns }, (_, column): Line => ({ kind: 'column', column })),
    { kind: 'rowTotals' },
    { kind: 'columnTotals' },
  ];
  // Every change suppresses one more number, so this ends after at most rows × columns + rows + columns changes.
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      if (suppressedIn(line) !== 1) continue;
      const partner = partnerFor(line);
      if (partner) {
        suppress(partner);
        changed = true;
      }
    }
  }

  return { suppressed, primary, rowTotalSuppressed, columnTotalSuppressed };
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < a.length; index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
