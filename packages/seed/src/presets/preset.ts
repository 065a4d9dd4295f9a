/**
 * A preset: a real county, a year and the figures its synthetic population reproduces. Counts
 * are for scale 1; `--scale` multiplies them. Money is in fen, months are 'YYYY-MM'.
 */
export interface StandardSpec {
  program: string;
  /** 'both' writes one row per area type. */
  area: 'urban' | 'rural' | 'both';
  tier?: string;
  effective: string;
  yuan: number;
}

export interface HouseholdsAndPersons {
  households: number;
  persons: number;
}

export interface DibaoSpec {
  /** Person-months (人次) of regular payments over the year. */
  personMonths: number;
  /** The year's total of regular, back-pay and recovery entries; omitted: not calibrated. */
  amountFen?: number;
  /** Per-capita income of enrolled households, yuan per month, before calibration. */
  perCapitaIncomeYuan: [min: number, mode: number, max: number];
  campaign: {
    name: string;
    /** 'YYYY-MM-DD' */
    periodStart: string;
    periodEnd: string;
    cancelled: HouseholdsAndPersons;
    adjusted: HouseholdsAndPersons;
    /** Reviewed with the outcome "continue". */
    continued: number;
    newlyApproved: HouseholdsAndPersons;
  };
  /** Approvals outside the campaign period. */
  otherApprovals: number;
  deaths: number;
  movedAway: number;
  incomeAboveStandard: number;
  rejected: number;
  objectionsUpheld: number;
  inProgress: number;
}

export interface TekunSpec {
  /** Distinct persons paid during the year. */
  persons: number;
  centralizedShare: number;
  entries: number;
  deaths: number;
}

/** A monthly per-person program paid at the standard (disability subsidies, children's allowances). */
export interface PersonProgramSpec {
  program: 'disability_living' | 'disability_care' | 'orphan_allowance' | 'unattended_child_allowance';
  /** Distinct persons paid during the year. */
  persons: number;
  /** The year's total; omitted: not calibrated (a few persons join or leave during the year). */
  amountFen?: number;
}

export interface SeniorSpec {
  /** Persons paid during the year (besides the newcomers). */
  persons: number;
  /** People turning 80 during the year, approved from `appFrom` on (e.g. the 3626 of 滨海县 2021). */
  newcomers?: number;
  /** Share of the applications approved from `appFrom` on that were made in the app (0.92). */
  appShare?: number;
  /** 'YYYY-MM': the month the app opened. */
  appFrom?: string;
}

/** A per-case program: cases paid during the year and their total. */
export interface CaseProgramSpec {
  program: string;
  cases: number;
  amountFen: number;
  /** Typical amount of one case, yuan (min, max): amounts are drawn here, then scaled to the total. */
  rangeYuan: [number, number];
  /** Share of cases in households already assisted. */
  assistedShare: number;
  rejected: number;
  reasons: readonly string[];
}

export interface Preset {
  name: string;
  title: string;
  countyCode: string;
  year: number;
  description: string;
  standards: readonly StandardSpec[];
  dibao: DibaoSpec;
  tekun: TekunSpec;
  disabilityLiving: PersonProgramSpec;
  disabilityCare: PersonProgramSpec;
  /** Share of 困难残疾人生活补贴 recipients living in 低保 households. */
  disabilityInDibaoShare: number;
  /** Share of 生活补贴 recipients who are severely disabled and also get 护理补贴. */
  disabilityBothShare: number;
  /** 护理补贴 recipients who are dispersed 特困 persons. */
  careInTekun: number;
  children: readonly PersonProgramSpec[];
  senior?: SeniorSpec;
  cases: readonly CaseProgramSpec[];
  /** Blocks at scale 1 (each block is generated, calibrated and loaded on its own). */
  blocks: number;
}
