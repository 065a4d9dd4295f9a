import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCan, notFound, visible, type Actor, type Permission } from '../access/actor.js';
import { addDays, today } from '../access/clock.js';
import { audit, auditedChange, auditedCreate, snapshot } from '../audit/audit.js';
import { calculateEligibility, type IncomeItem } from '../eligibility/eligibility.js';
import { lockRow } from '../database/transaction.js';
import { checkedPropertyFacts } from '../feeds/feed-check.service.js';
import { createEnrollment } from '../enrollment/enrollment.service.js';
import type { Enrollment } from '../enrollment/enrollment.entity.js';
import { DomainError } from '../errors/domain-error.js';
import { currentMembers, getHousehold, MAX_HOUSEHOLD_MEMBERS } from '../household/household.service.js';
import { Person } from '../household/person.entity.js';
import { recordOneOffPayment, recordOneOffRecovery } from '../payroll/payroll.service.js';
import { Payment } from '../payroll/payment.entity.js';
import { ageOn } from '../person/id-number.js';
import { assertPastDate } from '../period/date.js';
import { addMonths, firstDayOfMonth, monthOfDate, parseMonth } from '../period/month.js';
import { getProgram, standardInForce } from '../program/standard.service.js';
import { ApplicationEvent } from './application-event.entity.js';
import { ApplicationIncome } from './application-income.entity.js';
import { Application, type ApplicationChannel, type ApplicationStatus } from './application.entity.js';
import { Objection } from './objection.entity.js';

/** Days a case stays on public notice (公示) before it may be approved. */
export const PUBLICITY_DAYS = 7;
/** Financial assets allowed: this many months of the standard per household member. */
export const ASSET_LIMIT_MONTHS = 24;
/** The earliest date an application may carry (the ledger's records start in this century). */
export const APPLICATIONS_FROM = '2000-01-01';
/** How far ahead of this month an approval may start payment. */
export const START_MONTHS_AHEAD = 3;
/** How far back from this month an approval may start payment (back pay of a late approval). */
export const START_MONTHS_BACK = 24;

const STEP_FROM: Record<string, { from: ApplicationStatus[]; to: ApplicationStatus; verb: string }> = {
  accept: { from: ['applied'], to: 'accepted', verb: 'accept' },
  verify: { from: ['accepted'], to: 'verified', verb: 'verify' },
  investigate: { from: ['verified'], to: 'investigated', verb: 'record the home investigation of' },
  publicize: { from: ['investigated'], to: 'publicized', verb: 'publicize' },
  approve: { from: ['publicized'], to: 'approved', verb: 'approve' },
  reject: { from: ['applied', 'accepted', 'verified', 'investigated', 'publicized'], to: 'rejected', verb: 'reject' },
};

export interface SubmitApplicationInput {
  householdId: number;
  programCode: string;
  personId?: number | null;
  channel: ApplicationChannel;
  appliedOn?: string;
  reason?: string;
}

export async function submitApplication(em: EntityManager, actor: Actor, input: SubmitApplicationInput): Promise<Application> {
  assertCan(actor, 'submitApplication');
  const household = await getHousehold(em, actor, input.householdId);
  const program = await getProgram(em, input.programCode);
  let person: Person | null = null;
  const members = await currentMembers(em, household.id);
  if (program.unit === 'person') {
    if (input.personId == null)
      throw new DomainError('PERSON_REQUIRED', `${program.name} is paid per person: give the member (personId) the application is for.`);
    person = members.find((m) => m.person.id === input.personId)?.person ?? null;
    if (!person) throw new DomainError('NOT_A_MEMBER', 'The person is not a current member of this household.');
  }
  if (person?.deceasedOn || members.length === 0) throw new DomainError('NOT_ELIGIBLE', 'Nobody alive in this household can apply.');
  const appliedOn = assertPastDate(input.appliedOn ?? today(), 'An application date', { date: APPLICATIONS_FROM, what: APPLICATIONS_FROM });
  return auditedCreate(em, actor, { action: 'submitApplication', entity: 'application', regionCode: household.village.code }, () => {
    const application = em.create(Application, {
      household,
      program,
      person,
      county: household.county,
      village: household.village,
      channel: input.channel,
      appliedOn,
      reason: input.reason ?? '',
      createdBy: actor.subject,
    });
    em.create(ApplicationEvent, { application, fromStatus: null, toStatus: 'applied', actor: actor.subject, note: input.reason ?? '' });
    return application;
  });
}

