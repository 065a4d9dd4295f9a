import { describe, expect, it } from 'vitest';
import {
  changePermille,
  permilleLabel,
  townRanking,
  yearOverYear,
  type Aggregate,
  type CountyRelease,
  type Site,
} from '../../site/src/lib/compare.js';

/** Comparisons on the site add shown cells only and compare full years only. */
const cell = (regionCode: string, programCode: string, fen: bigint | null, households = 1): Aggregate => ({
  regionCode,
  programCode,
  suppressed: fen === null,
  households: fen === null ? null : households,
  persons: fen === null ? null : households * 2,
  amountFen: fen,
});

const year = (countyYear: Aggregate[], townYear: Aggregate[] = []) => ({ countyYear, townYear });

const county = {
  code: '370115',
  name: '济阳区',
  province: '山东省',
  city: '济南市',
  towns: [
    { code: '370115001', name: '甲街道', villages: [] },
    { code: '370115002', name: '乙街道', villages: [] },
    { code: '370115003', name: '丙镇', villages: [] },
  ],
  standards: [],
  reviews: [],
};

const release = (figures: Map<number, ReturnType<typeof year>>, months: string[]) =>
  ({
    county,
    months,
    years: [...figures.keys()],
    latestYear: Math.max(...figures.keys()),
    latestMonth: months[months.length - 1]!,
    figures,
    listing: [],
  }) as unknown as CountyRelease;

const full = (y: number) => Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`);

describe('town ranking', () => {
  it('orders towns by the sum of their shown amounts, leaves a suppressed cell out and marks it, ties share a rank', () => {
    const towns = [
      cell('370115001', 'dibao_rural', 50_000n),
      cell('370115001', 'disability_care', null),
      cell('370115002', 'dibao_rural', 30_000n),
      cell('370115002', 'emergency_aid', 20_000n),
      cell('370115003', 'dibao_rural', 10_000n),
    ];
    const ranking = townRanking(release(new Map([[2025, year([], towns)]]), full(2025)), 2025);
    expect(ranking.map((t) => [t.code, t.rank, t.total.fen, t.total.partial])).toEqual([
      ['370115001', 1, 50_000n, true],
      ['370115002', 1, 50_000n, false],
      ['370115003', 3, 10_000n, false],
    ]);
    expect(ranking.map((t) => permilleLabel(t.sharePermille))).toEqual(['+45.5%', '+45.5%', '+9.1%']);
  });
});

describe('year over year', () => {
  it('puts each program’s county-year cell under its year, — where a year has none', () => {
    const figures = new Map([
      [2024, year([cell('370115', 'dibao_rural', 100_000n)])],
      [2025, year([cell('370115', 'dibao_rural', 110_000n), cell('370115', 'emergency_aid', 5_000n)])],
    ]);
    const site: Site = {
      programs: [
        { code: 'dibao_rural', name: '农村低保' },
        { code: 'emergency_aid', name: '急难救助' },
        { code: 'tekun_centralized', name: '特困供养（集中）' },
      ],
    };
    const rows = yearOverYear(site, release(figures, [...full(2024), ...full(2025)]));
    expect(rows.map((r) => [r.programCode, r.cells.map((c) => c?.amountFen ?? null)])).toEqual([
      ['dibao_rural', [100_000n, 110_000n]],
      ['emergency_aid', [null, 5_000n]],
    ]);
  });

  it('gives a change only between two full years with both figures shown', () => {
    const before = cell('370115', 'dibao_rural', 100_000n);
    expect(changePermille(before, cell('370115', 'dibao_rural', 112_345n), true)).toBe(123);
    expect(permilleLabel(-40)).toBe('-4.0%');
    expect(changePermille(before, cell('370115', 'dibao_rural', 90_000n), true)).toBe(-100);
    expect(changePermille(before, cell('370115', 'dibao_rural', 112_345n), false)).toBeNull();
    expect(changePermille(before, cell('370115', 'dibao_rural', null), true)).toBeNull();
    expect(changePermille(null, before, true)).toBeNull();
  });
});
