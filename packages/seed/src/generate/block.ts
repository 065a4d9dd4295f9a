import { monthlyAmountFen, type ExitReason } from '@xingfu/domain/rules';
import { RowBuffer } from '../load/tables.js';
import { type Rng, WeightedPicker } from '../random/prng.js';
import { partitionSizes } from './apportion.js';
import { addDays, stamp, workStamp } from './calendar.js';
import { incomeItems, writeApplication, type Assessment, type Channel } from './casework.js';
import type { LedgerContext } from './context.js';
import { ADDRESS_PREFIX, Population, ageOf, familySpecs, type AreaType, type HouseholdRec, type PersonRec } from './population.js';
import type { BlockQuota } from './quotas.js';

/** An enrollment of a monthly program, paid by the payroll every month from start to end. */
interface MonthlyEnrollment {
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

interface TaskPlan {
  outcome: 'continue' | 'adjust' | 'cancel';
  month: number;
  reason: string;
  next: MonthlyEnrollment | null;
}

interface DibaoCase {
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

const COVERED_SIZES = new WeightedPicker([1, 2, 3, 4, 5], [52, 28, 11, 6, 3]);
const CHANNELS = new WeightedPicker<Channel>(['grid_worker', 'town_station', 'county_centre', 'app'], [45, 30, 10, 15]);
const CANCEL_REASONS = [
  '家庭成员稳定就业，人均收入超过低保标准',
  '复核发现家庭购置机动车辆',
  '家庭人均收入超过低保标准',
  '复核发现隐瞒家庭收入',
];
const ADJUST_REASONS = [
  '家庭成员就业，收入增加，调整保障金额',
  '家庭成员患病，刚性支出增加，调整保障金额',
  '家庭人口变化，调整保障人数',
  '收入核对结果变化，调整保障金额',
];
const GRADUAL_EXIT_REASON = '家庭人均收入超过低保标准，实行渐退';
const DIBAO_REASONS = [
  '家庭成员患病，无稳定收入',
  '老人独居，无劳动能力',
  '家庭成员残疾，收入低',
  '主要劳动力丧失劳动能力',
  '单亲家庭，子女上学',
];
const HEALTH = ['良好', '慢性病', '长期患病', '残疾', '年老体弱'];
const HOUSING = ['自有住房', '自建平房', '租住', '与子女同住'];
const EMPLOYMENT = ['无', '务农', '灵活就业', '打零工', '公益性岗位'];
const LEVELS = new WeightedPicker([1, 2, 3, 4], [15, 25, 30, 30]);

/** One block of the population: registry, cases, enrollments and payments, calibrated on its own. */
export class BlockGenerator {
  private rows = new RowBuffer();
  private readonly rng: Rng;
  private readonly pop: Population;
  private readonly households: HouseholdRec[] = [];
  private readonly monthly: MonthlyEnrollment[] = [];
  private readonly dibaoCases: DibaoCase[] = [];
  private readonly ordinary: HouseholdRec[] = [];
  private readonly deceased: { household: HouseholdRec; person: PersonRec; month: number }[] = [];
  private readonly tekunCareCandidates: { household: HouseholdRec; person: PersonRec }[] = [];
  private readonly taken = new Set<PersonRec>();
  private delta = 0;

  constructor(
    private readonly ctx: LedgerContext,
    private readonly quota: BlockQuota,
  ) {
    this.rng = ctx.rng.fork(`block-${quota.index}`);
    this.pop = new Population((table) => ctx.ids.next(table), ctx.idNumbers, `${ctx.calendar.year}-01-01`);
  }

  /**
   * The block's rows, in parts: a part is handed out between two steps once it holds `partBytes`
   * of COPY text (the rest at the end). The rows are the same whatever the parts; only a load with
   * the foreign-key triggers off may take them in parts, since a part can hold rows that
   * reference rows of a later part (applications come before their households, for one).
   */
  *generate(partBytes = Infinity): Generator<RowBuffer> {
    const steps = [
      () => this.dibao(),
      () => this.tekun(),
      () => this.disability(),
      () => this.childrenAllowances(),
      () => this.senior(),
      () => this.cases(),
      () => this.splits(),
      () => this.writeEnrollments(),
      ...Array.from({ length: 12 }, (_, m) => () => this.writePayments(m)),
      () => this.writeRegistry(),
    ];
    for (const step of steps) {
      step();
      if (this.rows.byteLength >= partBytes) yield this.takeRows();
    }
    if (this.rows.byteLength > 0) yield this.takeRows();
  }

  private takeRows(): RowBuffer {
    const rows = this.rows;
    this.rows = new RowBuffer();
    return rows;
  }

  // ——— helpers ———

  private get cal() {
    return this.ctx.calendar;
  }

  private household(rng: Rng, registeredOn: string, specsSize: number, kind: 'elderly' | 'working' | 'any', address?: string) {
    const village = this.ctx.pickVillage(rng);
    const household = this.pop.newHousehold(rng, village, registeredOn, address?.replace('{town}', village.townName));
    const members = this.pop.populate(rng, household, familySpecs(rng, specsSize, kind));
    this.households.push(household);
    return { household, members };
  }

  private preYearMonth(rng: Rng, earliest: number): number {
    return -rng.int(1, earliest);
  }

