import { describe, expect, it } from 'vitest';
import { displayWan } from '../../site/src/lib/money.js';
import { stillUpdating } from '../../site/src/lib/periods.js';

describe('headline amounts in 万元', () => {
  it.each([
    [34_035_044_792n, '34,035.04'], // 340,350,447.92 元
    [0n, '0.00'],
    [4_999n, '0.00'],
    [5_000n, '0.01'], // half a hundredth of 万元 rounds up, in integer fen
    [1_000_000n, '1.00'],
    [123_456_789_012n, '123,456.79'],
    [-5_000n, '-0.01'],
  ])('%s fen is %s 万元', (fen, shown) => {
    expect(displayWan(fen)).toBe(shown);
  });
});

describe('whether a release still updates its data', () => {
  it('is updating while the newest month is at most two months before the release date', () => {
    expect(stillUpdating('2026-11', '2026-12-02')).toBe(true);
    expect(stillUpdating('2026-10', '2026-12-31')).toBe(true);
    expect(stillUpdating('2026-12', '2027-01-11')).toBe(true);
  });

  it('is not for a closed past year, so no page promises its next update', () => {
    expect(stillUpdating('2021-12', '2026-12-02')).toBe(false);
    expect(stillUpdating('2026-09', '2026-12-02')).toBe(false);
  });
});
