import { DomainError, normalizeRegionCode } from '@xingfu/domain';

/**
 * A region code argument, normalised (the natural code, or every level written as 12 digits padded
 * with zeros) and checked to be one of the levels a query takes (6 county, 9 town, 12 village):
 * INVALID_REGION_CODE otherwise.
 */
export function regionCodeOf(code: string, levels: readonly number[]): string {
  const normalized = normalizeRegionCode(code);
  if (!normalized || !levels.includes(normalized.length)) throw DomainError.invalidRegionCode(code);
  return normalized;
}

/** A year argument of the figures (and of a county's targets): 2000 to 2100, INVALID_DATE otherwise. */
export function yearOf(year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new DomainError('INVALID_DATE', `A year is 2000 to 2100, not ${year}.`);
  return year;
}
