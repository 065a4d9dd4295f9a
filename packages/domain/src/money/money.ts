import { DomainError } from '../errors/domain-error.js';

/**
 * Money is counted in integer fen (分, 1 yuan = 100 fen) and kept as `bigint` here, so sums of
 * any size stay exact. No floating-point number ever holds an amount.
 */

/**
 * Formats fen as yuan with exactly two decimals: 134973000000n → "1349730000.00", -5n → "-0.05".
 * Also takes a safe integer number of fen (single amounts as read from a row), formatted with
 * integer arithmetic that is exact below 2^53.
 */
export function formatFen(fen: bigint | number): string {
  if (typeof fen === 'number') {
    if (!Number.isSafeInteger(fen)) throw new RangeError(`Not a whole number of fen below 2^53: ${fen}`);
    const abs = Math.abs(fen);
    const cents = abs % 100;
    return `${fen < 0 ? '-' : ''}${(abs - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
  }
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const yuan = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${yuan.toString()}.${cents}`;
}

/**
 * Parses an amount in yuan written with plain digits and at most two decimals ("1234", "1234.5",
 * "1234.56", "-3.20") into fen. Surrounding spaces are ignored; spaces inside, thousands
 * separators, a leading "+", exponents, full-width digits and more than two decimals are refused.
 *
 * @throws DomainError `INVALID_AMOUNT` saying how to write the amount.
 */
export function parseYuan(text: string): bigint {
  const trimmed = text.trim();
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(trimmed);
  if (!match) {
    const tooManyDecimals = /^-?\d+\.\d{3,}$/.test(trimmed);
    throw new DomainError(
      'INVALID_AMOUNT',
      tooManyDecimals
        ? `“${trimmed}” has more than two decimals: amounts are in yuan to the fen, e.g. 1234.56.`
        : trimmed === ''
          ? 'The amount is empty: write an amount in yuan, e.g. 730 or 1234.56.'
          : `“${trimmed}” is not an amount in yuan: write digits with at most two decimals, e.g. 730 or 1234.56 (no spaces, commas, “+” or exponents).`,
      { text: trimmed },
    );
  }
  const [, sign, whole = '0', decimals = ''] = match;
  const fen = BigInt(whole) * 100n + BigInt(decimals.padEnd(2, '0'));
  return sign === '-' ? -fen : fen;
}