/**
 * An application the actor may see, or NOT_FOUND (the same for a missing one and one of another
 * region). With `lock`, its row is taken for update first and read after the lock: every step of
 * case work does so, so two requests taking the same step run one after the other and the second
 * sees the first's status.
 */
export async function getApplication(em: EntityManager, actor: Actor, id: number, options: { lock?: boolean } = {}): Promise<Application> {
  if (options.lock && !(await lockRow(em, Application, { id }))) throw notFound(actor, 'application', id);
  const application = await em.findOne(Application, { id }, { populate: ['program', 'household', 'person'] });
  return visible(actor, application, (a) => a.village.code, 'application', id);
}

/** Loads, checks role, region and order; returns the application and its state before the step. */
async function beginStep(em: EntityManager, actor: Actor, id: number, step: keyof typeof STEP_FROM, permission: Permission) {
  assertCan(actor, permission);
  const application = await getApplication(em, actor, id, { lock: true });
  const rule = STEP_FROM[step]!;
  if (!rule.from.includes(application.status)) {
    const expected = rule.from.join(' or ');
    throw new DomainError(
      'TRANSITION_NOT_ALLOWED',
      `Cannot ${rule.verb} an application that is ${application.status}: it must be ${expected}.`,
      { status: application.status },
    );
  }
  return { application, before: snapshot(application), rule };
}

async function finishStep(
  em: EntityManager,
  actor: Actor,
  step: { application: Application; before: Record<string, unknown> | null; rule: { to: ApplicationStatus } },
  action: string,
  note = '',
  /** Said in the audit entry's after, beside the application (e.g. why counts were overridden). */
  auditExtra: Record<string, unknown> = {},
) {
  const { application, before, rule } = step;
  const from = application.status;
  application.status = rule.to;
  em.create(ApplicationEvent, { application, fromStatus: from, toStatus: rule.to, actor: actor.subject, note });
  audit(em, actor, {
    action,
    entity: 'application',
    entityId: application.id,
    regionCode: application.village.code,
    before,
    after: { ...snapshot(application), ...auditExtra },
  });
  await em.flush();
  return application;
}

export async function acceptApplication(em: EntityManager, actor: Actor, id: number): Promise<Application> {
  const step = await beginStep(em, actor, id, 'accept', 'acceptApplication');
  return finishStep(em, actor, step, 'acceptApplication');
}

export interface VerifyApplicationInput {
  applicationId: number;
  /** Members counted for per-capita income; defaults to the current members. */
  householdSize?: number | null;
  /** Members covered; defaults to all (household programs) or 1 (person programs). */
  coveredMembers?: number | null;
  /** Why householdSize or coveredMembers differ from what the household's members say: required then, and audited. */
  overrideReason?: string | null;
  singlePerson?: boolean;
  incomes: (IncomeItem & { personId?: number | null })[];
  rigidExpensesFen?: number;
  financialAssetsFen?: number;
  /** For per-case programs: the amount proposed. */
  requestedAmountFen?: number | null;
}

function assertFen(value: number | undefined | null, what: string): void {
  if (value == null) return;
  if (!Number.isSafeInteger(value) || value < 0)
    throw new DomainError('INVALID_AMOUNT', `${what} must be a whole number of fen, zero or more.`);
}

/**
 * 核对: records the income items and property, and computes eligibility and amount with the
 * standard in force this month.
 */
