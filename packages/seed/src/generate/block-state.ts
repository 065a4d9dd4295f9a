import { monthlyAmountFen, type ExitReason } from '@xingfu/domain/rules';
import { RowBuffer } from '../load/tables.js';
import { type Rng, WeightedPicker } from '../random/prng.js';
import { addDays, workStamp } from './calendar.js';
import { incomeItems, writeApplication, type Channel } from './casework.js';
import type { LedgerContext } from './context.js';
import { Population, familySpecs, type AreaType, type HouseholdRec, type PersonRec } from './population.js';
import type { BlockQuota } from './quotas.js';

/** An enrollment of a monthly program, paid by the payroll every month from start to end. */
export interface MonthlyEnrollment {
  id: number;
  program: string;
  household: HouseholdRec;
  person: PersonRec | null;
  applicationId: number;
  area: AreaType;
  rule: 'gap' | 'standard' | 'tiered';
  tier: string;
  covered: number;
  /** Per-capita income before calibration, and whether calibration shifts it. */
  pciRaw: number;
  shift: boolean;
  pci: number;
  fixed: number | null;
  /** 渐退: the fixed amount is what the previous enrollment paid in this month. */
  fixedFrom: { enrollment: MonthlyEnrollment; month: number } | null;
  start: number;
  end: number | null;
  exit: ExitReason | null;
  previous: MonthlyEnrollment | null;
  createdAt: string;
  endedAt: string | null;
  backPay: number[];
  recovery: number[];
  correctionNote: string;
}

export interface TaskPlan {
  outcome: 'continue' | 'adjust' | 'cancel';
  month: number;
  reason: string;
  next: MonthlyEnrollment | null;
}

export interface DibaoCase {
  household: HouseholdRec;
  members: PersonRec[];
  covered: number;
  singlePerson: boolean;
  program: string;
  enrollments: MonthlyEnrollment[];
  approvalDate: string;
  channel: Channel;
  objectionDismissed: boolean;
  rigid: number;
  assets: number;
  task: TaskPlan | null;
  stable: boolean;
}

export const COVERED_SIZES = new WeightedPicker([1, 2, 3, 4, 5], [52, 28, 11, 6, 3]);
export const CHANNELS = new WeightedPicker<Channel>(['grid_worker', 'town_station', 'county_centre', 'app'], [45, 30, 10, 15]);

/**
 * What the programs of one block share: its rows, random stream and population, the enrollments
 * the payroll will pay, the households of each kind the programs draw on, and the helpers that
 * create households, enrollments and deaths. Each program's generator (dibao.ts, tekun.ts,
 * disability.ts, children.ts, senior.ts, cases.ts, splits.ts) adds to it in turn; payroll-rows.ts
 * writes it out.
 */
export class BlockState {
  rows = new RowBuffer();
  readonly rng: Rng;
  readonly pop: Population;
  readonly households: HouseholdRec[] = [];
  readonly monthly: MonthlyEnrollment[] = [];
  readonly dibaoCases: DibaoCase[] = [];
  readonly ordinary: HouseholdRec[] = [];
  readonly deceased: { household: HouseholdRec; person: PersonRec; month: number }[] = [];
  readonly tekunCareCandidates: { household: HouseholdRec; person: PersonRec }[] = [];
  readonly taken = new Set<PersonRec>();
  /** The 低保 calibration's shift of per-capita incomes (see dibao.ts). */
  delta = 0;

  constructor(
    readonly ctx: LedgerContext,
    readonly quota: BlockQuota,
  ) {
    this.rng = ctx.rng.fork(`block-${quota.index}`);
    this.pop = new Population((table) => ctx.ids.next(table), ctx.idNumbers, `${ctx.calendar.year}-01-01`);
  }

  takeRows(): RowBuffer {
    const rows = this.rows;
    this.rows = new RowBuffer();
    return rows;
  }

  get cal() {
    return this.ctx.calendar;
  }

  household(rng: Rng, registeredOn: string, specsSize: number, kind: 'elderly' | 'working' | 'any', address?: string) {
    const village = this.ctx.pickVillage(rng);
    const household = this.pop.newHousehold(rng, village, registeredOn, address?.replace('{town}', village.townName));
    const members = this.pop.populate(rng, household, familySpecs(rng, specsSize, kind));
    this.households.push(household);
    return { household, members };
  }

  preYearMonth(rng: Rng, earliest: number): number {
    return -rng.int(1, earliest);
  }

