/**
 * The civil-affairs bureau of each county and its supervision telephone (监督电话).
 *
 * The ledger holds no bureau contact data, so the site keeps it here. A supervision number is
 * public information about an office, not about a person. Numbers marked `example: true` are
 * placeholders (示例) that reach nobody — a bureau replaces them with its real number and sets
 * `example: false`. The tests allow exactly these numbers and no other telephone number in dist/.
 */
export interface Bureau {
  name: string;
  supervisionPhone: string;
  /** true: a placeholder, shown with 示例. */
  example: boolean;
  /**
   * The county's name in Latin letters (pinyin, lower case, ASCII), the first part of every download
   * file name (`jiyang-370115-2023-summary-by-program.csv`); a county without one is named by its code.
   */
  slug?: string;
}

export const BUREAUS: Readonly<Record<string, Bureau>> = {
  '370115': { name: '济南市济阳区民政局', supervisionPhone: '0531-0000 0000', example: true, slug: 'jiyang' },
  '370114': { name: '济南市章丘区民政局', supervisionPhone: '0531-0000 0000', example: true, slug: 'zhangqiu' },
  '371425': { name: '齐河县民政局', supervisionPhone: '0534-0000 0000', example: true, slug: 'qihe' },
  '320922': { name: '滨海县民政局', supervisionPhone: '0515-0000 0000', example: true, slug: 'binhai' },
};

/** The national government service hotline: real, and the route for any complaint. */
export const NATIONAL_HOTLINE = '12345';

export function bureauOf(countyCode: string, countyName: string): Bureau {
  return BUREAUS[countyCode] ?? { name: `${countyName}民政局`, supervisionPhone: '', example: true };
}
