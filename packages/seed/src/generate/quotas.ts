import type { CaseProgramSpec, HouseholdsAndPersons, Preset } from '../presets/preset.js';
import { apportion } from './apportion.js';

export interface DibaoQuota {
  personMonths: number;
  amountFen: number | null;
  cancelled: HouseholdsAndPersons;
  adjusted: HouseholdsAndPersons;
  continued: number;
  newlyApproved: HouseholdsAndPersons;
  otherApprovals: number;
  deaths: number;
  movedAway: number;
  incomeAboveStandard: number;
  rejected: number;
  objectionsUpheld: number;
  inProgress: number;
}

export interface PersonQuota {
  persons: number;
  /** Paid months net of recoveries (amount ÷ standard); null: not calibrated. */
  personMonths: number | null;
}

export interface BlockQuota {
  index: number;
  dibao: DibaoQuota;
  tekun: { persons: number; entries: number; deaths: number };
  living: PersonQuota;
  care: PersonQuota;
  livingInDibao: number;
  both: number;
  careInTekun: number;
  children: { program: string; persons: number }[];
  senior: number;
  /** People turning 80 during the year (SeniorSpec.newcomers). */
  seniorNewcomers: number;
  cases: { spec: CaseProgramSpec; cases: number; amountFen: number; rejected: number }[];
}

/**
 * The preset's counts at a scale, split over blocks so that the blocks add up exactly to the
 * scaled figures. Each block is generated, calibrated and loaded on its own.
 */
export function blockQuotas(preset: Preset, scale: number, monthlyStandard: (program: string) => number): BlockQuota[] {
  const blocks = Math.max(1, Math.round(preset.blocks * scale));
  const ones = new Array<number>(blocks).fill(1);
  const split = (value: number, label: string) => apportion(Math.round(value * scale), ones, label);
  const splitPaired = (hp: HouseholdsAndPersons, label: string) => {
    const households = split(hp.households, `${label}/households`);
    const totalPersons = Math.max(
      Math.round(hp.persons * scale),
      households.reduce((a, b) => a + b, 0),
    );
    const persons = apportion(totalPersons, households, `${label}/persons`);
    return households.map((h, i) => ({ households: h, persons: Math.max(h, persons[i]!) }));
  };
  const d = preset.dibao;
  const pm = split(d.personMonths, 'dibao/pm');
  const amounts = d.amountFen === undefined ? null : apportion(Math.round(d.amountFen * scale), pm, 'dibao/amount');
  const cancelled = splitPaired(d.campaign.cancelled, 'cancelled');
  const adjusted = splitPaired(d.campaign.adjusted, 'adjusted');
  const newly = splitPaired(d.campaign.newlyApproved, 'newly');
  const fields = {
    continued: split(d.campaign.continued, 'continued'),
    otherApprovals: split(d.otherApprovals, 'otherApprovals'),
    deaths: split(d.deaths, 'deaths'),
    movedAway: split(d.movedAway, 'movedAway'),
    incomeAboveStandard: split(d.incomeAboveStandard, 'incomeAbove'),
    rejected: split(d.rejected, 'rejected'),
    objectionsUpheld: split(d.objectionsUpheld, 'objections'),
    inProgress: split(d.inProgress, 'inProgress'),
  };
  const personQuota = (spec: { program: string; persons: number; amountFen?: number }, label: string): PersonQuota[] => {
    const persons = split(spec.persons, `${label}/persons`);
    if (spec.amountFen === undefined) return persons.map((p) => ({ persons: p, personMonths: null }));
    const months = apportion(Math.round((spec.amountFen * scale) / monthlyStandard(spec.program)), persons, `${label}/months`);
    return persons.map((p, i) => ({ persons: p, personMonths: Math.min(Math.max(months[i]!, p), 12 * p) }));
  };
  const living = personQuota(preset.disabilityLiving, 'living');
  const care = personQuota(preset.disabilityCare, 'care');
  const tekun = {
    persons: split(preset.tekun.persons, 'tekun'),
    entries: split(preset.tekun.entries, 'tekunIn'),
    deaths: split(preset.tekun.deaths, 'tekunOut'),
  };
  const children = preset.children.map((c) => ({ program: c.program, persons: split(c.persons, c.program) }));
  const senior = split(preset.senior?.persons ?? 0, 'senior');
  const seniorNewcomers = split(preset.senior?.newcomers ?? 0, 'seniorNewcomers');
  const cases = preset.cases.map((c) => {
    const count = split(c.cases, `${c.program}/cases`);
    return {
      spec: c,
      count,
      amount: apportion(Math.round(c.amountFen * scale), count, `${c.program}/amount`),
      rejected: split(c.rejected, `${c.program}/rejected`),
    };
  });
  return ones.map((_, i) => {
    const livingPersons = living[i]!.persons;
    const inDibao = Math.round(livingPersons * preset.disabilityInDibaoShare);
    return {
      index: i,
      dibao: {
        personMonths: pm[i]!,
        amountFen: amounts ? amounts[i]! : null,
        cancelled: cancelled[i]!,
        adjusted: adjusted[i]!,
        newlyApproved: newly[i]!,
        continued: fields.continued[i]!,
        otherApprovals: fields.otherApprovals[i]!,
        deaths: fields.deaths[i]!,
        movedAway: fields.movedAway[i]!,
        incomeAboveStandard: fields.incomeAboveStandard[i]!,
        rejected: fields.rejected[i]!,
        objectionsUpheld: fields.objectionsUpheld[i]!,
        inProgress: fields.inProgress[i]!,
      },
      tekun: { persons: tekun.persons[i]!, entries: tekun.entries[i]!, deaths: tekun.deaths[i]! },
      living: living[i]!,
      care: care[i]!,
      livingInDibao: inDibao,
      both: Math.min(Math.round(livingPersons * preset.disabilityBothShare), care[i]!.persons),
      careInTekun: Math.round((preset.careInTekun * scale) / blocks),
      children: children.map((c) => ({ program: c.program, persons: c.persons[i]! })),
      senior: senior[i]!,
      seniorNewcomers: seniorNewcomers[i]!,
      cases: cases.map((c) => ({ spec: c.spec, cases: c.count[i]!, amountFen: c.amount[i]!, rejected: c.rejected[i]! })),
    };
  });
}
