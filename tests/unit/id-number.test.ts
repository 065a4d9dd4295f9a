import { ageOn, computeIdCheckChar, DomainError, makeIdNumber, parseIdNumber } from '@xingfu/domain';
import { describe, expect, it } from 'vitest';

const TODAY = new Date('2024-06-01T00:00:00Z');

function errorOf(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('ID check character (ISO 7064 MOD 11-2)', () => {
  it('matches a hand computation for 370115 1950-03-07 sequence 123', () => {
    // digits   3  7  0  1  1  5  1  9  5  0  0  3  0  7  1  2  3
    // weights  7  9 10  5  8  4  2  1  6  3  7  9 10  5  8  4  2
    // products 21+63+0+5+8+20+2+9+30+0+0+27+0+35+8+8+6 = 242; 242 mod 11 = 0 → '1'
    expect(computeIdCheckChar('37011519500307123')).toBe('1');
    expect(makeIdNumber('370115', '1950-03-07', 123)).toBe('370115195003071231');
  });

  it('gives X for remainder 2, as in the example of GB 11643 (11010519491231002X)', () => {
    // 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → 'X'
    expect(computeIdCheckChar('11010519491231002')).toBe('X');
  });

  it('refuses anything but 17 digits', () => {
    expect(errorOf(() => computeIdCheckChar('3701151950030712')).code).toBe('INVALID_ID_NUMBER');
    expect(errorOf(() => computeIdCheckChar('3701151950030712a')).code).toBe('INVALID_ID_NUMBER');
  });
});

describe('parsing ID numbers', () => {
  it('reads region, birth date and sex from a valid number', () => {
    expect(parseIdNumber('370115195003071231', TODAY)).toEqual({
      idNumber: '370115195003071231',
      regionCode: '370115',
      birthDate: '1950-03-07',
      sex: 'male',
    });
  });

  it('reads an even sequence number as female', () => {
    expect(parseIdNumber('11010519491231002X', TODAY).sex).toBe('female');
  });

  it('accepts a lowercase x and surrounding spaces, and returns the number uppercased', () => {
    const info = parseIdNumber('  11010519491231002x ', TODAY);
    expect(info.idNumber).toBe('11010519491231002X');
    expect(info.birthDate).toBe('1949-12-31');
  });

  it('refuses a wrong check character and tells to re-type the number, without repeating it', () => {
    const error = errorOf(() => parseIdNumber('370115195003071232', TODAY));
    expect(error.code).toBe('INVALID_ID_NUMBER');
    expect(error.message).toMatch(/check character/);
    expect(error.message).toMatch(/re-type/i);
    expect(error.message).not.toContain('370115195003071232');
    expect(JSON.stringify(error.details)).not.toContain('3701151950');
  });

  it('refuses an impossible birth date (30 February)', () => {
    const first17 = '37011519990230123';
    const error = errorOf(() => parseIdNumber(first17 + computeIdCheckChar(first17), TODAY));
    expect(error.code).toBe('INVALID_ID_NUMBER');
    expect(error.message).toMatch(/not a real date/);
  });

  it('accepts 29 February only in a leap year', () => {
    expect(parseIdNumber(makeIdNumber('370115', '2000-02-29', 1), TODAY).birthDate).toBe('2000-02-29');
    const first17 = '37011519000229001'; // 1900 is not a leap year
    expect(errorOf(() => parseIdNumber(first17 + computeIdCheckChar(first17), TODAY)).message).toMatch(/not a real date/);
  });

  it('refuses a birth date in the future', () => {
    const error = errorOf(() => parseIdNumber(makeIdNumber('370115', '2024-06-02', 1), TODAY));
    expect(error.code).toBe('INVALID_ID_NUMBER');
    expect(error.message).toMatch(/future/);
  });

  it('accepts a birth date of today, taken as the date in China (UTC+8)', () => {
    expect(parseIdNumber(makeIdNumber('370115', '2024-06-01', 2), TODAY).birthDate).toBe('2024-06-01');
    // 20:00 UTC on 1 June is already 2 June in Beijing.
    expect(parseIdNumber(makeIdNumber('370115', '2024-06-02', 2), new Date('2024-06-01T20:00:00Z')).birthDate).toBe('2024-06-02');
  });

  it('refuses a birth date before 1900', () => {
    const first17 = '37011518991231001';
    const error = errorOf(() => parseIdNumber(first17 + computeIdCheckChar(first17), TODAY));
    expect(error.code).toBe('INVALID_ID_NUMBER');
    expect(error.message).toMatch(/before 1900/);
  });

  it.each([
    ['', /18 characters/],
    ['37011519500307123', /18 characters/],
    ['3701151950030712311', /18 characters/],
    ['370115500307123', /15-digit/],
    ['37011519500307123Y', /other characters/],
    ['3701151950030X1231', /other characters/],
    ['３７０１１５１９５００３０７１２３１', /other characters/],
  ])('refuses %j with a message saying what is wrong', (input, message) => {
    const error = errorOf(() => parseIdNumber(input, TODAY));
    expect(error.code).toBe('INVALID_ID_NUMBER');
    expect(error.message).toMatch(message);
  });
});

describe('making synthetic ID numbers', () => {
  it('produces numbers that parse back to the same facts', () => {
    for (const [region, birth, sequence, sex] of [
      ['370115', '1950-03-07', 123, 'male'],
      ['371425', '1938-11-30', 0, 'female'],
      ['320922', '2015-01-01', 999, 'male'],
    ] as const) {
      const id = makeIdNumber(region, birth, sequence);
      expect(id).toHaveLength(18);
      expect(parseIdNumber(id, TODAY)).toEqual({ idNumber: id, regionCode: region, birthDate: birth, sex });
    }
  });

  it.each([
    ['37011', '1950-03-07', 1],
    ['370115', '1950-02-30', 1],
    ['370115', '19500307', 1],
    ['370115', '1899-12-31', 1],
    ['370115', '1950-03-07', 1000],
    ['370115', '1950-03-07', -1],
    ['370115', '1950-03-07', 1.5],
  ])('refuses region %j, birth date %j, sequence %j', (region, birth, sequence) => {
    expect(errorOf(() => makeIdNumber(region, birth, sequence)).code).toBe('INVALID_ID_NUMBER');
  });
});

describe('age in whole years', () => {
  it.each([
    ['1950-03-07', '2024-03-06', 73],
    ['1950-03-07', '2024-03-07', 74],
    ['1950-03-07', '2024-12-31', 74],
    ['1944-06-01', '2024-06-01', 80],
    ['2024-06-01', '2024-06-01', 0],
    ['2000-02-29', '2023-02-28', 22],
    ['2000-02-29', '2023-03-01', 23],
    ['2000-02-29', '2024-02-29', 24],
  ])('someone born %s is %s years old on %s', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });

  it('refuses invalid dates and a date before the birth date', () => {
    expect(errorOf(() => ageOn('1950-02-30', '2024-01-01')).code).toBe('INVALID_DATE');
    expect(errorOf(() => ageOn('1950-03-07', '2024/01/01')).code).toBe('INVALID_DATE');
    expect(errorOf(() => ageOn('1950-03-07', '1950-03-06')).code).toBe('INVALID_DATE');
  });
});
