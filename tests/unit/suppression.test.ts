import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUPPRESSION_THRESHOLD, suppressSmallCells, type SuppressionResult } from '@xingfu/domain';

/** Draws many zeros and small counts, as small programs in small towns produce. */
const count = fc.oneof(
  { arbitrary: fc.constant(0), weight: 3 },
  { arbitrary: fc.integer({ min: 1, max: SUPPRESSION_THRESHOLD }), weight: 4 },
  { arbitrary: fc.integer({ min: SUPPRESSION_THRESHOLD + 1, max: 500 }), weight: 3 },
);

const matrix = (maxRows: number, maxColumns: number, value: fc.Arbitrary<number> = count): fc.Arbitrary<number[][]> =>
  fc
    .tuple(fc.integer({ min: 1, max: maxRows }), fc.integer({ min: 1, max: maxColumns }))
    .chain(([rows, columns]) =>
      fc.array(fc.array(value, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
    );

const column = (counts: number[][], index: number): number[] => counts.map((row) => row[index] ?? 0);
const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
const countTrue = (flags: readonly boolean[]): number => flags.filter(Boolean).length;

/**
 * The one table no suppression can protect while the grand total and zeros stay published: its
 * only non-zero cell is small, so it equals the grand total.
 */
const hasLoneSmallCell = (counts: number[][]): boolean => {
  const nonZero = counts.flat().filter((value) => value > 0);
  return nonZero.length === 1 && (nonZero[0] ?? 0) <= SUPPRESSION_THRESHOLD;
};

/** Renders a result as text: suppressed numbers as `x`, row totals after `|`, column totals below. */
const render = (counts: number[][], result: SuppressionResult): string[] => [
  ...counts.map(
    (row, i) =>
      `${row.map((value, j) => (result.suppressed[i]?.[j] ? 'x' : String(value))).join(' ')} | ${result.rowTotalSuppressed[i] ? 'x' : String(sum(row))}`,
  ),
  (counts[0] ?? []).map((_, j) => (result.columnTotalSuppressed[j] ? 'x' : String(sum(column(counts, j))))).join(' '),
];

/**
 * What a reader can work out from the published numbers by subtraction: the published sums are
 * each row (cells = row total), each column (cells = column total), the row totals (= grand
 * total) and the column totals (= grand total). Repeatedly take a sum with exactly one unknown
 * number and solve it, until no sum has exactly one. Returns the suppressed numbers so recovered,
 * as 'cell r,c', 'row total r' or 'column total c'.
 */
function recoverBySubtraction(counts: number[][], result: SuppressionResult): string[] {
  const rows = counts.length;
  const columns = counts[0]?.length ?? 0;
  const unknown = new Set<string>();
  result.suppressed.forEach((row, i) => row.forEach((hidden, j) => hidden && unknown.add(`cell ${i},${j}`)));
  result.rowTotalSuppressed.forEach((hidden, i) => hidden && unknown.add(`row total ${i}`));
  result.columnTotalSuppressed.forEach((hidden, j) => hidden && unknown.add(`column total ${j}`));

  const equations: string[][] = [
    ...Array.from({ length: rows }, (_, i) => [...Array.from({ length: columns }, (_, j) => `cell ${i},${j}`), `row total ${i}`]),
    ...Array.from({ length: columns }, (_, j) => [...Array.from({ length: rows }, (_, i) => `cell ${i},${j}`), `column total ${j}`]),
    Array.from({ length: rows }, (_, i) => `row total ${i}`),
    Array.from({ length: columns }, (_, j) => `column total ${j}`),
  ];
  const recovered: string[] = [];
  for (let progress = true; progress;) {
    progress = false;
    for (const equation of equations) {
      const unknowns = equation.filter((name) => unknown.has(name));
      const [only] = unknowns;
      if (unknowns.length === 1 && only !== undefined) {
        unknown.delete(only);
        recovered.push(only);
        progress = true;
      }
    }
  }
  return recovered;
}

describe('small-cell suppression: examples', () => {
  it('gives a single small cell in a 3×3 table a partner in its row and in its column', () => {
    const counts = [
      [50, 60, 70],
      [40, 5, 80],
      [90, 30, 20],
    ];
    const result = suppressSmallCells(counts);
    // 5 is primary; 40 is the smallest in its row; 50 the smallest in 40's column; 60 sits in a
    // column that already has the 5 and in 50's row, so it closes both.
    expect(render(counts, result)).toEqual(['x x 70 | 180', 'x x 80 | 125', '90 30 20 | 140', '180 95 170']);
    expect(result.primary).toEqual([
      [false, false, false],
      [false, true, false],
      [false, false, false],
    ]);
  });

  it('never suppresses a zero, and picks the partner among the non-zero cells', () => {
    const counts = [
      [0, 0, 12],
      [0, 3, 40],
      [25, 0, 60],
    ];
    const result = suppressSmallCells(counts);
    expect(result.suppressed.flat().filter((hidden, k) => hidden && counts.flat()[k] === 0)).toEqual([]);
    expect(result.suppressed[1]?.[1]).toBe(true);
    expect(recoverBySubtraction(counts, result)).toEqual([]);
  });

  it('shows a table of zeros and large counts as it is', () => {
    const counts = [
      [11, 0, 250],
      [0, 0, 0],
      [37, 11, 12],
    ];
    const result = suppressSmallCells(counts);
    expect(render(counts, result)).toEqual(['11 0 250 | 261', '0 0 0 | 0', '37 11 12 | 60', '48 11 262']);
    expect(result.primary.flat().some(Boolean)).toBe(false);
  });

  it('suppresses every number when all cells are small', () => {
    const counts = [
      [1, 2],
      [3, 4],
    ];
    expect(render(counts, suppressSmallCells(counts))).toEqual(['x x | 3', 'x x | 7', '4 6']);
  });

  it('suppresses the total of a line whose only non-zero cell is small, and a second total beside it', () => {
    const counts = [
      [0, 0, 0],
      [0, 5, 0],
      [40, 30, 20],
    ];
    const result = suppressSmallCells(counts);
    // Row 1's total would equal its 5, so it goes; the row totals then need a second hidden total
    // (row 2's, whose row already hides the 30 beneath the 5), else 5 = 95 − 0 − 90.
    expect(render(counts, result)).toEqual(['0 0 0 | 0', '0 x 0 | x', '40 x 20 | x', '40 35 20']);
    expect(result.rowTotalSuppressed).toEqual([false, true, true]);
    expect(result.columnTotalSuppressed).toEqual([false, false, false]);
    expect(recoverBySubtraction(counts, result)).toEqual([]);
  });

  it('hides the column totals of a one-row table, since they equal its cells', () => {
    const counts = [[7, 50, 60]];
    const result = suppressSmallCells(counts);
    expect(render(counts, result)).toEqual(['x x 60 | 117', 'x x 60']);
    expect(recoverBySubtraction(counts, result)).toEqual([]);
  });

  it('cannot protect a table whose only non-zero cell is small: it equals the published grand total', () => {
    const counts = [
      [0, 0],
      [0, 4],
    ];
    const result = suppressSmallCells(counts);
    expect(render(counts, result)).toEqual(['0 0 | 0', '0 x | x', '0 x']);
    expect(recoverBySubtraction(counts, result)).toContain('cell 1,1');
  });

  it('takes the threshold as a parameter', () => {
    expect(suppressSmallCells([[3, 20, 30]], 2).suppressed).toEqual([[false, false, false]]);
    expect(suppressSmallCells([[3, 20, 30]], 25).primary).toEqual([[true, true, false]]);
  });

  it('accepts empty tables', () => {
    expect(suppressSmallCells([])).toEqual({ suppressed: [], primary: [], rowTotalSuppressed: [], columnTotalSuppressed: [] });
    expect(suppressSmallCells([[], []])).toEqual({
      suppressed: [[], []],
      primary: [[], []],
      rowTotalSuppressed: [false, false],
      columnTotalSuppressed: [],
    });
  });

  it.each([
    ['a ragged matrix', [[1, 2], [3]], /rectangular/],
    ['a negative count', [[1, -2]], /non-negative integers/],
    ['a fractional count', [[1.5]], /non-negative integers/],
    ['a count that is not a number', [[Number.NaN]], /non-negative integers/],
  ])('refuses %s', (_, counts, message) => {
    expect(() => suppressSmallCells(counts)).toThrow(message);
  });

  it('refuses a threshold that is not a non-negative integer', () => {
    expect(() => suppressSmallCells([[1]], -1)).toThrow(/threshold/);
    expect(() => suppressSmallCells([[1]], 2.5)).toThrow(/threshold/);
  });

  it('has a recoverability check that does find what primary suppression alone would leak', () => {
    const counts = [
      [50, 60, 70],
      [40, 5, 80],
      [90, 30, 20],
    ];
    const { primary } = suppressSmallCells(counts);
    const naive: SuppressionResult = {
      suppressed: primary,
      primary,
      rowTotalSuppressed: [false, false, false],
      columnTotalSuppressed: [false, false, false],
    };
    expect(recoverBySubtraction(counts, naive)).toEqual(['cell 1,1']);
  });
});

describe('small-cell suppression: properties', () => {
  const tables = matrix(8, 12);

  it('suppresses every cell with 1 ≤ count ≤ 10, and marks exactly those as primary', () => {
    fc.assert(
      fc.property(tables, (counts) => {
        const result = suppressSmallCells(counts);
        counts.forEach((row, i) =>
          row.forEach((value, j) => {
            const small = value >= 1 && value <= SUPPRESSION_THRESHOLD;
            expect(result.primary[i]?.[j]).toBe(small);
            if (small) expect(result.suppressed[i]?.[j]).toBe(true);
          }),
        );
      }),
    );
  });

  it('never suppresses a zero: secondary suppression only picks non-zero cells and totals', () => {
    fc.assert(
      fc.property(tables, (counts) => {
        const result = suppressSmallCells(counts);
        counts.forEach((row, i) => row.forEach((value, j) => value === 0 && expect(result.suppressed[i]?.[j]).toBe(false)));
        counts.forEach((row, i) => sum(row) === 0 && expect(result.rowTotalSuppressed[i]).toBe(false));
        (counts[0] ?? []).forEach((_, j) => sum(column(counts, j)) === 0 && expect(result.columnTotalSuppressed[j]).toBe(false));
      }),
    );
  });

  it('leaves no suppressed number alone in a published sum, so none can be recovered by one subtraction', () => {
    fc.assert(
      fc.property(
        tables.filter((counts) => !hasLoneSmallCell(counts)),
        (counts) => {
          const result = suppressSmallCells(counts);
          const twoOrNone = (hidden: number): boolean => hidden === 0 || hidden >= 2;
          result.suppressed.forEach((row, i) => {
            if (!result.rowTotalSuppressed[i]) expect(twoOrNone(countTrue(row))).toBe(true);
            // A row total is only hidden together with cells of its row.
            else expect(countTrue(row)).toBeGreaterThanOrEqual(1);
          });
          result.columnTotalSuppressed.forEach((totalHidden, j) => {
            const cells = countTrue(result.suppressed.map((row) => row[j] ?? false));
            if (!totalHidden) expect(twoOrNone(cells)).toBe(true);
            else expect(cells).toBeGreaterThanOrEqual(1);
          });
          expect(twoOrNone(countTrue(result.rowTotalSuppressed))).toBe(true);
          expect(twoOrNone(countTrue(result.columnTotalSuppressed))).toBe(true);
        },
      ),
    );
  });

  it('is deterministic and leaves its input alone', () => {
    fc.assert(
      fc.property(tables, (counts) => {
        const copy = structuredClone(counts);
        const first = suppressSmallCells(counts);
        expect(counts).toEqual(copy);
        expect(suppressSmallCells(copy)).toEqual(first);
      }),
    );
  });

  describe('no suppressed number of a tiny table can be worked out by repeated subtraction', () => {
    const tiny = [0, 1, 5, 10, 11, 12];

    const allTables = (rows: number, columns: number, values: readonly number[]): number[][][] => {
      const cells = rows * columns;
      const tables: number[][][] = [];
      for (let code = 0; code < values.length ** cells; code++) {
        const flat = Array.from({ length: cells }, (_, k) => values[Math.floor(code / values.length ** k) % values.length] ?? 0);
        tables.push(Array.from({ length: rows }, (_, i) => flat.slice(i * columns, (i + 1) * columns)));
      }
      return tables;
    };

    it.each([
      [1, 3, tiny],
      [3, 1, tiny],
      [2, 2, Array.from({ length: 13 }, (_, value) => value)],
      [2, 3, tiny],
      [3, 2, tiny],
      [3, 3, [0, 4, 11]],
    ])('every %i×%i table with counts in %j', (rows, columns, values) => {
      for (const counts of allTables(rows, columns, values)) {
        const recovered = recoverBySubtraction(counts, suppressSmallCells(counts));
        if (hasLoneSmallCell(counts)) continue;
        if (recovered.length > 0) expect.fail(`${JSON.stringify(counts)} leaks ${recovered.join(', ')}`);
      }
    });

    it('random 3×3 tables with counts 0..12', () => {
      fc.assert(
        fc.property(
          matrix(3, 3, fc.integer({ min: 0, max: 12 })).filter((counts) => !hasLoneSmallCell(counts)),
          (counts) => {
            expect(recoverBySubtraction(counts, suppressSmallCells(counts))).toEqual([]);
          },
        ),
        { numRuns: 2000 },
      );
    });
  });
});
