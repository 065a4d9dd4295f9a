/**
 * Comparisons derived from the published figures only: sums of shown cells (a suppressed cell is
 * left out and the sum marked partial, as everywhere on the site), never a new figure.
 */

/** What the comparisons read of lib/site-data's types (structurally: they import nothing). */
export interface Aggregate {
  regionCode: string;
  programCode: string;
  suppressed: boolean;
  households: number | null;
  persons: number | null;
  amountFen: bigint | null;
}
export interface CountyRelease {
  county: { towns: { code: string; name: string }[] };
  months: string[];
  years: number[];
  figures: Map<number, { countyYear: Aggregate[]; townYear: Aggregate[] }>;
}
export interface Site {
  programs: { code: string; name: string }[];
}
export interface Standard {
  programCode: string;
  programName: string;
  areaType: string;
  tier: string | null;
  effectiveMonth: string;
  amountFen: bigint;
}

export interface Total {
  households: number;
  persons: number;
  fen: bigint;
  /** A cell of the sum was suppressed (c): the sum leaves it out. */
  partial: boolean;
}

export function sum(rows: Aggregate[]): Total {
  return {
    households: rows.reduce((s, a) => s + (a.households ?? 0), 0),
    persons: rows.reduce((s, a) => s + (a.persons ?? 0), 0),
    fen: rows.reduce((s, a) => s + (a.amountFen ?? 0n), 0n),
    partial: rows.some((a) => a.suppressed),
  };
}

export interface TownRank {
  rank: number;
  code: string;
  name: string;
  total: Total;
  /** Per mille of the county's shown amount (integer arithmetic, rounded). */
  sharePermille: number;
}

/** Towns by their year's shown amount over all programs, largest first; ties share a rank. */
export function townRanking(cr: CountyRelease, year: number): TownRank[] {
  const rows = cr.figures.get(year)?.townYear ?? [];
  const towns = cr.county.towns.map((t) => ({ code: t.code, name: t.name, total: sum(rows.filter((a) => a.regionCode === t.code)) }));
  const all = towns.reduce((s, t) => s + t.total.fen, 0n);
  towns.sort((a, b) => (a.total.fen === b.total.fen ? a.code.localeCompare(b.code) : a.total.fen > b.total.fen ? -1 : 1));
  let rank = 0;
  return towns.map((t, i) => {
    if (i === 0 || towns[i - 1]!.total.fen !== t.total.fen) rank = i + 1;
    return { ...t, rank, sharePermille: all === 0n ? 0 : Number((t.total.fen * 2000n + all) / (2n * all)) };
  });
}

export const DIBAO = ['dibao_urban', 'dibao_rural'] as const;

/** 城市低保 + 农村低保 of a region's year rows: one line for 低保 as a whole. */
export function dibaoCombined(rows: Aggregate[]): Total | null {
  const cells = rows.filter((a) => (DIBAO as readonly string[]).includes(a.programCode));
  return cells.length ? sum(cells) : null;
}

export interface YearColumn {
  year: number;
  /** Months of the year released (12 = 全年). */
  months: number;
}

/** The released years of a county with how many months each holds. */
export function yearColumns(cr: CountyRelease): YearColumn[] {
  return cr.years.map((year) => ({ year, months: cr.months.filter((m) => m.startsWith(`${year}-`)).length }));
}

export interface YearOverYearRow {
  programCode: string;
  programName: string;
  /** Per year (as yearColumns): the county-year cell, or null when the program had none that year. */
  cells: (Aggregate | null)[];
}

/** Program × year of a county's county-year rows, in catalog order; programs with any row. */
export function yearOverYear(site: Site, cr: CountyRelease): YearOverYearRow[] {
  const years = cr.years;
  return site.programs
    .map((p) => ({
      programCode: p.code,
      programName: p.name,
      cells: years.map((y) => cr.figures.get(y)?.countyYear.find((a) => a.programCode === p.code) ?? null),
    }))
    .filter((r) => r.cells.some((c) => c !== null));
}

/**
 * The change from one full year to the next in per mille, or null when either year is not
 * complete (comparing 3 months with 12 would mislead), either cell is suppressed or the base is 0.
 */
export function changePermille(before: Aggregate | null, after: Aggregate | null, complete: boolean): number | null {
  if (!complete || !before || !after || before.amountFen === null || after.amountFen === null || before.amountFen === 0n) return null;
  const diff = (after.amountFen - before.amountFen) * 2000n;
  const base = 2n * before.amountFen;
  // rounded half away from zero, in integers
  return Number((diff + (diff >= 0n ? before.amountFen : -before.amountFen)) / base);
}

export interface StandardSeries {
  label: string;
  programCode: string;
  areaType: string;
  tier: string | null;
  /** Per year: the standard in force at the end of that year (fen), or null before the first. */
  byYear: (bigint | null)[];
}

/** Standards in force at each year's end, one series per program, area and tier. */
export function standardsByYear(standards: Standard[], years: number[], until: string, areaLabel: (a: string) => string): StandardSeries[] {
  const keys = new Map<string, Standard[]>();
  for (const s of standards.filter((s) => s.effectiveMonth <= until)) {
    const key = `${s.programCode}|${s.areaType}|${s.tier}`;
    keys.set(key, [...(keys.get(key) ?? []), s]);
  }
  return [...keys.values()].map((list) => {
    const sorted = [...list].sort((a, b) => a.effectiveMonth.localeCompare(b.effectiveMonth));
    const first = sorted[0]!;
    return {
      // 农村低保 needs no （农村）
      label: first.programName.includes(areaLabel(first.areaType))
        ? `${first.programName}${first.tier ? `（${first.tier}）` : ''}`
        : `${first.programName}（${areaLabel(first.areaType)}${first.tier ? `，${first.tier}` : ''}）`,
      programCode: first.programCode,
      areaType: first.areaType,
      tier: first.tier,
      byYear: years.map((y) => [...sorted].reverse().find((s) => s.effectiveMonth <= `${y}-12`)?.amountFen ?? null),
    };
  });
}

/** "+12.3%" / "-4.0%" / "0.0%" from per mille. */
export function permilleLabel(permille: number): string {
  const sign = permille > 0 ? '+' : permille < 0 ? '-' : '';
  const abs = Math.abs(permille);
  return `${sign}${Math.floor(abs / 10)}.${abs % 10}%`;
}