  newEnrollment(
    fields: Pick<
      MonthlyEnrollment,
      'program' | 'household' | 'person' | 'applicationId' | 'rule' | 'tier' | 'covered' | 'start' | 'createdAt'
    > &
      Partial<MonthlyEnrollment>,
  ): MonthlyEnrollment {
    const enrollment: MonthlyEnrollment = {
      id: this.ctx.ids.next('enrollment'),
      area: fields.household.area,
      pciRaw: 0,
      shift: false,
      pci: 0,
      fixed: null,
      fixedFrom: null,
      end: null,
      exit: null,
      previous: null,
      endedAt: null,
      backPay: [],
      recovery: [],
      correctionNote: '',
      ...fields,
    };
    this.monthly.push(enrollment);
    return enrollment;
  }

  standard(e: MonthlyEnrollment, month: number): number {
    return this.ctx.standardFen(e.program, e.area, e.tier, month);
  }

  /** The payroll's monthly amount (the domain's one rule), for one enrollment and month. */
  amount(e: MonthlyEnrollment, month: number): number {
    return monthlyAmountFen({
      amountRule: e.rule,
      standardFen: this.standard(e, month),
      perCapitaIncomeFen: e.rule === 'gap' ? this.pciOf(e) : 0,
      coveredMembers: e.covered,
      fixedAmountFen: e.fixedFrom ? this.amount(e.fixedFrom.enrollment, e.fixedFrom.month) : e.fixed,
    });
  }

  pciOf(e: MonthlyEnrollment): number {
    if (!e.shift) return e.pciRaw;
    const ceiling = this.ctx.lowestStandardFen(e.program, e.area) - 1000;
    return Math.min(Math.max(e.pciRaw + this.delta, 0), ceiling);
  }

  activeMonths(e: MonthlyEnrollment): number[] {
    const months: number[] = [];
    for (let m = Math.max(e.start, 0); m <= Math.min(e.end ?? 11, 11); m++) months.push(m);
    return months;
  }

  triangular(rng: Rng, [min, mode, max]: [number, number, number]): number {
    const u = rng.float();
    const c = (mode - min) / (max - min);
    return u < c ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
  }

  die(household: HouseholdRec, person: PersonRec, month: number, rng: Rng): string {
    const date = this.cal.randomDateIn(rng, month);
    this.pop.recordDeath(household, person, date);
    this.deceased.push({ household, person, month });
    return date;
  }

  /** An approved application of a person program, and its enrollment. */
  personEnrollment(
    rng: Rng,
    program: string,
    household: HouseholdRec,
    person: PersonRec,
    start: number,
    options: { tier?: string; channel?: Channel; reason: string; fast?: boolean; instant?: boolean } = { reason: '' },
  ): MonthlyEnrollment {
    const tier = options.tier ?? '';
    const approvalDate = this.cal.randomDateIn(rng, start, 1, start >= 0 ? 28 : 25);
    const verifyMonth = this.cal.indexOf(addDays(approvalDate, -15));
    const standard = this.ctx.standardFen(program, household.area, tier, Math.max(verifyMonth, start));
    const members = this.pop.currentMembers(household);
    const counted = rng.int(0, 3) * 10_000;
    const written = writeApplication(this.ctx, this.rows, rng, {
      household,
      program,
      person,
      channel: options.channel ?? CHANNELS.pick(rng),
      status: 'approved',
      lastDate: approvalDate,
      reason: options.reason,
      assessment: {
        householdSize: Math.max(members.length, 1),
        coveredMembers: 1,
        singlePerson: false,
        rigidExpensesFen: 0,
        financialAssetsFen: rng.int(0, 10) * 100_000,
        countedIncomeFen: counted,
        perCapitaIncomeFen: Math.floor(counted / Math.max(members.length, 1)),
        assessedAmountFen: standard,
        tier,
        incomes: incomeItems(rng, [person], counted, approvalDate),
      },
      investigationNotes: '入户调查：情况属实',
      fast: options.fast ?? false,
      instant: options.instant ?? false,
      audited: start >= 0,
    });
    return this.newEnrollment({
      program,
      household,
      person,
      applicationId: written.id,
      rule: program === 'senior_allowance' ? 'tiered' : 'standard',
      tier,
      covered: 1,
      start,
      createdAt: workStamp(rng, approvalDate),
    });
  }

  /** Ends a person's enrollments with a death (paid through the month, or a few months late and recovered). */
  endByDeath(
    rng: Rng,
    household: HouseholdRec,
    person: PersonRec,
    enrollments: MonthlyEnrollment[],
    month: number,
    lateShare: number,
  ): void {
    const date = this.die(household, person, month, rng);
    const late = month < 11 && rng.chance(lateShare);
    for (const e of enrollments) {
      const stop = late ? Math.min(month + rng.int(1, 2), 11) : month;
      e.end = stop;
      e.exit = 'deceased';
      e.endedAt = workStamp(rng, stop > month ? addDays(date, 35) : date);
      if (stop > month) {
        e.recovery = [...Array(stop - month).keys()].map((i) => month + 1 + i);
        e.correctionNote = '数据比对发现死亡后仍发放，追回';
      }
    }
  }
}