  private newEnrollment(
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

  private standard(e: MonthlyEnrollment, month: number): number {
    return this.ctx.standardFen(e.program, e.area, e.tier, month);
  }

  /** The payroll's monthly amount (the domain's one rule), for one enrollment and month. */
  private amount(e: MonthlyEnrollment, month: number): number {
    return monthlyAmountFen({
      amountRule: e.rule,
      standardFen: this.standard(e, month),
      perCapitaIncomeFen: e.rule === 'gap' ? this.pciOf(e) : 0,
      coveredMembers: e.covered,
      fixedAmountFen: e.fixedFrom ? this.amount(e.fixedFrom.enrollment, e.fixedFrom.month) : e.fixed,
    });
  }

  private pciOf(e: MonthlyEnrollment): number {
    if (!e.shift) return e.pciRaw;
    const ceiling = this.ctx.lowestStandardFen(e.program, e.area) - 1000;
    return Math.min(Math.max(e.pciRaw + this.delta, 0), ceiling);
  }

  private activeMonths(e: MonthlyEnrollment): number[] {
    const months: number[] = [];
    for (let m = Math.max(e.start, 0); m <= Math.min(e.end ?? 11, 11); m++) months.push(m);
    return months;
  }

  private triangular(rng: Rng, [min, mode, max]: [number, number, number]): number {
    const u = rng.float();
    const c = (mode - min) / (max - min);
    return u < c ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
  }

  private die(household: HouseholdRec, person: PersonRec, month: number, rng: Rng): string {
    const date = this.cal.randomDateIn(rng, month);
    this.pop.recordDeath(household, person, date);
    this.deceased.push({ household, person, month });
    return date;
  }

  // ——— 低保 ———

  private dibao(): void {
    const q = this.quota.dibao;
    const spec = this.ctx.preset.dibao;
    const rng = this.rng.fork('dibao');
    const cs = this.cal.indexOf(spec.campaign.periodStart);
    const ce = this.cal.indexOf(spec.campaign.periodEnd);
    const outside = [...Array(12).keys()].filter((m) => m < cs || m > ce);
    const pciRange = spec.perCapitaIncomeYuan.map((y) => y * 100) as [number, number, number];

    const newCase = (covered: number, start: number, options: { elderlySingle?: boolean; stable?: boolean } = {}): DibaoCase => {
      const singlePerson = !options.elderlySingle && covered === 1 && rng.chance(0.12);
      const size = singlePerson ? rng.int(2, 3) : covered;
      const approvalDate = this.cal.randomDateIn(rng, start);
      const registeredOn = addDays(approvalDate, -rng.int(30, 90));
      const { household, members } = this.household(rng, registeredOn, size, options.elderlySingle ? 'elderly' : 'any');
      if (singlePerson) {
        // 单人保: a severely disabled member covered alone
        const disabled = members.find((m) => m !== members[0]) ?? members[0]!;
        this.pop.setDisability(rng, disabled, rng.int(1, 2));
        members.sort((a, b) => (a === disabled ? -1 : b === disabled ? 1 : 0));
      }
      const program = household.area === 'urban' ? 'dibao_urban' : 'dibao_rural';
      const c: DibaoCase = {
        household,
        members,
        covered,
        singlePerson,
        program,
        enrollments: [],
        approvalDate,
        channel: CHANNELS.pick(rng),
        objectionDismissed: start >= 0 && rng.chance(0.08),
        rigid: rng.chance(0.25) ? rng.int(100, 600) * 100 : 0,
        assets: rng.int(0, 30) * 100_000,
        task: null,
        stable: options.stable ?? false,
      };
      const enrollment = this.newEnrollment({
        program,
        household,
        person: null,
        applicationId: 0,
        rule: 'gap',
        tier: '',
        covered,
        start,
        createdAt: workStamp(rng, approvalDate),
        pciRaw: Math.round(this.triangular(rng, pciRange)),
        shift: true,
      });
      c.enrollments.push(enrollment);
      this.dibaoCases.push(c);
      return c;
    };
    const end = (e: MonthlyEnrollment, month: number, exit: ExitReason, date: string) => {
      e.end = month;
      e.exit = exit;
      e.endedAt = workStamp(rng, date);
    };
    const draw = () => rng.float();

    for (const covered of partitionSizes(q.cancelled.households, q.cancelled.persons, 5, draw)) {
      const c = newCase(covered, this.preYearMonth(rng, 84));
      const month = rng.int(cs + 1, ce);
      const reason = rng.pick(CANCEL_REASONS);
      const e = c.enrollments[0]!;
      end(e, month, 'cancelled_on_review', this.cal.randomDateIn(rng, month));
      c.task = { outcome: 'cancel', month, reason, next: null };
      if (reason.includes('隐瞒')) {
        e.recovery = [month - 1, month].filter((m) => m >= 0);
        e.correctionNote = '复核发现隐瞒家庭收入，追回多发的低保金';
      }
    }
    for (const covered of partitionSizes(q.adjusted.households, q.adjusted.persons, 5, draw)) {
      const c = newCase(covered, this.preYearMonth(rng, 84));
      const month = rng.int(cs + 1, Math.min(ce, 10));
      const old = c.enrollments[0]!;
      const decided = this.cal.randomDateIn(rng, month);
      end(old, month, 'adjusted', decided);
      const gradual = rng.chance(0.06);
      const size = c.singlePerson ? 1 : c.members.length;
      const newCovered = Math.min(Math.max(covered + (rng.chance(0.2) ? -1 : rng.chance(0.1) ? 1 : 0), 1), size);
      const next = this.newEnrollment({
        program: c.program,
        household: c.household,
        person: null,
        applicationId: 0,
        rule: 'gap',
        tier: '',
        covered: gradual ? covered : newCovered,
        start: month + 1,
        createdAt: workStamp(rng, decided),
        previous: old,
        pciRaw: gradual
          ? this.ctx.standardFen(c.program, c.household.area, '', month) + rng.int(20, 150) * 100
          : old.pciRaw + rng.int(-120, 150) * 100,
        shift: !gradual,
        fixedFrom: gradual ? { enrollment: old, month } : null,
      });
      c.enrollments.push(next);
      c.task = { outcome: 'adjust', month, reason: gradual ? GRADUAL_EXIT_REASON : rng.pick(ADJUST_REASONS), next };
    }
    const approve = (households: number, persons: number, months: number[]) => {
      for (const covered of partitionSizes(households, persons, 5, draw)) {
        const start = rng.pick(months);
        const c = newCase(covered, start);
        if (start > 0 && rng.chance(0.25)) {
          c.enrollments[0]!.backPay = [start - 1];
          c.enrollments[0]!.correctionNote = '自申请次月起补发低保金';
        }
      }
    };
    const campaignMonths = [...Array(ce - cs + 1).keys()].map((i) => cs + i);
    approve(q.newlyApproved.households, q.newlyApproved.persons, campaignMonths);
    approve(q.otherApprovals, Math.round(q.otherApprovals * 1.6), outside.length > 0 ? outside : [0]);
    const deathCase = (month: number, late: boolean) => {
      const c = newCase(1, this.preYearMonth(rng, 96), { elderlySingle: true });
      const e = c.enrollments[0]!;
      const date = this.die(c.household, c.members[0]!, month, rng);
      const stop = late ? Math.min(month + rng.int(1, 2), 11) : month;
      end(e, stop, 'deceased', stop > month ? addDays(date, 40) : date);
      if (stop > month) {
        e.recovery = [...Array(stop - month).keys()].map((i) => month + 1 + i);
        e.correctionNote = '数据比对发现死亡后仍领取，追回多发的低保金';
      }
    };
    for (let i = 0; i < q.deaths; i++) deathCase(rng.int(0, 11), rng.chance(0.4));
    for (let i = 0; i < q.movedAway; i++) {
      const c = newCase(COVERED_SIZES.pick(rng), this.preYearMonth(rng, 84));
      const month = rng.int(0, 11);
      const date = this.cal.randomDateIn(rng, month);
      this.pop.recordMoveAway(c.household, date);
      end(c.enrollments[0]!, month, 'moved_away', date);
    }
    for (let i = 0; i < q.incomeAboveStandard; i++) {
      const c = newCase(COVERED_SIZES.pick(rng), this.preYearMonth(rng, 84));
      const month = rng.pick(outside.length > 0 ? outside : [11]);
      end(c.enrollments[0]!, month, 'income_above_standard', this.cal.randomDateIn(rng, month));
    }
    // Stable households fill the person-months (人次) to the quota; the last month or so goes to one more death.
    let remaining = q.personMonths - this.dibaoPersonMonths();
    let continued = q.continued;
    while (remaining >= 12) {
      const covered = Math.min(COVERED_SIZES.pick(rng), Math.floor(remaining / 12));
      const c = newCase(covered, this.preYearMonth(rng, 96), { stable: true });
      remaining -= 12 * covered;
      if (continued > 0) {
        continued--;
        c.task = { outcome: 'continue', month: rng.int(cs + 1, ce), reason: '家庭情况无变化，继续保障', next: null };
      }
    }
    if (remaining > 0) deathCase(remaining - 1, false);

    this.dibaoRejectedAndPending(rng);
    if (q.amountFen !== null) this.calibrateDibao(q.amountFen);
    for (const e of this.monthly) {
      e.pci = this.pciOf(e);
      if (e.fixedFrom) e.fixed = this.amount(e.fixedFrom.enrollment, e.fixedFrom.month);
    }
    for (const c of this.dibaoCases) this.writeDibaoCase(rng, c);
    this.writeReviewTasks(rng, cs);
  }

  private dibaoPersonMonths(): number {
    let total = 0;
    for (const e of this.monthly) if (e.program.startsWith('dibao')) total += e.covered * this.activeMonths(e).length;
    return total;
  }

  /** The year's 低保 amount as the ledger will hold it: regular payments, back pay, recoveries. */
  private dibaoAmount(): number {
    let total = 0;
    for (const e of this.monthly) {
      if (!e.program.startsWith('dibao')) continue;
      for (const m of this.activeMonths(e)) total += this.amount(e, m);
      for (const m of e.backPay) total += this.amount(e, m);
      for (const m of e.recovery) total -= this.amount(e, m);
    }
    return total;
  }

  /** Shifts every household's per-capita income by one amount so the year's total meets the target. */
  private calibrateDibao(target: number): void {
    let lo = -60_000;
    let hi = 60_000;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      this.delta = mid;
      if (this.dibaoAmount() <= target) hi = mid;
      else lo = mid + 1;
    }
    this.delta = lo;
    const above = this.dibaoAmount();
    this.delta = lo - 1;
    const below = this.dibaoAmount();
    this.delta = Math.abs(below - target) < Math.abs(above - target) ? lo - 1 : lo;
  }