export async function verifyApplication(em: EntityManager, actor: Actor, input: VerifyApplicationInput): Promise<Application> {
  const step = await beginStep(em, actor, input.applicationId, 'verify', 'verifyApplication');
  const { application } = step;
  const program = application.program;
  for (const item of input.incomes) {
    assertFen(item.monthlyFen, 'An income');
    assertFen(item.exemptFen, 'An exempt part of income');
  }
  assertFen(input.rigidExpensesFen, 'Rigid expenses');
  assertFen(input.financialAssetsFen, 'Financial assets');
  assertFen(input.requestedAmountFen, 'The requested amount');
  const members = await currentMembers(em, application.household.id);
  for (const item of input.incomes) {
    if (item.personId != null && !members.some((m) => m.person.id === item.personId)) {
      throw new DomainError(
        'NOT_A_MEMBER',
        `Person ${item.personId} is not a current member of this household: record incomes of its members only.`,
        {
          personId: item.personId,
        },
      );
    }
  }
  const singlePerson = input.singlePerson ?? false;
  const derivedSize = singlePerson ? 1 : members.length;
  const householdSize = singlePerson ? 1 : (input.householdSize ?? derivedSize);
  // covered: every member counted (household programs) or the one person (person programs)
  const coveredOf = (size: number) => (singlePerson || program.unit === 'person' ? 1 : size);
  const coveredMembers = singlePerson ? 1 : (input.coveredMembers ?? coveredOf(householdSize));
  const overridden = householdSize !== derivedSize || coveredMembers !== coveredOf(householdSize);
  const overrideReason = input.overrideReason?.trim() ?? '';
  if (overridden && !overrideReason) {
    throw new DomainError(
      'OVERRIDE_REASON_REQUIRED',
      `The household's current members give a household size of ${derivedSize} with ${coveredOf(derivedSize)} covered: to count ${householdSize} with ${coveredMembers} covered, say why in overrideReason.`,
      { field: 'overrideReason' },
    );
  }
  if (!Number.isInteger(householdSize) || !Number.isInteger(coveredMembers) || householdSize > MAX_HOUSEHOLD_MEMBERS) {
    throw new DomainError(
      'INVALID_MEMBER_COUNT',
      `Household size and covered members are whole numbers, at most ${MAX_HOUSEHOLD_MEMBERS}.`,
    );
  }
  if (!(householdSize >= 1) || !(coveredMembers >= 1) || coveredMembers > householdSize) {
    throw new DomainError('INVALID_MEMBER_COUNT', 'Covered members must be between 1 and the household size.');
  }
  const month = firstDayOfMonth(monthOfDate(today()));
  application.householdSize = householdSize;
  application.coveredMembers = coveredMembers;
  application.singlePerson = singlePerson;
  application.rigidExpensesFen = input.rigidExpensesFen ?? 0;
  application.financialAssetsFen = input.financialAssetsFen ?? 0;
  const areaType = application.household.areaType;
  const countyCode = application.county.code;

  if (program.amountRule === 'case') {
    // 先行救助 keeps the amount paid first unless the verification names another
    application.assessedAmountFen = input.requestedAmountFen ?? (application.advance ? application.assessedAmountFen : null) ?? null;
  } else {
    let tier = '';
    if (program.amountRule === 'tiered') {
      const person = application.person ? await em.findOneOrFail(Person, application.person.id) : null;
      const age = person ? ageOn(person.birthDate, today()) : 0;
      tier = age >= 100 ? '100' : age >= 90 ? '90' : age >= 80 ? '80' : '';
      if (!tier) throw new DomainError('NOT_ELIGIBLE', `${program.name} starts at 80 years of age; this person is ${age}.`);
    }
    const standard = await standardInForce(em, { programCode: program.code, countyCode, areaType, tier, month });
    if (!standard) {
      throw new DomainError(
        'STANDARD_MISSING',
        `No ${areaType} standard of ${program.name}${tier ? ` (tier ${tier})` : ''} is in force for ${countyCode} in ${month.slice(0, 7)}: a county administrator sets it with setStandard.`,
      );
    }
    application.tier = tier;
    const result = calculateEligibility({
      householdSize,
      coveredMembers,
      standardFen: standard.amountFen,
      incomes: input.incomes.map(({ kind, monthlyFen, laborCoefficient, exemptFen }) => ({
        kind,
        monthlyFen,
        laborCoefficient,
        exemptFen,
      })),
      rigidExpensesFen: input.rigidExpensesFen ?? 0,
      property: {
        financialAssetsFen: input.financialAssetsFen ?? 0,
        assetLimitFen: standard.amountFen * ASSET_LIMIT_MONTHS * householdSize,
        // instant 核对: the vehicle and housing facts of the feeds, as confirmed or overridden
        ...(await checkedPropertyFacts(em, application.id)),
      },
      payment: { kind: 'gap' },
      singlePerson,
    });
    application.countedIncomeFen = result.countedIncomeFen;
    application.perCapitaIncomeFen = result.perCapitaIncomeFen;
    // Programs paid at the standard test property only; income decides gap programs.
    const propertyFails = result.reasons.some((r) => r !== 'INCOME_ABOVE_STANDARD');
    application.assessedAmountFen =
      program.amountRule === 'gap' ? result.amountFen : propertyFails ? 0 : standard.amountFen * coveredMembers;
  }
  await em.nativeDelete(ApplicationIncome, { application });
  for (const item of input.incomes) {
    em.create(ApplicationIncome, {
      application,
      person: item.personId ?? null,
      kind: item.kind,
      monthlyFen: item.monthlyFen,
      laborCoefficient: item.laborCoefficient == null ? null : String(item.laborCoefficient),
      exemptFen: item.exemptFen ?? 0,
    });
  }
  const note = overridden
    ? `Household size ${householdSize} (members say ${derivedSize}), covered ${coveredMembers}: ${overrideReason}`
    : '';
  return finishStep(em, actor, step, 'verifyApplication', note, overridden ? { overrideReason } : {});
}

