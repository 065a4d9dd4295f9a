import { DomainError, formatFen, parseYuan } from '@xingfu/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('formatting fen as yuan', () => {
  it.each([
    [0n, '0.00'],
    [5n, '0.05'],
    [-5n, '-0.05'],
    [100n, '1.00'],
    [73000n, '730.00'],
    [-320n, '-3.20'],
    [123456n, '1234.56'],
    [134973000000n, '1349730000.00'],
    [12345678901234567890123n, '123456789012345678901.23'],
  ])('formats %s fen as %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });
});

describe('parsing yuan', () => {
  it.each([
    ['1234', 123400n],
    ['1234.5', 123450n],
    ['1234.56', 123456n],
    ['-3.20', -320n],
    ['0', 0n],
    ['-0', 0n],
    ['0.05', 5n],
    [' 730 ', 73000n],
    ['007.10', 710n],
    ['123456789012345678901.23', 12345678901234567890123n],
  ])('reads %j as %s fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['1234.567', /more than two decimals/],
    ['0.001', /more than two decimals/],
    ['1e3', /not an amount/],
    ['1.5e2', /not an amount/],
    ['12 34', /not an amount/],
    ['1,234.00', /not an amount/],
    ['+5', /not an amount/],
    ['abc', /not an amount/],
    ['1234.', /not an amount/],
    ['.5', /not an amount/],
    ['--1', /not an amount/],
    ['NaN', /not an amount/],
    ['Infinity', /not an amount/],
    ['０.５', /not an amount/],
    ['¥12', /not an amount/],
  ])('refuses %j', (text, message) => {
    let error: unknown;
    try {
      parseYuan(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INVALID_AMOUNT');
    expect((error as DomainError).message).toMatch(message);
  });

  it('formats a safe integer number of fen exactly as the same bigint', () => {
    fc.assert(
      fc.property(fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -100_000, max: 100_000 })), (fen) => {
        expect(formatFen(fen)).toBe(formatFen(BigInt(fen)));
      }),
    );
    for (const fen of [0, 5, -5, 9, 10, 99, 100, -100, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]) {
      expect(formatFen(fen)).toBe(formatFen(BigInt(fen)));
    }
  });

  it('refuses a number of fen that is not a safe integer', () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
    expect(() => formatFen(2 ** 53)).toThrow(RangeError);
  });

  it('round-trips any amount through formatFen and parseYuan', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (fen) => {
        expect(parseYuan(formatFen(fen))).toBe(fen);
      }),
    );
  });
});