  private assessmentFor(rng: Rng, c: DibaoCase, onDate: string): Assessment {
    const e = c.enrollments[0]!;
    const size = c.singlePerson ? 1 : c.members.length;
    const counted = e.pci * size + c.rigid + rng.int(0, size - 1);
    const incomeMembers = c.singlePerson ? c.members.slice(0, 1) : c.members;
    const standard = this.ctx.standardFen(c.program, c.household.area, '', this.cal.indexOf(onDate));
    return {
      householdSize: size,
      coveredMembers: c.covered,
      singlePerson: c.singlePerson,
      rigidExpensesFen: c.rigid,
      financialAssetsFen: c.assets,
      countedIncomeFen: counted,
      perCapitaIncomeFen: e.pci,
      assessedAmountFen: Math.max(standard - e.pci, 0) * c.covered,
      tier: '',
      incomes: incomeItems(rng, incomeMembers, counted, onDate),
    };
  }

  private writeDibaoCase(rng: Rng, c: DibaoCase): void {
    const inYear = c.approvalDate >= `${this.cal.year}-01-01`;
    // the assessment is made with the standard of the verification month, about a month before approval
    const written = writeApplication(this.ctx, this.rows, rng, {
      household: c.household,
      program: c.program,
      person: null,
      channel: c.channel,
      status: 'approved',
      lastDate: c.approvalDate,
      reason: rng.pick(DIBAO_REASONS),
      assessment: this.assessmentFor(rng, c, addDays(c.approvalDate, -20)),
      investigationNotes: '入户调查：家庭成员、收入、住房情况属实',
      objection: c.objectionDismissed
        ? { content: '群众反映该户有子女在外务工', upheld: false, resolution: '经核实，子女已分户且收入不足以赡养，异议不成立' }
        : undefined,
      fast: false,
      audited: inYear,
    });
    for (const e of c.enrollments) e.applicationId = written.id;
  }