export async function investigateApplication(em: EntityManager, actor: Actor, id: number, notes: string): Promise<Application> {
  const step = await beginStep(em, actor, id, 'investigate', 'investigateApplication');
  if (!notes.trim()) throw new DomainError('TEXT_REQUIRED', 'Write what the home investigation found.');
  step.application.investigationNotes = notes;
  return finishStep(em, actor, step, 'investigateApplication', notes);
}

/** 公示: the notice is posted on startDate (today or earlier) for PUBLICITY_DAYS days. */
export async function publicizeApplication(em: EntityManager, actor: Actor, id: number, startDate?: string): Promise<Application> {
  const step = await beginStep(em, actor, id, 'publicize', 'publicizeApplication');
  const start = assertPastDate(startDate ?? today(), 'The start of a public notice', {
    date: APPLICATIONS_FROM,
    what: APPLICATIONS_FROM,
  });
  step.application.publicityStart = start;
  step.application.publicityEnd = addDays(start, PUBLICITY_DAYS);
  return finishStep(em, actor, step, 'publicizeApplication');
}

export async function recordObjection(
  em: EntityManager,
  actor: Actor,
  applicationId: number,
  content: string,
  raisedOn?: string,
): Promise<Objection> {
  assertCan(actor, 'recordObjection');
  // the application's lock orders objections with approval: none slips in while it is approved
  const application = await getApplication(em, actor, applicationId, { lock: true });
  if (application.status !== 'publicized') {
    throw new DomainError(
      'TRANSITION_NOT_ALLOWED',
      `Objections are recorded during the public notice; this application is ${application.status}.`,
    );
  }
  if (!content.trim()) throw new DomainError('TEXT_REQUIRED', 'Write what the objection says.');
  const raised = assertPastDate(raisedOn ?? today(), 'The date an objection was raised', {
    date: APPLICATIONS_FROM,
    what: APPLICATIONS_FROM,
  });
  return auditedCreate(em, actor, { action: 'recordObjection', entity: 'objection', regionCode: application.village.code }, () =>
    em.create(Objection, { application, raisedOn: raised, content, createdBy: actor.subject }),
  );
}

export async function resolveObjection(
  em: EntityManager,
  actor: Actor,
  objectionId: number,
  upheld: boolean,
  resolution: string,
): Promise<Objection> {
  assertCan(actor, 'resolveObjection');
  const found = await em.findOne(Objection, { id: objectionId }, { populate: ['application'] });
  visible(actor, found, (o) => o.application.village.code, 'objection', objectionId);
  await getApplication(em, actor, found!.application.id, { lock: true });
  const objection = (await lockRow(em, Objection, { id: objectionId }))!;
  if (objection.upheld != null) throw new DomainError('TRANSITION_NOT_ALLOWED', 'This objection is already resolved.');
  if (!resolution.trim()) throw new DomainError('TEXT_REQUIRED', 'Write how the objection was resolved.');
  return auditedChange(
    em,
    actor,
    { action: 'resolveObjection', entity: 'objection', regionCode: objection.application.village.code },
    objection,
    (o) => {
      o.upheld = upheld;
      o.resolution = resolution;
      o.resolvedOn = today();
    },
  );
}

