import { formatFen } from '../money/money.js';

/**
 * Coverage and per-capita figures of a region, a program and a year (docs/disclosure.md,
 * "Coverage and per-capita"), from what a release froze: the persons covered (保障人数) and the
 * amount of the year's rollup, and the region's 户籍人口. Exact integer arithmetic, rounded half
 * up once at the end:
 *
 * - coverage rate (保障率) = persons / population, in percent with two decimals ("2.41");
 * - amount per capita (人均) = amount / population, in yuan with two decimals;
 * - amount per beneficiary = amount / persons, in yuan with two decimals (null when no one).
 *
 * The rate and the amount per capita give the persons and the amount away (the population is
 * public): they are published with them, or suppressed with them, never alone.
 */
export interface CoverageFigures {
  /** null without a population */
  coveragePercent: string | null;
  /** null without a population */
  amountPerCapita: string | null;
  amountPerBeneficiary: string | null;
}

/** a / b rounded half up (a ≥ 0 or negative, b > 0). */
function divideRounded(a: bigint, b: bigint): bigint {
  const negative = a < 0n;
  const abs = negative ? -a : a;
  const q = (abs * 2n + b) / (2n * b);
  return negative ? -q : q;
}

export function coverageFigures(persons: number, amountFen: bigint, population: number | null): CoverageFigures {
  if (population !== null && (!Number.isInteger(population) || population <= 0)) {
    throw new Error(`population must be a positive integer, got ${population}`);
  }
  const hundredths = population === null ? null : divideRounded(BigInt(persons) * 10000n, BigInt(population));
  return {
    coveragePercent: hundredths === null ? null : `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`,
    amountPerCapita: population === null ? null : formatFen(divideRounded(amountFen, BigInt(population))),
    amountPerBeneficiary: persons > 0 ? formatFen(divideRounded(amountFen, BigInt(persons))) : null,
  };
}