  private dibaoRejectedAndPending(rng: Rng): void {
    const q = this.quota.dibao;
    const applicant = (kind: 'any' | 'working') => {
      const date = this.cal.randomDateIn(rng, rng.int(0, 11));
      const { household, members } = this.household(rng, addDays(date, -rng.int(30, 60)), COVERED_SIZES.pick(rng), kind);
      this.ordinary.push(household);
      return { household, members, date, program: household.area === 'urban' ? 'dibao_urban' : 'dibao_rural' };
    };
    const assess = (members: PersonRec[], program: string, area: AreaType, date: string, pci: number, assets: number): Assessment => {
      const counted = pci * members.length;
      const standard = this.ctx.standardFen(program, area, '', this.cal.indexOf(date));
      return {
        householdSize: members.length,
        coveredMembers: members.length,
        singlePerson: false,
        rigidExpensesFen: 0,
        financialAssetsFen: assets,
        countedIncomeFen: counted,
        perCapitaIncomeFen: pci,
        assessedAmountFen: pci < standard && assets <= standard * 24 * members.length ? (standard - pci) * members.length : 0,
        tier: '',
        incomes: incomeItems(rng, members, counted, date),
      };
    };
    for (let i = 0; i < q.rejected + q.objectionsUpheld; i++) {
      const a = applicant('working');
      const standard = this.ctx.standardFen(a.program, a.household.area, '', this.cal.indexOf(a.date));
      const objection = i >= q.rejected;
      const property = !objection && rng.chance(0.35);
      const pci = objection || property ? rng.int(100, 500) * 100 : standard + rng.int(50, 800) * 100;
      const assets = property ? standard * 24 * a.members.length + rng.int(1, 20) * 100_000 : rng.int(0, 20) * 100_000;
      writeApplication(this.ctx, this.rows, rng, {
        household: a.household,
        program: a.program,
        person: null,
        channel: CHANNELS.pick(rng),
        status: 'rejected',
        rejectedAfter: objection ? 'publicized' : property ? 'investigated' : 'verified',
        lastDate: a.date,
        reason: rng.pick(DIBAO_REASONS),
        decisionReason: objection
          ? '公示期间群众反映并经核实，该户有经营性收入，不符合低保条件'
          : property
            ? '家庭金融资产超过规定标准'
            : '家庭人均收入高于当地低保标准',
        assessment: assess(a.members, a.program, a.household.area, a.date, pci, assets),
        investigationNotes: objection ? '入户调查：家庭情况基本属实' : '入户调查：家庭有经营收入',
        objection: objection ? { content: '群众反映该户经营农资店，收入较高', upheld: true, resolution: '经核实异议属实' } : undefined,
        fast: false,
        audited: true,
      });
    }
    const pendingSteps = ['applied', 'accepted', 'verified', 'investigated', 'publicized'] as const;
    for (let i = 0; i < q.inProgress; i++) {
      const a = applicant('any');
      const status = pendingSteps[i % pendingSteps.length]!;
      writeApplication(this.ctx, this.rows, rng, {
        household: a.household,
        program: a.program,
        person: null,
        channel: CHANNELS.pick(rng),
        status,
        lastDate: this.cal.randomDateIn(rng, 11, 10, 28),
        reason: rng.pick(DIBAO_REASONS),
        assessment: assess(
          a.members,
          a.program,
          a.household.area,
          this.cal.dateIn(11, 1),
          rng.int(50, 400) * 100,
          rng.int(0, 10) * 100_000,
        ),
        investigationNotes: '入户调查：家庭成员、收入、住房情况属实',
        objection:
          status === 'publicized' && rng.chance(0.3) ? { content: '群众反映该户有赡养人', upheld: null, resolution: '' } : undefined,
        fast: false,
        audited: true,
      });
    }
  }

  /** One task per 低保 enrollment active when the campaign opened; decided ones carry the visit and the outcome. */
  private writeReviewTasks(rng: Rng, campaignStart: number): void {
    const byEnrollment = new Map<MonthlyEnrollment, DibaoCase>();
    for (const c of this.dibaoCases) byEnrollment.set(c.enrollments[0]!, c);
    for (const [e, c] of byEnrollment) {
      if (e.start > campaignStart || (e.end !== null && e.end < campaignStart)) continue;
      const id = this.ctx.ids.next('review_task');
      const village = c.household.village;
      const task = c.task;
      if (!task) {
        const scheduled = rng.chance(0.3) ? stamp(this.cal.randomDateIn(rng, 10), rng.int(8, 17), 0) : null;
        this.rows.add('review_task', [
          id,
          this.ctx.campaignId,
          e.id,
          c.household.id,
          village.code,
          scheduled,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
        ]);
        continue;
      }
      const decided = this.cal.randomDateIn(rng, task.month, 12, 28);
      const visited = addDays(decided, -rng.int(3, 10));
      const appointment = stamp(addDays(visited, -rng.int(2, 5)), rng.int(8, 17), 0);
      const incomeAfter = task.next ? task.next.pci : e.pci;
      const members = this.pop.currentMembers(c.household).length || 1;
      const form = {
        members,
        health: rng.pick(HEALTH),
        monthlyIncomeFen: incomeAfter * members,
        housing: rng.pick(HOUSING),
        employment: task.outcome === 'continue' ? rng.pick(EMPLOYMENT.slice(0, 2)) : rng.pick(EMPLOYMENT),
      };
      const grid = this.ctx.actor('grid_worker', village.code);
      this.rows.add('review_task', [
        id,
        this.ctx.campaignId,
        e.id,
        c.household.id,
        village.code,
        appointment,
        visited,
        JSON.stringify(form),
        '邻居反映情况与申报一致',
        '村（居）委会核实无异议',
        task.outcome,
        task.reason,
        task.next?.id ?? null,
        decided,
        this.ctx.admin,
      ]);
      this.ctx.audit(this.rows, {
        at: workStamp(rng, visited),
        actor: grid,
        role: 'grid_worker',
        actorRegion: village.code,
        action: 'recordReviewVisit',
        entity: 'review_task',
        entityId: id,
        region: village.code,
        after: { visitedOn: visited },
      });
      this.ctx.audit(this.rows, {
        at: workStamp(rng, decided),
        actor: this.ctx.admin,
        role: 'county_admin',
        actorRegion: this.ctx.countyCode,
        action: 'decideReview',
        entity: 'review_task',
        entityId: id,
        region: village.code,
        before: { outcome: null },
        after: { outcome: task.outcome, newEnrollmentId: task.next?.id ?? null },
      });
    }
  }

