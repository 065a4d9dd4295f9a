import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCan, assertInScope, type Actor } from '../access/actor.js';
import { audit, snapshot } from '../audit/audit.js';
import type { Application } from '../application/application.entity.js';
import { Enrollment } from '../enrollment/enrollment.entity.js';
import { DomainError } from '../errors/domain-error.js';
import { firstDayOfMonth, monthOfDate, parseMonth } from '../period/month.js';
import { today } from '../access/clock.js';
import { getProgram } from '../program/standard.service.js';
import { Region } from '../region/region.entity.js';
import { Payment } from './payment.entity.js';
import { PayrollBatch } from './payroll-batch.entity.js';

/**
 * The monthly amount of an enrollment under the standard in force (`s`), in SQL: gap programs
 * pay (standard − per-capita income) × covered, the others standard × covered; a fixed amount
 * (渐退, an adjusted amount) overrides both. Never above standard × covered, never negative.
 */
export const MONTHLY_AMOUNT_SQL = `least(
    coalesce(e.fixed_amount_fen,
      case when e.amount_rule = 'gap' then greatest(s.amount_fen - e.per_capita_income_fen, 0) * e.covered_members
           else s.amount_fen * e.covered_members end),
    s.amount_fen * e.covered_members)`;

/** Enrollments of a county × program active in a month, with the standard in force (lateral). */
const ACTIVE_WITH_STANDARD_SQL = `
  from enrollment e
  left join lateral (
    select st.amount_fen from standard st
    where st.program_code = e.program_code and st.county_code = e.county_code
      and st.area_type = e.area_type and st.tier = e.tier and st.effective_month <= ?::date
    order by st.effective_month desc limit 1
  ) s on true
  where e.county_code = ? and e.program_code = ? and e.start_month <= ?::date
    and (e.end_month is null or e.end_month >= ?::date)`;

export interface GeneratePayrollInput {
  countyCode: string;
  programCode: string;
  /** 'YYYY-MM' */
  month: string;
}

/**
 * Generates a county's monthly batch of one program from the active enrollments at the
 * standard in force, in one set-based INSERT … SELECT. A month is generated once: a second
 * call is refused (PAYROLL_EXISTS) and adds nothing.
 */
export async function generatePayroll(em: EntityManager, actor: Actor, input: GeneratePayrollInput): Promise<PayrollBatch> {
  assertCan(actor, 'managePayroll');
  const program = await getProgram(em, input.programCode);
  if (program.frequency !== 'monthly') throw new DomainError('INVALID_INPUT', `${program.name} is paid per case, not by monthly payroll.`);
  const county = await em.findOne(Region, { code: input.countyCode });
  if (!county) throw DomainError.unknownRegion(input.countyCode);
  assertInScope(actor, county.code, 'county');
  const month = firstDayOfMonth(parseMonth(input.month));
  const existing = await em.findOne(PayrollBatch, { county, program, month });
  if (existing) {
    throw new DomainError(
      'PAYROLL_EXISTS',
      `The ${program.name} payroll of ${county.name} for ${input.month} exists already (${existing.status}); nothing was added.`,
      {
        batchId: existing.id,
      },
    );
  }
  const params = [month, county.code, program.code, month, month];
  const missing = await em.execute<{ count: string }[]>(
    `select count(*)::text as count ${ACTIVE_WITH_STANDARD_SQL} and s.amount_fen is null`,
    params,
  );
  if (Number(missing[0]?.count ?? 0) > 0) {
    throw new DomainError(
      'STANDARD_MISSING',
      `${missing[0]?.count} enrollments of ${program.name} in ${county.name} have no standard in force for ${input.month}: set the standard first.`,
    );
  }
  const batch = em.create(PayrollBatch, { county, program, month, generatedBy: actor.subject });
  await em.flush();
  await em.execute(
    `insert into payment (batch_id, enrollment_id, household_id, person_id, program_code, county_code, village_code,
                          month, kind, amount_fen, covered_members, standard_fen, created_by)
     select ?, e.id, e.household_id, e.person_id, e.program_code, e.county_code, e.village_code,
            ?::date, 'regular', ${MONTHLY_AMOUNT_SQL}, e.covered_members, s.amount_fen, ?
     ${ACTIVE_WITH_STANDARD_SQL} and ${MONTHLY_AMOUNT_SQL} > 0
     on conflict (enrollment_id, month) where kind = 'regular' do nothing`,
    [batch.id, month, actor.subject, ...params],
  );
  const totals = await em.execute<{ count: number; total: string }[]>(
    `select count(*)::int as count, coalesce(sum(amount_fen), 0)::text as total from payment where batch_id = ?`,
    [batch.id],
  );
  batch.paymentCount = totals[0]?.count ?? 0;
  batch.totalFen = totals[0]?.total ?? '0';
  audit(em, actor, {
    action: 'generatePayroll',
    entity: 'payroll_batch',
    entityId: batch.id,
    regionCode: county.code,
    after: snapshot(batch),
  });
  await em.flush();
  return batch;
}

async function getBatch(em: EntityManager, actor: Actor, id: number): Promise<PayrollBatch> {
  assertCan(actor, 'managePayroll');
  const batch = await em.findOne(PayrollBatch, { id }, { populate: ['program', 'county'] });
  if (!batch) throw new DomainError('NOT_FOUND', `No payroll batch ${id}.`);
  assertInScope(actor, batch.county.code, 'payroll batch');
  return batch;
}

