import type { CaseProgramSpec, HouseholdsAndPersons, PersonProgramSpec, Preset, StandardSpec } from './preset.js';

export interface AnotherYear {
  year: number;
  /** Caseload of this year relative to the base preset (1.04 = 4 % more cases). */
  caseload: number;
  /** Every standard in force during the year (and the one before its first change). */
  standards: readonly StandardSpec[];
  /** Per-case amounts relative to the base year (aid follows the standards up). */
  amounts?: number;
  /** Blocks at scale 1 (default: the base preset's). */
  blocks?: number;
}

/**
 * A synthetic year of a county, derived from a preset of another year: the same programs, the
 * caseload drifted by a factor, the year's standards, nothing calibrated to a published figure.
 * Marked 示例数据 like everything the generator writes, and named illustrative in the docs.
 */
export function anotherYear(base: Preset, change: AnotherYear): Preset {
  const { year, caseload } = change;
  const n = (value: number) => Math.max(0, Math.round(value * caseload));
  const hp = (v: HouseholdsAndPersons) => ({ households: n(v.households), persons: Math.max(n(v.households), n(v.persons)) });
  const shift = (date: string) => `${year}${date.slice(4)}`;
  const person = (p: PersonProgramSpec): PersonProgramSpec => ({ program: p.program, persons: n(p.persons) });
  const aid = (c: CaseProgramSpec): CaseProgramSpec => ({
    ...c,
    cases: n(c.cases),
    amountFen: Math.round(((c.amountFen * n(c.cases)) / Math.max(c.cases, 1)) * (change.amounts ?? 1)),
    rejected: n(c.rejected),
  });
  const d = base.dibao;
  const county = base.name.replace(/-\d{4}$/, '');
  return {
    name: `${county}-${year}`,
    title: `${base.title.replace(/\s*\d{4}$/, '')} ${year}`,
    countyCode: base.countyCode,
    year,
    description: `${base.title.replace(/\s*\d{4}$/, '')} ${year}: a synthetic year derived from ${base.name} (illustrative figures, 示例数据)`,
    standards: change.standards,
    dibao: {
      personMonths: n(d.personMonths),
      perCapitaIncomeYuan: d.perCapitaIncomeYuan,
      campaign: {
        name: d.campaign.name.replace(/^\d{4}/, String(year)),
        periodStart: shift(d.campaign.periodStart),
        periodEnd: shift(d.campaign.periodEnd),
        cancelled: hp(d.campaign.cancelled),
        adjusted: hp(d.campaign.adjusted),
        continued: n(d.campaign.continued),
        newlyApproved: hp(d.campaign.newlyApproved),
      },
      otherApprovals: n(d.otherApprovals),
      deaths: n(d.deaths),
      movedAway: n(d.movedAway),
      incomeAboveStandard: n(d.incomeAboveStandard),
      rejected: n(d.rejected),
      objectionsUpheld: n(d.objectionsUpheld),
      inProgress: n(d.inProgress),
    },
    tekun: { ...base.tekun, persons: n(base.tekun.persons), entries: n(base.tekun.entries), deaths: n(base.tekun.deaths) },
    disabilityLiving: person(base.disabilityLiving),
    disabilityCare: person(base.disabilityCare),
    disabilityInDibaoShare: base.disabilityInDibaoShare,
    disabilityBothShare: base.disabilityBothShare,
    careInTekun: n(base.careInTekun),
    children: base.children.map(person),
    // the year's newcomers are among the persons; the app opened when it opened
    ...(base.senior
      ? {
          senior: {
            persons: n(base.senior.persons + (base.senior.newcomers ?? 0)),
            ...(base.senior.appShare === undefined ? {} : { appShare: base.senior.appShare, appFrom: base.senior.appFrom }),
          },
        }
      : {}),
    cases: base.cases.map(aid),
    blocks: change.blocks ?? base.blocks,
  };
}
