import { coverageFigures } from '@xingfu/domain';
import { describe, expect, it } from 'vitest';

describe('coverageFigures', () => {
  it('gives the rate in percent and the amounts in yuan, exact and rounded half up once', () => {
    // 9 persons of 567,842: 0.001585 % → 0.00; 1,000 persons of 30,000: 3.333… % → 3.33
    expect(coverageFigures(9, 1_890_000n, 567_842)).toEqual({
      coveragePercent: '0.00',
      amountPerCapita: '0.03',
      amountPerBeneficiary: '2100.00',
    });
    expect(coverageFigures(1000, 100_000_000n, 30_000)).toEqual({
      coveragePercent: '3.33',
      amountPerCapita: '33.33',
      amountPerBeneficiary: '1000.00',
    });
    // half up: 1 of 8 = 12.5 % exactly; 1 fen over 2 residents = 0.5 fen → 1 fen
    expect(coverageFigures(1, 1n, 8).coveragePercent).toBe('12.50');
    expect(coverageFigures(1, 1n, 2).amountPerCapita).toBe('0.01');
    expect(coverageFigures(2, 5n, 3)).toMatchObject({ coveragePercent: '66.67', amountPerBeneficiary: '0.03' });
  });

  it('publishes no rate without a population and no amount per beneficiary without one', () => {
    expect(coverageFigures(5, 1000n, null)).toEqual({ coveragePercent: null, amountPerCapita: null, amountPerBeneficiary: '2.00' });
    expect(coverageFigures(0, 0n, 100)).toEqual({ coveragePercent: '0.00', amountPerCapita: '0.00', amountPerBeneficiary: null });
  });

  it('keeps money exact beyond the range of floating point', () => {
    expect(coverageFigures(3, 9_007_199_254_740_993n, 1).amountPerCapita).toBe('90071992547409.93');
  });
});
