import type { ExitReason } from '@xingfu/domain/rules';
import type { Rng } from '../random/prng.js';
import { partitionSizes } from './apportion.js';
import { addDays, stamp, workStamp } from './calendar.js';
import { incomeItems, writeApplication, type Assessment } from './casework.js';
import { type AreaType, type PersonRec } from './population.js';
import { type BlockState, CHANNELS, COVERED_SIZES, type DibaoCase, type MonthlyEnrollment } from './block-state.js';

/** 低保: cases of every kind to the quotas, the calibration of the year's amount, applications and review tasks. */
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

export function generateDibao(s: BlockState): void {
  const q = s.quota.dibao;
  const spec = s.ctx.preset.dibao;
  const rng = s.rng.fork('dibao');
  const cs = s.cal.indexOf(spec.campaign.periodStart);
  const ce = s.cal.indexOf(spec.campaign.periodEnd);
  const outside = [...Array(12).keys()].filter((m) => m < cs || m > ce);
  const pciRange = spec.perCapitaIncomeYuan.map((y) => y * 100) as [number, number, number];

  const newCase = (covered: number, start: number, options: { elderlySingle?: boolean; stable?: boolean } = {}): DibaoCase => {
    const singlePerson = !options.elderlySingle && covered === 1 && rng.chance(0.12);
    const size = singlePerson ? rng.int(2, 3) : covered;
    const approvalDate = s.cal.randomDateIn(rng, start);
    const registeredOn = addDays(approvalDate, -rng.int(30, 90));
    const { household, members } = s.household(rng, registeredOn, size, options.elderlySingle ? 'elderly' : 'any');
    if (singlePerson) {
      // 单人保: a severely disabled member covered alone
      const disabled = members.find((m) => m !== members[0]) ?? members[0]!;
      s.pop.setDisability(rng, disabled, rng.int(1, 2));
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
    const enrollment = s.newEnrollment({
      program,
      household,
      person: null,
      applicationId: 0,
      rule: 'gap',
      tier: '',
      covered,
      start,
      createdAt: workStamp(rng, approvalDate),
      pciRaw: Math.round(s.triangular(rng, pciRange)),
      shift: true,
    });
    c.enrollments.push(enrollment);
    s.dibaoCases.push(c);
    return c;
  };
  const end = (e: MonthlyEnrollment, month: number, exit: ExitReason, date: string) => {
    e.end = month;
    e.exit = exit;
    e.endedAt = workStamp(rng, date);
  };
  const draw = () => rng.float();

  for (const covered of partitionSizes(q.cancelled.households, q.cancelled.persons, 5, draw)) {
    const c = newCase(covered, s.preYearMonth(rng, 84));
    const month = rng.int(cs + 1, ce);
    const reason = rng.pick(CANCEL_REASONS);
    const e = c.enrollments[0]!;
    end(e, month, 'cancelled_on_review', s.cal.randomDateIn(rng, month));
    c.task = { outcome: 'cancel', month, reason, next: null };
    if (reason.includes('隐瞒')) {
      e.recovery = [month - 1, month].filter((m) => m >= 0);
      e.correctionNote = '复核发现隐瞒家庭收入，追回多发的低保金';
    }
  }
  for (const covered of partitionSizes(q.adjusted.households, q.adjusted.persons, 5, draw)) {
    const c = newCase(covered, s.preYearMonth(rng, 84));
    const month = rng.int(cs + 1, Math.min(ce, 10));
    const old = c.enrollments[0]!;
    const decided = s.cal.randomDateIn(rng, month);
    end(old, month, 'adjusted', decided);
    const gradual = rng.chance(0.06);
    const size = c.singlePerson ? 1 : c.members.length;
    const newCovered = Math.min(Math.max(covered + (rng.chance(0.2) ? -1 : rng.chance(0.1) ? 1 : 0), 1), size);
    const next = s.newEnrollment({
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
        ? s.ctx.standardFen(c.program, c.household.area, '', month) + rng.int(20, 150) * 100
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
    const c = newCase(1, s.preYearMonth(rng, 96), { elderlySingle: true });
    const e = c.enrollments[0]!;
    const date = s.die(c.household, c.members[0]!, month, rng);
    const stop = late ? Math.min(month + rng.int(1, 2), 11) : month;
    end(e, stop, 'deceased', stop > month ? addDays(date, 40) : date);
    if (stop > month) {
      e.recovery = [...Array(stop - month).keys()].map((i) => month + 1 + i);
      e.correctionNote = '数据比对发现死亡后仍领取，追回多发的低保金';
    }
  };
  for (let i = 0; i < q.deaths; i++) deathCase(rng.int(0, 11), rng.chance(0.4));
  for (let i = 0; i < q.movedAway; i++) {
    const c = newCase(COVERED_SIZES.pick(rng), s.preYearMonth(rng, 84));
    const month = rng.int(0, 11);
    const date = s.cal.randomDateIn(rng, month);
    s.pop.recordMoveAway(c.household, date);
    end(c.enrollments[0]!, month, 'moved_away', date);
  }
  for (let i = 0; i < q.incomeAboveStandard; i++) {
    const c = newCase(COVERED_SIZES.pick(rng), s.preYearMonth(rng, 84));
    const month = rng.pick(outside.length > 0 ? outside : [11]);
    end(c.enrollments[0]!, month, 'income_above_standard', s.cal.randomDateIn(rng, month));
  }
  // Stable households fill the person-months (人次) to the quota; the last month or so goes to one more death.
  let remaining = q.personMonths - dibaoPersonMonths(s);
  let continued = q.continued;
  while (remaining >= 12) {
    const covered = Math.min(COVERED_SIZES.pick(rng), Math.floor(remaining / 12));
    const c = newCase(covered, s.preYearMonth(rng, 96), { stable: true });
    remaining -= 12 * covered;
    if (continued > 0) {
      continued--;
      c.task = { outcome: 'continue', month: rng.int(cs + 1, ce), reason: '家庭情况无变化，继续保障', next: null };
    }
  }
  if (remaining > 0) deathCase(remaining - 1, false);

  dibaoRejectedAndPending(s, rng);
  if (q.amountFen !== null) calibrateDibao(s, q.amountFen);
  for (const e of s.monthly) {
    e.pci = s.pciOf(e);
    if (e.fixedFrom) e.fixed = s.amount(e.fixedFrom.enrollment, e.fixedFrom.month);
  }
  for (const c of s.dibaoCases) writeDibaoCase(s, rng, c);
  writeReviewTasks(s, rng, cs);
}

function dibaoPersonMonths(s: BlockState): number {
  let total = 0;
  for (const e of s.monthly) if (e.program.startsWith('dibao')) total += e.covered * s.activeMonths(e).length;
  return total;
}

/** The year's 低保 amount as the ledger will hold it: regular payments, back pay, recoveries. */
function dibaoAmount(s: BlockState): number {
  let total = 0;
  for (const e of s.monthly) {
    if (!e.program.startsWith('dibao')) continue;
    for (const m of s.activeMonths(e)) total += s.amount(e, m);
    for (const m of e.backPay) total += s.amount(e, m);
    for (const m of e.recovery) total -= s.amount(e, m);
  }
  return total;
}

/** Shifts every household's per-capita income by one amount so the year's total meets the target. */
function calibrateDibao(s: BlockState, target: number): void {
  let lo = -60_000;
  let hi = 60_000;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    s.delta = mid;
    if (dibaoAmount(s) <= target) hi = mid;
    else lo = mid + 1;
  }
  s.delta = lo;
  const above = dibaoAmount(s);
  s.delta = lo - 1;
  const below = dibaoAmount(s);
  s.delta = Math.abs(below - target) < Math.abs(above - target) ? lo - 1 : lo;
}

function assessmentFor(s: BlockState, rng: Rng, c: DibaoCase, onDate: string): Assessment {
  const e = c.enrollments[0]!;
  const size = c.singlePerson ? 1 : c.members.length;
  const counted = e.pci * size + c.rigid + rng.int(0, size - 1);
  const incomeMembers = c.singlePerson ? c.members.slice(0, 1) : c.members;
  const standard = s.ctx.standardFen(c.program, c.household.area, '', s.cal.indexOf(onDate));
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

function writeDibaoCase(s: BlockState, rng: Rng, c: DibaoCase): void {
  const inYear = c.approvalDate >= `${s.cal.year}-01-01`;
  // the assessment is made with the standard of the verification month, about a month before approval
  const written = writeApplication(s.ctx, s.rows, rng, {
    household: c.household,
    program: c.program,
    person: null,
    channel: c.channel,
    status: 'approved',
    lastDate: c.approvalDate,
    reason: rng.pick(DIBAO_REASONS),
    assessment: assessmentFor(s, rng, c, addDays(c.approvalDate, -20)),
    investigationNotes: '入户调查：家庭成员、收入、住房情况属实',
    objection: c.objectionDismissed
      ? { content: '群众反映该户有子女在外务工', upheld: false, resolution: '经核实，子女已分户且收入不足以赡养，异议不成立' }
      : undefined,
    fast: false,
    audited: inYear,
  });
  for (const e of c.enrollments) e.applicationId = written.id;
}

function dibaoRejectedAndPending(s: BlockState, rng: Rng): void {
  const q = s.quota.dibao;
  const applicant = (kind: 'any' | 'working') => {
    const date = s.cal.randomDateIn(rng, rng.int(0, 11));
    const { household, members } = s.household(rng, addDays(date, -rng.int(30, 60)), COVERED_SIZES.pick(rng), kind);
    s.ordinary.push(household);
    return { household, members, date, program: household.area === 'urban' ? 'dibao_urban' : 'dibao_rural' };
  };
  const assess = (members: PersonRec[], program: string, area: AreaType, date: string, pci: number, assets: number): Assessment => {
    const counted = pci * members.length;
    const standard = s.ctx.standardFen(program, area, '', s.cal.indexOf(date));
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
    const standard = s.ctx.standardFen(a.program, a.household.area, '', s.cal.indexOf(a.date));
    const objection = i >= q.rejected;
    const property = !objection && rng.chance(0.35);
    const pci = objection || property ? rng.int(100, 500) * 100 : standard + rng.int(50, 800) * 100;
    const assets = property ? standard * 24 * a.members.length + rng.int(1, 20) * 100_000 : rng.int(0, 20) * 100_000;
    writeApplication(s.ctx, s.rows, rng, {
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
    writeApplication(s.ctx, s.rows, rng, {
      household: a.household,
      program: a.program,
      person: null,
      channel: CHANNELS.pick(rng),
      status,
      lastDate: s.cal.randomDateIn(rng, 11, 10, 28),
      reason: rng.pick(DIBAO_REASONS),
      assessment: assess(a.members, a.program, a.household.area, s.cal.dateIn(11, 1), rng.int(50, 400) * 100, rng.int(0, 10) * 100_000),
      investigationNotes: '入户调查：家庭成员、收入、住房情况属实',
      objection: status === 'publicized' && rng.chance(0.3) ? { content: '群众反映该户有赡养人', upheld: null, resolution: '' } : undefined,
      fast: false,
      audited: true,
    });
  }
}

/** One task per 低保 enrollment active when the campaign opened; decided ones carry the visit and the outcome. */
function writeReviewTasks(s: BlockState, rng: Rng, campaignStart: number): void {
  const byEnrollment = new Map<MonthlyEnrollment, DibaoCase>();
  for (const c of s.dibaoCases) byEnrollment.set(c.enrollments[0]!, c);
  for (const [e, c] of byEnrollment) {
    if (e.start > campaignStart || (e.end !== null && e.end < campaignStart)) continue;
    const id = s.ctx.ids.next('review_task');
    const village = c.household.village;
    const task = c.task;
    if (!task) {
      const scheduled = rng.chance(0.3) ? stamp(s.cal.randomDateIn(rng, 10), rng.int(8, 17), 0) : null;
      s.rows.add('review_task', [
        id,
        s.ctx.campaignId,
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
    const decided = s.cal.randomDateIn(rng, task.month, 12, 28);
    const visited = addDays(decided, -rng.int(3, 10));
    const appointment = stamp(addDays(visited, -rng.int(2, 5)), rng.int(8, 17), 0);
    const incomeAfter = task.next ? task.next.pci : e.pci;
    const members = s.pop.currentMembers(c.household).length || 1;
    const form = {
      members,
      health: rng.pick(HEALTH),
      monthlyIncomeFen: incomeAfter * members,
      housing: rng.pick(HOUSING),
      employment: task.outcome === 'continue' ? rng.pick(EMPLOYMENT.slice(0, 2)) : rng.pick(EMPLOYMENT),
    };
    const grid = s.ctx.actor('grid_worker', village.code);
    s.rows.add('review_task', [
      id,
      s.ctx.campaignId,
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
      s.ctx.admin,
    ]);
    s.ctx.audit(s.rows, {
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
    s.ctx.audit(s.rows, {
      at: workStamp(rng, decided),
      actor: s.ctx.admin,
      role: 'county_admin',
      actorRegion: s.ctx.countyCode,
      action: 'decideReview',
      entity: 'review_task',
      entityId: id,
      region: village.code,
      before: { outcome: null },
      after: { outcome: task.outcome, newEnrollmentId: task.next?.id ?? null },
    });
  }
}