export interface ApproveApplicationInput {
  applicationId: number;
  /** 'YYYY-MM': first month paid (monthly programs); defaults to this month. */
  startMonth?: string | null;
  /** For per-case programs: the amount granted (defaults to the assessed amount). */
  amountFen?: number | null;
}

export interface ApprovalResult {
  application: Application;
  enrollment: Enrollment | null;
  payment: Payment | null;
}

/** 审批: after the notice ran its days with no upheld or open objection. */
export async function approveApplication(em: EntityManager, actor: Actor, input: ApproveApplicationInput): Promise<ApprovalResult> {
  const step = await beginStep(em, actor, input.applicationId, 'approve', 'approveApplication');
  const { application } = step;
  const program = application.program;
  if (application.publicityEnd && application.publicityEnd > today()) {
    throw new DomainError('PUBLICITY_NOT_OVER', `The public notice runs until ${application.publicityEnd}: approve after it ends.`);
  }
  const objections = await em.find(Objection, { application });
  if (objections.some((o) => o.upheld === true)) {
    throw new DomainError(
      'OBJECTION_UPHELD',
      'An objection to this application was upheld, so it cannot be approved: reject it with the reason.',
    );
  }
  if (objections.some((o) => o.upheld == null)) {
    throw new DomainError('OBJECTION_OPEN', 'An objection is still open: resolve it before approving.');
  }
  let enrollment: Enrollment | null = null;
  let payment: Payment | null = null;
  if (program.frequency === 'monthly') {
    if (!application.assessedAmountFen || application.assessedAmountFen <= 0) {
      throw new DomainError(
        'NOT_ELIGIBLE',
        'The verified assessment gives no amount (income or property above the line): reject the application with the reason.',
      );
    }
    const thisMonth = monthOfDate(today());
    const start = input.startMonth ? parseMonth(input.startMonth) : thisMonth;
    const earliest = addMonths(thisMonth, -START_MONTHS_BACK);
    const latest = addMonths(thisMonth, START_MONTHS_AHEAD);
    if (start < earliest || start > latest) {
      throw new DomainError(
        'INVALID_MONTH',
        `Payment starts from ${START_MONTHS_BACK} months before this month (${earliest}) up to ${START_MONTHS_AHEAD} months ahead (${latest}); ${start} is outside.`,
        { month: start },
      );
    }
    const startMonth = firstDayOfMonth(start);
    enrollment = await createEnrollment(em, actor, {
      program,
      household: application.household,
      person: application.person ?? null,
      application,
      amountRule: program.amountRule,
      tier: application.tier ?? '',
      coveredMembers: application.coveredMembers ?? 1,
      perCapitaIncomeFen: application.perCapitaIncomeFen ?? 0,
      startMonth,
    });
  } else if (application.advance) {
    // 先行救助: paid when submitted; the approval confirms the amount paid
    payment = await em.findOne(Payment, { application, kind: 'one_off' });
    if (input.amountFen != null && input.amountFen !== payment?.amountFen) {
      throw new DomainError(
        'INVALID_AMOUNT',
        'This aid was granted first and paid already: it is approved at the amount paid (or rejected, which recovers it).',
      );
    }
  } else {
    const amountFen = input.amountFen ?? application.assessedAmountFen;
    assertFen(amountFen, 'The amount granted');
    if (!amountFen) throw new DomainError('INVALID_AMOUNT', `${program.name} is paid per case: give the amount granted.`);
    application.assessedAmountFen = amountFen;
    payment = await recordOneOffPayment(em, actor, application, amountFen);
  }
  application.decidedOn = today();
  await finishStep(em, actor, step, 'approveApplication');
  return { application, enrollment, payment };
}

export async function rejectApplication(em: EntityManager, actor: Actor, id: number, reason: string): Promise<Application> {
  const step = await beginStep(em, actor, id, 'reject', 'rejectApplication');
  if (!reason.trim()) throw new DomainError('TEXT_REQUIRED', 'A rejection needs a reason the applicant can read.');
  step.application.decisionReason = reason;
  step.application.decidedOn = today();
  // 先行救助 rejected on review: what was paid first is taken back
  if (step.application.advance) await recordOneOffRecovery(em, actor, step.application, `先行救助追回：${reason}`);
  return finishStep(em, actor, step, 'rejectApplication', reason);
}