  // ——— 特困, disability, children, seniors ———

  /** An approved application of a person program, and its enrollment. */
  private personEnrollment(
    rng: Rng,
    program: string,
    household: HouseholdRec,
    person: PersonRec,
    start: number,
    options: { tier?: string; channel?: Channel; reason: string; fast?: boolean } = { reason: '' },
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
  private endByDeath(
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

  private tekun(): void {
    const q = this.quota.tekun;
    const rng = this.rng.fork('tekun');
    const share = this.ctx.preset.tekun.centralizedShare;
    for (let i = 0; i < q.persons; i++) {
      const entry = i < q.entries;
      const dies = !entry && i < q.entries + q.deaths;
      const centralized = rng.chance(share);
      const start = entry ? rng.int(1, 11) : this.preYearMonth(rng, 120);
      const registeredOn = addDays(this.cal.dateIn(start, 1), -rng.int(20, 60));
      const elderly = rng.chance(0.8);
      const { household, members } = this.household(
        rng,
        registeredOn,
        1,
        elderly ? 'elderly' : 'working',
        centralized ? `${ADDRESS_PREFIX}{town}敬老院（集中供养）` : undefined,
      );
      const person = members[0]!;
      if (!elderly) this.pop.setDisability(rng, person, rng.int(1, 2));
      const e = this.personEnrollment(rng, centralized ? 'tekun_centralized' : 'tekun_dispersed', household, person, start, {
        reason: elderly ? '老年人无劳动能力、无生活来源、无法定赡养义务人' : '重度残疾，无劳动能力、无生活来源',
      });
      if (dies) this.endByDeath(rng, household, person, [e], rng.int(0, 10), 0.3);
      else if (!centralized && !entry) this.tekunCareCandidates.push({ household, person });
    }
  }

  /**
   * Disability subsidies: persons paid all year, and a few who join or leave (new certificate,
   * death, moving away) so that the paid months meet the calibrated total.
   */
  private disability(): void {
    const rng = this.rng.fork('disability');
    const q = this.quota;
    const pickLevel = (severe: boolean) => (severe ? rng.int(1, 2) : LEVELS.pick(rng));
    // Partial-year persons, each missing some months, adding up to the deficit.
    const partials = (persons: number, personMonths: number | null): number[] => {
      let deficit = personMonths === null ? Math.round(persons * 0.3) : 12 * persons - personMonths;
      const list: number[] = [];
      while (deficit > 0 && list.length < persons) {
        const missing = Math.min(deficit, rng.int(1, 11));
        list.push(missing);
        deficit -= missing;
      }
      return list;
    };
    const ownHousehold = (severe: boolean) => {
      const registeredOn = addDays(`${this.cal.year}-01-01`, -rng.int(400, 3000));
      const { household, members } = this.household(rng, registeredOn, rng.int(1, 4), 'any');
      this.ordinary.push(household);
      const person = rng.pick(members.filter((m) => ageOf(m, registeredOn) >= 3));
      this.pop.setDisability(rng, person, pickLevel(severe));
      return { household, person };
    };
    const partialEnrollment = (program: string, missing: number, severe: boolean, reason: string) => {
      const kind = rng.float();
      if (kind < 0.45) {
        const { household, person } = ownHousehold(severe);
        this.personEnrollment(rng, program, household, person, missing, { reason });
      } else {
        const { household, person } = ownHousehold(severe);
        const e = this.personEnrollment(rng, program, household, person, this.preYearMonth(rng, 60), { reason });
        const last = 11 - missing;
        if (kind < 0.9) this.endByDeath(rng, household, person, [e], last, 0.25);
        else {
          const date = this.cal.randomDateIn(rng, last);
          this.pop.recordMoveAway(household, date);
          e.end = last;
          e.exit = 'moved_away';
          e.endedAt = workStamp(rng, date);
        }
      }
    };
    const livingReason = '困难残疾人，家庭经济困难';
    const careReason = '一级、二级重度残疾人，需长期照护';

    // 生活补贴 in 低保 households (stable ones, paid all year)
    const candidates = rng.shuffle(
      this.dibaoCases
        .filter((c) => c.stable)
        .flatMap((c) => c.members.slice(0, c.covered).map((person) => ({ household: c.household, person })))
        .filter((x) => ageOf(x.person, `${this.cal.year}-01-01`) >= 16),
    );
    const inDibao = candidates.slice(0, Math.min(q.livingInDibao, q.living.persons));
    const bothInDibao = Math.min(q.both, Math.round(inDibao.length * 0.4));
    inDibao.forEach(({ household, person }, i) => {
      this.taken.add(person);
      if (!person.disabilityLevel) this.pop.setDisability(rng, person, pickLevel(i < bothInDibao));
      else if (i < bothInDibao) person.disabilityLevel = Math.min(person.disabilityLevel, 2);
      this.personEnrollment(rng, 'disability_living', household, person, this.preYearMonth(rng, 60), { reason: livingReason });
      if (i < bothInDibao)
        this.personEnrollment(rng, 'disability_care', household, person, this.preYearMonth(rng, 60), { reason: careReason });
    });
    const livingPartials = partials(
      q.living.persons - inDibao.length,
      q.living.personMonths === null ? null : q.living.personMonths - 12 * inDibao.length,
    );
    const livingFull = q.living.persons - inDibao.length - livingPartials.length;
    const bothOwn = Math.min(q.both - bothInDibao, livingFull);
    for (let i = 0; i < livingFull; i++) {
      const severe = i < bothOwn;
      const { household, person } = ownHousehold(severe);
      this.personEnrollment(rng, 'disability_living', household, person, this.preYearMonth(rng, 60), { reason: livingReason });
      if (severe) this.personEnrollment(rng, 'disability_care', household, person, this.preYearMonth(rng, 60), { reason: careReason });
    }
    for (const missing of livingPartials) partialEnrollment('disability_living', missing, false, livingReason);

    // 护理补贴: the severely disabled above, dispersed 特困 persons, and others
    const both = bothInDibao + bothOwn;
    const inTekun = this.tekunCareCandidates.slice(0, Math.max(0, Math.min(q.careInTekun, q.care.persons - both)));
    for (const { household, person } of inTekun) {
      if (!person.disabilityLevel || person.disabilityLevel > 2) this.pop.setDisability(rng, person, rng.int(1, 2));
      this.personEnrollment(rng, 'disability_care', household, person, this.preYearMonth(rng, 60), { reason: careReason });
    }
    const careRest = q.care.persons - both - inTekun.length;
    const carePartials = partials(careRest, q.care.personMonths === null ? null : q.care.personMonths - 12 * (both + inTekun.length));
    for (let i = 0; i < careRest - carePartials.length; i++) {
      const { household, person } = ownHousehold(true);
      this.personEnrollment(rng, 'disability_care', household, person, this.preYearMonth(rng, 60), { reason: careReason });
    }
    for (const missing of carePartials) partialEnrollment('disability_care', missing, true, careReason);
  }

  private childrenAllowances(): void {
    const rng = this.rng.fork('children');
    for (const { program, persons } of this.quota.children) {
      for (let i = 0; i < persons; i++) {
        const registeredOn = addDays(`${this.cal.year}-01-01`, -rng.int(200, 2500));
        const village = this.ctx.pickVillage(rng);
        const household = this.pop.newHousehold(rng, village, registeredOn);
        this.households.push(household);
        this.ordinary.push(household);
        const grandAge = rng.int(58, 78);
        const members = this.pop.populate(rng, household, [
          { relation: 'head', sex: 'male', age: grandAge },
          ...(rng.chance(0.6) ? [{ relation: 'spouse' as const, sex: 'female' as const, age: grandAge - rng.int(0, 5) }] : []),
          { relation: 'grandchild', sex: rng.chance(0.5) ? 'male' : 'female', age: rng.int(1, 15), headSurname: true },
        ]);
        const child = members[members.length - 1]!;
        const start = rng.chance(0.05) ? rng.int(1, 11) : this.preYearMonth(rng, 48);
        this.personEnrollment(rng, program, household, child, start, {
          reason: program === 'orphan_allowance' ? '父母双亡，由祖父母抚养' : '父母重残或服刑，事实无人抚养',
          channel: 'grid_worker',
        });
      }
    }
  }

  /** 尊老金 by age tier: 80, 90, 100; a tier birthday during the year moves the person to the next tier. */
  private senior(): void {
    const rng = this.rng.fork('senior');
    const jan1 = `${this.cal.year}-01-01`;
    for (let i = 0; i < this.quota.senior; i++) {
      const r = rng.float();
      const age = r < 0.08 ? 79 : r < 0.9 ? rng.int(80, 89) : r < 0.99 ? rng.int(90, 99) : rng.int(100, 104);
      const registeredOn = addDays(jan1, -rng.int(300, 4000));
      const { household, members } = this.household(rng, registeredOn, rng.int(1, 3), 'elderly');
      this.ordinary.push(household);
      const person = members[0]!;
      // make the head the right age
      const birth = this.pop.birthDateFor(rng, age, person.sex);
      person.birthDate = birth;
      person.idNumber = this.ctx.idNumbers.allocate(birth, person.sex);
      const tierOf = (years: number) => (years >= 100 ? '100' : years >= 90 ? '90' : '80');
      const birthday = (years: number) => `${Number(birth.slice(0, 4)) + years}${birth.slice(4)}`;
      const monthAfter = (years: number) => this.cal.indexOf(birthday(years).replace(/-02-29$/, '-02-28')) + 1;
      let tier = tierOf(Math.max(age, 80));
      let start = age === 79 ? monthAfter(80) : monthAfter(Number(tier));
      if (start > 11) continue;
      let e = this.personEnrollment(rng, 'senior_allowance', household, person, start, {
        tier,
        channel: 'app',
        reason: '身份证号码核验年龄，秒批秒办',
        fast: true,
      });
      const next = age === 89 ? 90 : age === 99 ? 100 : null;
      if (next !== null) {
        const change = monthAfter(next) - 1;
        if (change >= 0 && change <= 10) {
          e.end = change;
          e.exit = 'adjusted';
          const changedAt = stamp(this.cal.dateIn(change, 28), 10, 0);
          e.endedAt = changedAt;
          tier = String(next);
          const previous = e;
          start = change + 1;
          e = this.newEnrollment({
            program: 'senior_allowance',
            household,
            person,
            applicationId: previous.applicationId,
            rule: 'tiered',
            tier,
            covered: 1,
            start,
            createdAt: changedAt,
            previous,
          });
        }
      }
      if (rng.chance(0.07) && e.start < 11) this.endByDeath(rng, household, person, [e], rng.int(Math.max(e.start, 0), 11), 0.2);
    }
  }

  // ——— per-case programs ———

  private cases(): void {
    const rng = this.rng.fork('cases');
    for (const { spec, cases, amountFen, rejected } of this.quota.cases) {
      const amounts = this.splitAmount(rng, cases, amountFen, spec.rangeYuan);
      const unit = ['temporary_relief', 'emergency_aid', 'dibao_edge', 'expenditure_hardship', 'charity_aid'].includes(spec.program)
        ? 'household'
        : 'person';
      const fast = ['temporary_relief', 'emergency_aid', 'funeral_waiver', 'eco_burial'].includes(spec.program);
      const stable = this.dibaoCases.filter((c) => c.stable);
      for (const amount of amounts) {
        let month = rng.int(0, 11);
        let household: HouseholdRec;
        let person: PersonRec | null = null;
        if (spec.program === 'funeral_waiver' || spec.program === 'eco_burial') {
          const dead = this.deceased.pop();
          if (dead) {
            household = dead.household;
            person = dead.person;
            month = dead.month;
          } else {
            const made = this.household(rng, addDays(`${this.cal.year}-01-01`, -rng.int(400, 4000)), 1, 'elderly');
            household = made.household;
            person = made.members[0]!;
            this.die(household, person, month, rng);
            this.deceased.pop();
          }
        } else if (stable.length > 0 && rng.chance(spec.assistedShare)) {
          const c = rng.pick(stable);
          household = c.household;
          person = unit === 'person' ? c.members[0]! : null;
        } else {
          const minors = spec.program === 'children_in_distress' || spec.program === 'student_aid';
          const made = this.household(
            rng,
            addDays(`${this.cal.year}-01-01`, -rng.int(100, 3000)),
            rng.int(minors ? 3 : 1, 5),
            minors ? 'working' : 'any',
          );
          household = made.household;
          this.ordinary.push(household);
          if (unit === 'person') {
            const children = made.members.filter((m) => ageOf(m, `${this.cal.year}-12-31`) < 18 && ageOf(m, `${this.cal.year}-01-01`) >= 1);
            person = minors && children.length > 0 ? rng.pick(children) : made.members[0]!;
          }
        }
        const decided = this.cal.randomDateIn(
          rng,
          month,
          person?.deceasedOn ? Math.min(Number(person.deceasedOn.slice(8)) + 1, 28) : 1,
          28,
        );
        const members = this.pop.currentMembers(household);
        const covered = unit === 'household' ? Math.max(members.length, 1) : 1;
        const written = writeApplication(this.ctx, this.rows, rng, {
          household,
          program: spec.program,
          person,
          channel: CHANNELS.pick(rng),
          status: 'approved',
          lastDate: decided,
          reason: rng.pick(spec.reasons),
          assessment: {
            householdSize: Math.max(members.length, 1),
            coveredMembers: covered,
            singlePerson: false,
            rigidExpensesFen: 0,
            financialAssetsFen: rng.int(0, 10) * 100_000,
            countedIncomeFen: null,
            perCapitaIncomeFen: null,
            assessedAmountFen: amount,
            tier: null,
            incomes: [],
          },
          investigationNotes: '入户调查：情况属实',
          fast,
          audited: true,
        });
        const paymentId = this.ctx.ids.next('payment');
        const at = workStamp(rng, decided);
        this.rows.add('payment', [
          paymentId,
          null,
          null,
          household.id,
          person?.id ?? null,
          spec.program,
          this.ctx.countyCode,
          household.village.code,
          this.cal.monthStart(month),
          'one_off',
          amount,
          covered,
          null,
          rng.pick(spec.reasons),
          this.ctx.admin,
          at,
          written.id,
        ]);
        this.ctx.counts.payments++;
        this.ctx.audit(this.rows, {
          at,
          actor: this.ctx.admin,
          role: 'county_admin',
          actorRegion: this.ctx.countyCode,
          action: 'recordOneOffPayment',
          entity: 'payment',
          entityId: paymentId,
          region: household.village.code,
          after: { programCode: spec.program, amountFen: amount, applicationId: written.id },
        });
      }
      for (let i = 0; i < rejected; i++) {
        const made = this.household(rng, addDays(`${this.cal.year}-01-01`, -rng.int(100, 3000)), rng.int(1, 5), 'working');
        this.ordinary.push(made.household);
        writeApplication(this.ctx, this.rows, rng, {
          household: made.household,
          program: spec.program,
          person: unit === 'person' ? made.members[0]! : null,
          channel: CHANNELS.pick(rng),
          status: 'rejected',
          rejectedAfter: 'verified',
          lastDate: this.cal.randomDateIn(rng, rng.int(0, 11)),
          reason: rng.pick(spec.reasons),
          decisionReason: '家庭经济状况不符合救助条件',
          assessment: {
            householdSize: made.members.length,
            coveredMembers: unit === 'household' ? made.members.length : 1,
            singlePerson: false,
            rigidExpensesFen: 0,
            financialAssetsFen: rng.int(20, 80) * 100_000,
            countedIncomeFen: null,
            perCapitaIncomeFen: null,
            assessedAmountFen: null,
            tier: null,
            incomes: [],
          },
          investigationNotes: '',
          fast,
          audited: true,
        });
      }
    }
  }

  /** `count` amounts in whole 10-yuan steps drawn in the range, scaled to add up exactly to `total`. */
  private splitAmount(rng: Rng, count: number, total: number, [min, max]: [number, number]): number[] {
    if (count === 0) return [];
    const raw = Array.from({ length: count }, () => rng.int(min, max));
    const sum = raw.reduce((a, b) => a + b, 0);
    const amounts = raw.map((r) => Math.max(1000, Math.round((r * total) / sum / 1000) * 1000));
    let diff = total - amounts.reduce((a, b) => a + b, 0);
    for (let guard = 0; Math.abs(diff) >= 1000 && guard < 10 * count + 1000; guard++) {
      const i = rng.int(0, count - 1);
      const step = diff > 0 ? 1000 : -1000;
      if (amounts[i]! + step < 1000) continue;
      amounts[i]! += step;
      diff -= step;
    }
    amounts[0]! += diff;
    return amounts;
  }

  /** Grown children moving out to households of their own (分户) during the year. */
  private splits(): void {
    const rng = this.rng.fork('splits');
    for (const household of this.ordinary) {
      if (!rng.chance(0.06)) continue;
      const child = household.members.find(
        (m) =>
          m.end === null &&
          m.relation === 'child' &&
          !m.person.disabilityLevel &&
          !this.taken.has(m.person) &&
          ageOf(m.person, `${this.cal.year}-01-01`) >= 20,
      );
      if (!child) continue;
      const earliest = child.start > `${this.cal.year}-01-01` ? this.cal.indexOf(child.start) + 1 : 0;
      if (earliest > 11) continue;
      const moved = this.pop.recordSplit(
        rng,
        household,
        child.person,
        this.cal.randomDateIn(rng, rng.int(earliest, 11)),
        this.ctx.pickVillage(rng),
      );
      this.households.push(moved);
    }
  }

  // ——— writing ———

  private writeEnrollments(): void {
    for (const e of this.monthly) {
      const village = e.household.village;
      const ended = e.end !== null;
      this.rows.add('enrollment', [
        e.id,
        e.program,
        e.household.id,
        e.person?.id ?? null,
        e.applicationId,
        this.ctx.countyCode,
        village.code,
        e.area,
        e.rule,
        e.tier,
        e.covered,
        e.pci,
        e.fixed,
        this.cal.monthStart(e.start),
        ended ? this.cal.monthStart(e.end!) : null,
        ended ? 'ended' : 'active',
        e.exit,
        e.previous?.id ?? null,
        e.createdAt,
        e.endedAt ?? e.createdAt,
      ]);
      const base = {
        role: 'county_admin' as const,
        actor: this.ctx.admin,
        actorRegion: this.ctx.countyCode,
        entity: 'enrollment',
        entityId: e.id,
        region: village.code,
      };
      if (e.createdAt >= `${this.cal.year}-01-01`) {
        this.ctx.audit(this.rows, {
          ...base,
          at: e.createdAt,
          action: 'createEnrollment',
          after: { programCode: e.program, startMonth: this.cal.month(e.start), coveredMembers: e.covered },
        });
      }
      if (e.endedAt) {
        this.ctx.audit(this.rows, {
          ...base,
          at: e.endedAt,
          action: 'endEnrollment',
          before: { status: 'active' },
          after: { status: 'ended', endMonth: this.cal.month(e.end!), exitReason: e.exit },
        });
      }
      const corrections: ['back_pay' | 'recovery', number][] = [
        ...e.backPay.map((m) => ['back_pay', m] as ['back_pay', number]),
        ...e.recovery.map((m) => ['recovery', m] as ['recovery', number]),
      ];
      for (const [kind, month] of corrections) {
        const amount = this.amount(e, month);
        const at = kind === 'back_pay' ? e.createdAt : (e.endedAt ?? e.createdAt);
        const id = this.ctx.ids.next('payment');
        this.rows.add('payment', [
          id,
          null,
          e.id,
          e.household.id,
          e.person?.id ?? null,
          e.program,
          this.ctx.countyCode,
          village.code,
          this.cal.monthStart(month),
          kind,
          kind === 'recovery' ? -amount : amount,
          e.covered,
          null,
          e.correctionNote,
          this.ctx.admin,
          at,
          null,
        ]);
        this.ctx.counts.payments++;
        this.ctx.audit(this.rows, {
          ...base,
          at,
          action: kind === 'recovery' ? 'recordRecovery' : 'recordBackPay',
          entity: 'payment',
          entityId: id,
          after: { month: this.cal.month(month), amountFen: kind === 'recovery' ? -amount : amount },
        });
      }
    }
  }

  /** A month of the monthly payroll: every active enrollment at the standard in force. */
  private writePayments(m: number): void {
    const month = this.cal.monthStart(m);
    const generated = this.ctx.batchStamps(m).generated;
    for (const e of this.monthly) {
      if (e.start > m || (e.end !== null && e.end < m)) continue;
      const amount = this.amount(e, m);
      if (amount <= 0) continue;
      const batch = this.ctx.batch(e.program, m);
      batch.count++;
      batch.total += BigInt(amount);
      this.rows.add('payment', [
        this.ctx.ids.next('payment'),
        batch.id,
        e.id,
        e.household.id,
        e.person?.id ?? null,
        e.program,
        this.ctx.countyCode,
        e.household.village.code,
        month,
        'regular',
        amount,
        e.covered,
        this.standard(e, m),
        '',
        this.ctx.admin,
        generated,
        null,
      ]);
      this.ctx.counts.payments++;
    }
  }

  private writeRegistry(): void {
    const written = new Set<PersonRec>();
    for (const h of this.households) {
      this.rows.add('household', [
        h.id,
        h.publicId,
        this.ctx.countyCode,
        h.village.code,
        h.area,
        h.address,
        null,
        stamp(h.registeredOn, 9, 0),
        stamp(h.updatedOn, 9, 0),
      ]);
      this.ctx.counts.households++;
      for (const m of h.members) {
        const p = m.person;
        if (!written.has(p)) {
          written.add(p);
          this.rows.add('person', [
            p.id,
            p.idNumber,
            p.name,
            p.sex,
            p.birthDate,
            null,
            p.disabilityCategory,
            p.disabilityLevel,
            p.deceasedOn,
            stamp(p.createdOn, 9, 0),
            stamp(p.updatedOn, 9, 0),
          ]);
          this.ctx.counts.persons++;
        }
      }
    }
    // memberships: written after every person (a person who moved out belongs to two households)
    for (const h of this.households) {
      for (const m of h.members) this.rows.add('household_member', [m.id, h.id, m.person.id, m.relation, m.start, m.end]);
    }
  }
}
