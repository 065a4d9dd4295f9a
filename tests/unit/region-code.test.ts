import { levelOfCode, normalizeRegionCode, parentCodeOf, RegionLevel } from '@xingfu/domain';
import { describe, expect, it } from 'vitest';

describe('region codes', () => {
  it.each([
    ['37', '37'],
    ['370000000000', '37'],
    ['370100000000', '3701'],
    ['370115', '370115'],
    ['370115000000', '370115'],
    ['370115104000', '370115104'],
    ['370115104201', '370115104201'],
    [' 370115 ', '370115'],
  ])('normalizes %s to %s', (input, expected) => {
    expect(normalizeRegionCode(input)).toBe(expected);
  });

  it.each(['', '3', '37011', '3701151', 'abcdef', '37011510420', '3701151042011'])('rejects %j', (input) => {
    expect(normalizeRegionCode(input)).toBeUndefined();
  });

  it('derives level and parent from the code', () => {
    expect(levelOfCode('370115104201')).toBe(RegionLevel.VILLAGE);
    expect(levelOfCode('370115104')).toBe(RegionLevel.TOWN);
    expect(parentCodeOf('370115104201')).toBe('370115104');
    expect(parentCodeOf('370115')).toBe('3701');
    expect(parentCodeOf('37')).toBeNull();
  });
});