/** Approval freezes the batch: its payments no longer change, whatever the registry does. */
export async function approvePayroll(em: EntityManager, actor: Actor, id: number): Promise<PayrollBatch> {
  const batch = await getBatch(em, actor, id);
  if (batch.status !== 'draft') throw new DomainError('PAYROLL_FROZEN', `This batch is already ${batch.status}.`);
  const before = snapshot(batch);
  batch.status = 'approved';
  batch.approvedAt = new Date();
  batch.approvedBy = actor.subject;
  audit(em, actor, {
    action: 'approvePayroll',
    entity: 'payroll_batch',
    entityId: batch.id,
    regionCode: batch.county.code,
    before,
    after: snapshot(batch),
  });
  await em.flush();
  return batch;
}

export async function markPayrollPaid(em: EntityManager, actor: Actor, id: number): Promise<PayrollBatch> {
  const batch = await getBatch(em, actor, id);
  if (batch.status !== 'approved') {
    throw new DomainError(
      'TRANSITION_NOT_ALLOWED',
      batch.status === 'paid' ? 'This batch is already paid.' : 'Approve the batch before marking it paid.',
    );
  }
  const before = snapshot(batch);
  batch.status = 'paid';
  batch.paidAt = new Date();
  audit(em, actor, {
    action: 'markPayrollPaid',
    entity: 'payroll_batch',
    entityId: batch.id,
    regionCode: batch.county.code,
    before,
    after: snapshot(batch),
  });
  await em.flush();
  return batch;
}

/** Drafts can be discarded and generated again (e.g. after a late standard change). */
export async function discardPayroll(em: EntityManager, actor: Actor, id: number): Promise<void> {
  const batch = await getBatch(em, actor, id);
  if (batch.status !== 'draft')
    throw new DomainError('PAYROLL_FROZEN', `This batch is ${batch.status} and frozen: correct it with back pay or recovery entries.`);
  const before = snapshot(batch);
  await em.nativeDelete(Payment, { batch });
  em.remove(batch);
  audit(em, actor, { action: 'discardPayroll', entity: 'payroll_batch', entityId: id, regionCode: batch.county.code, before });
  await em.flush();
}

export interface CorrectionInput {
  enrollmentId: number;
  /** 'YYYY-MM': the month the correction concerns. */
  month: string;
  /** Positive fen: paid out (补发) or taken back (追回). */
  amountFen: number;
  note: string;
}

/** 补发 (back pay) or 追回 (recovery, stored negative) for an enrollment's month, as ledger entries of their own. */
export async function recordCorrection(
  em: EntityManager,
  actor: Actor,
  kind: 'back_pay' | 'recovery',
  input: CorrectionInput,
): Promise<Payment> {
  assertCan(actor, 'recordCorrection');
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) {
    throw new DomainError('INVALID_AMOUNT', 'A correction is a positive amount; recovery is recorded as money taken back.');
  }
  if (!input.note.trim()) throw new DomainError('INVALID_INPUT', 'Say why the correction is made.');
  const enrollment = await em.findOne(Enrollment, { id: input.enrollmentId });
  if (!enrollment) throw new DomainError('NOT_FOUND', `No enrollment ${input.enrollmentId}.`);
  assertInScope(actor, enrollment.village.code, 'enrollment');
  const month = firstDayOfMonth(parseMonth(input.month));
  if (kind === 'recovery') {
    const paid = await em.execute<{ total: string }[]>(
      'select coalesce(sum(amount_fen), 0)::text as total from payment where enrollment_id = ? and month = ?::date',
      [enrollment.id, month],
    );
    if (BigInt(paid[0]?.total ?? '0') < BigInt(input.amountFen)) {
      throw new DomainError('INVALID_AMOUNT', `Cannot recover more than was paid for ${input.month} (net ${paid[0]?.total ?? '0'} fen).`);
    }
  }
  const payment = em.create(Payment, {
    batch: null,
    enrollment,
    household: enrollment.household,
    person: enrollment.person ?? null,
    program: enrollment.program,
    countyCode: enrollment.county.code,
    villageCode: enrollment.village.code,
    month,
    kind,
    amountFen: kind === 'recovery' ? -input.amountFen : input.amountFen,
    coveredMembers: enrollment.coveredMembers,
    note: input.note,
    createdBy: actor.subject,
  });
  await em.flush();
  audit(em, actor, {
    action: kind === 'recovery' ? 'recordRecovery' : 'recordBackPay',
    entity: 'payment',
    entityId: payment.id,
    regionCode: enrollment.village.code,
    after: snapshot(payment),
  });
  await em.flush();
  return payment;
}

/** The one-off payment of an approved per-case application (临时救助, …). */
export async function recordOneOffPayment(em: EntityManager, actor: Actor, application: Application, amountFen: number): Promise<Payment> {
  const payment = em.create(Payment, {
    batch: null,
    enrollment: null,
    household: application.household,
    person: application.person ?? null,
    program: application.program,
    countyCode: application.county.code,
    villageCode: application.village.code,
    month: firstDayOfMonth(monthOfDate(today())),
    kind: 'one_off',
    amountFen,
    coveredMembers: application.coveredMembers ?? 1,
    note: application.reason,
    createdBy: actor.subject,
  });
  await em.flush();
  audit(em, actor, {
    action: 'recordOneOffPayment',
    entity: 'payment',
    entityId: payment.id,
    regionCode: application.village.code,
    after: snapshot(payment),
  });
  await em.flush();
  return payment;
}
