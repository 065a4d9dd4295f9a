/** Administrative levels, with the length of their code (GB/T 2260 + statistics bureau codes). */
export enum RegionLevel {
  PROVINCE = 'province',
  CITY = 'city',
  COUNTY = 'county',
  TOWN = 'town',
  VILLAGE = 'village',
}

export const REGION_CODE_LENGTH: Record<RegionLevel, number> = {
  [RegionLevel.PROVINCE]: 2,
  [RegionLevel.CITY]: 4,
  [RegionLevel.COUNTY]: 6,
  [RegionLevel.TOWN]: 9,
  [RegionLevel.VILLAGE]: 12,
};

const LEVEL_BY_LENGTH = new Map<number, RegionLevel>(
  Object.entries(REGION_CODE_LENGTH).map(([level, length]) => [length, level as RegionLevel]),
);

export function levelOfCode(code: string): RegionLevel | undefined {
  return /^\d+$/.test(code) ? LEVEL_BY_LENGTH.get(code.length) : undefined;
}

/**
 * Regions are stored under their natural code (2/4/6/9/12 digits). The statistics bureau also
 * writes every level as 12 digits padded with zeros (370115000000); both forms are accepted.
 */
export function normalizeRegionCode(input: string): string | undefined {
  const code = input.trim();
  if (!/^\d+$/.test(code)) return undefined;
  if (code.length !== 12) return levelOfCode(code) ? code : undefined;
  if (!code.endsWith('000')) return code;
  const town = code.slice(0, 9);
  if (!town.endsWith('000')) return town;
  const county = town.slice(0, 6);
  if (!county.endsWith('00')) return county;
  const city = county.slice(0, 4);
  return city.endsWith('00') ? city.slice(0, 2) : city;
}

export function parentCodeOf(code: string): string | null {
  switch (code.length) {
    case 12:
      return code.slice(0, 9);
    case 9:
      return code.slice(0, 6);
    case 6:
      return code.slice(0, 4);
    case 4:
      return code.slice(0, 2);
    default:
      return null;
  }
}
