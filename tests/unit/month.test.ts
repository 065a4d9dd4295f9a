import { addMonths, compareMonths, DomainError, firstDayOfMonth, monthOfDate, monthsBetween, parseMonth } from '@xingfu/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

describe('parsing months', () => {
  it.each([
    ['2021-07', '2021-07'],
    [' 2021-12 ', '2021-12'],
    ['1949-01', '1949-01'],
    ['2100-12', '2100-12'],
  ])('accepts %j as %s', (text, month) => {
    expect(parseMonth(text)).toBe(month);
  });

  it.each(['', '2021-7', '2021-00', '2021-13', '1948-12', '2101-01', '2021/07', '202107', '2021-07-01', 'July 2021'])(
    'refuses %j with INVALID_MONTH',
    (text) => {
      expect(codeOf(() => parseMonth(text))).toBe('INVALID_MONTH');
    },
  );

  it('says how to write a month', () => {
    expect(() => parseMonth('2021-7')).toThrow(/YYYY-MM/);
  });
});

describe('month arithmetic', () => {
  it.each([
    ['2021-07', 0, '2021-07'],
    ['2021-07', 1, '2021-08'],
    ['2021-12', 1, '2022-01'],
    ['2021-01', -1, '2020-12'],
    ['2021-07', 18, '2023-01'],
    ['2021-07', -31, '2018-12'],
  ])('%s plus %i months is %s', (month, n, expected) => {
    expect(addMonths(month, n)).toBe(expected);
  });

  it('refuses to leave 1949–2100 and to move by a fraction of a month', () => {
    expect(codeOf(() => addMonths('2100-12', 1))).toBe('INVALID_MONTH');
    expect(codeOf(() => addMonths('1949-01', -1))).toBe('INVALID_MONTH');
    expect(codeOf(() => addMonths('2021-07', 0.5))).toBe('INVALID_INPUT');
    expect(codeOf(() => addMonths('2021-13', 1))).toBe('INVALID_MONTH');
  });

  it('lists the months between two months, both included', () => {
    expect(monthsBetween('2021-11', '2022-02')).toEqual(['2021-11', '2021-12', '2022-01', '2022-02']);
    expect(monthsBetween('2021-07', '2021-07')).toEqual(['2021-07']);
    expect(monthsBetween('2021-08', '2021-07')).toEqual([]);
    expect(monthsBetween('1949-01', '2100-12')).toHaveLength(152 * 12);
  });

  it('compares months', () => {
    expect(compareMonths('2021-07', '2021-08')).toBe(-1);
    expect(compareMonths('2021-07', '2021-07')).toBe(0);
    expect(compareMonths('2022-01', '2021-12')).toBe(1);
    expect(codeOf(() => compareMonths('2021-07', 'x'))).toBe('INVALID_MONTH');
  });

  it('keeps addMonths, monthsBetween and compareMonths consistent', () => {
    const month = fc
      .record({ year: fc.integer({ min: 1960, max: 2090 }), month: fc.integer({ min: 1, max: 12 }) })
      .map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}`);
    fc.assert(
      fc.property(month, fc.integer({ min: -100, max: 100 }), (start, n) => {
        const end = addMonths(start, n);
        expect(addMonths(end, -n)).toBe(start);
        expect(compareMonths(start, end)).toBe(n > 0 ? -1 : n < 0 ? 1 : 0);
        expect(monthsBetween(start, end)).toHaveLength(Math.max(0, n + 1));
        expect(compareMonths(start, end)).toBe(start < end ? -1 : start > end ? 1 : 0);
      }),
    );
  });
});

describe('months and dates', () => {
  it('gives the month of a date and the first day of a month', () => {
    expect(monthOfDate('2021-07-15')).toBe('2021-07');
    expect(monthOfDate('2024-02-29')).toBe('2024-02');
    expect(firstDayOfMonth('2021-07')).toBe('2021-07-01');
  });

  it('refuses dates that do not exist and months outside the range', () => {
    expect(codeOf(() => monthOfDate('2023-02-29'))).toBe('INVALID_DATE');
    expect(codeOf(() => monthOfDate('2021-07'))).toBe('INVALID_DATE');
    expect(codeOf(() => monthOfDate('2021-7-15'))).toBe('INVALID_DATE');
    expect(codeOf(() => monthOfDate('1900-01-01'))).toBe('INVALID_MONTH');
    expect(codeOf(() => firstDayOfMonth('2021-13'))).toBe('INVALID_MONTH');
  });
});
