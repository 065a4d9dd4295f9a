import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCan, assertRegionInScope, notFound, type Actor } from '../access/actor.js';
import { lockRow } from '../database/transaction.js';
import { getEnrollment } from '../enrollment/enrollment.service.js';
import { auditedChange, auditedCreate, auditedRemove } from '../audit/audit.js';
import type { Application } from '../application/application.entity.js';
import { DomainError } from '../errors/domain-error.js';
import { firstDayOfMonth, monthOfDate, parseMonth } from '../period/month.js';
import { formatFen } from '../money/money.js';
import { today } from '../access/clock.js';
import { getProgram } from '../program/standard.service.js';
import { Region } from '../region/region.entity.js';
import { Payment } from './payment.entity.js';
import { PayrollBatch } from './payroll-batch.entity.js';

import { MONTHLY_AMOUNT_SQL } from './monthly-amount.js';
import { advanceSeniorTiers, SENIOR_ALLOWANCE } from '../fast-track/senior-allowance.service.js';

/**
 * Enrollments of a county × program active in a month, with the standard in force (lateral). A
 * person's enrollment is never paid for a month that starts after their death.
 */
const ACTIVE_WITH_STANDARD_SQL = `
  from enrollment e
  left join person dp on dp.id = e.person_id
  left join lateral (
    select st.amount_fen from standard st
    where st.program_code = e.program_code and st.county_code = e.county_code
      and st.area_type = e.area_type and st.tier = e.tier and st.effective_month <= ?::date
    order by st.effective_month desc limit 1
  ) s on true
  where e.county_code = ? and e.program_code = ? and e.start_month <= ?::date
    and (e.end_month is null or e.end_month >= ?::date)
    and (dp.deceased_on is null or dp.deceased_on >= ?::date)`;

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
  if (program.frequency !== 'monthly')
    throw new DomainError('WRONG_PROGRAM_KIND', `${program.name} is paid per case, not by monthly payroll.`);
  const county = await em.findOne(Region, { code: input.countyCode });
  if (!county) throw DomainError.unknownRegion(input.countyCode);
  assertRegionInScope(actor, county.code, 'county');
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
  // 尊老金 tiers move up in the birthday month, before the month is paid
  if (program.code === SENIOR_ALLOWANCE) await advanceSeniorTiers(em, actor, { countyCode: county.code, month: input.month });
  // a racing generation of the same month waits on the unique key and is refused (PAYROLL_EXISTS)
  const params = [month, county.code, program.code, month, month, month];
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
  return auditedCreate(em, actor, { action: 'generatePayroll', entity: 'payroll_batch', regionCode: county.code }, async () => {
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
    return batch;
  });
}

/**
 * A batch taken for update and read after the lock, or NOT_FOUND (also for one of another region):
 * approving, paying and discarding one batch run one after the other, each seeing the status the
 * one before left (the payroll_batch_frozen trigger backs it).
 */
async function getBatch(em: EntityManager, actor: Actor, id: number): Promise<PayrollBatch> {
  assertCan(actor, 'managePayroll');
  const locked = await lockRow(em, PayrollBatch, { id });
  if (!locked || !locked.county.code.startsWith(actor.regionCode)) throw notFound(actor, 'payroll batch', id);
  await em.populate(locked, ['program', 'county']);
  return locked;
}

/** Approval freezes the batch: its payments no longer change, whatever the registry does. */
export async function approvePayroll(em: EntityManager, actor: Actor, id: number): Promise<PayrollBatch> {
  const batch = await getBatch(em, actor, id);
  if (batch.status !== 'draft') throw new DomainError('PAYROLL_FROZEN', `This batch is already ${batch.status}.`);
  return auditedChange(em, actor, { action: 'approvePayroll', entity: 'payroll_batch', regionCode: batch.county.code }, batch, (b) => {
    b.status = 'approved';
    b.approvedAt = new Date();
    b.approvedBy = actor.subject;
  });
}

export async function markPayrollPaid(em: EntityManager, actor: Actor, id: number): Promise<PayrollBatch> {
  const batch = await getBatch(em, actor, id);
  if (batch.status !== 'approved') {
    throw new DomainError(
      'TRANSITION_NOT_ALLOWED',
      batch.status === 'paid' ? 'This batch is already paid.' : 'Approve the batch before marking it paid.',
    );
  }
  return auditedChange(em, actor, { action: 'markPayrollPaid', entity: 'payroll_batch', regionCode: batch.county.code }, batch, (b) => {
    b.status = 'paid';
    b.paidAt = new Date();
  });
}

/** Drafts can be discarded and generated again (e.g. after a late standard change). */
/** What a discarded batch was: its key, county, program and month, and the draft payments removed with it. */
export interface DiscardedPayroll {
  batchId: number;
  countyCode: string;
  programCode: string;
  /** 'YYYY-MM'. */
  month: string;
  paymentsRemoved: number;
}

export async function discardPayroll(em: EntityManager, actor: Actor, id: number): Promise<DiscardedPayroll> {
  const batch = await getBatch(em, actor, id);
  if (batch.status !== 'draft')
    throw new DomainError('PAYROLL_FROZEN', `This batch is ${batch.status} and frozen: correct it with back pay or recovery entries.`);
  const discarded: DiscardedPayroll = {
    batchId: id,
    countyCode: batch.county.code,
    programCode: batch.program.code,
    month: monthOfDate(batch.month),
    paymentsRemoved: 0,
  };
  await auditedRemove(em, actor, { action: 'discardPayroll', entity: 'payroll_batch', regionCode: batch.county.code }, batch, async (b) => {
    discarded.paymentsRemoved = await em.nativeDelete(Payment, { batch: b });
    em.remove(b);
  });
  return discarded;
}

export interface CorrectionInput {
  enrollmentId: number;
  /** 'YYYY-MM': the month the correction concerns. */
  month: string;
  /** Positive fen: paid out (补发) or taken back (追回). */
  amountFen: number;
  note: string;
  /**
   * Back pay that takes a month's net above the most the enrollment could be entitled to (the
   * standard in force × covered members) is refused unless this states why.
   */
  aboveEntitlementReason?: string | null;
}

/**
 * 补发 (back pay) or 追回 (recovery, stored negative) for an enrollment's month, as ledger entries
 * of their own, within the entitlement: only for a month the enrollment was active (and not ahead
 * of this month); a recovery never takes back more than the month's net; back pay above the
 * month's ceiling (standard × covered members) needs a stated reason. The enrollment's row is taken
 * for update first, so corrections of one enrollment run one at a time and each sees the others.
 */
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
  if (input.amountFen > MAX_ENTRY_FEN) {
    throw new DomainError('INVALID_AMOUNT', `A ledger entry is at most ${formatFen(MAX_ENTRY_FEN)} yuan.`);
  }
  if (!input.note.trim()) throw new DomainError('TEXT_REQUIRED', 'Say why the correction is made.');
  const month = firstDayOfMonth(parseMonth(input.month));
  const enrollment = await getEnrollment(em, actor, input.enrollmentId, { lock: true });
  const thisMonth = firstDayOfMonth(monthOfDate(today()));
  const lastMonth = enrollment.endMonth && enrollment.endMonth < thisMonth ? enrollment.endMonth : thisMonth;
  if (month < enrollment.startMonth || month > lastMonth) {
    throw new DomainError(
      'MONTH_NOT_ENTITLED',
      `This enrollment was paid from ${enrollment.startMonth.slice(0, 7)} to ${lastMonth.slice(0, 7)}; ${input.month} is outside, so nothing can be corrected for it.`,
      { month: input.month },
    );
  }
  const [state] = await em.execute<{ net: string; ceiling: string | null }[]>(
    `select (select coalesce(sum(amount_fen), 0) from payment where enrollment_id = e.id and month = ?::date)::text as net,
            (select st.amount_fen * e.covered_members from standard st
              where st.program_code = e.program_code and st.county_code = e.county_code and st.area_type = e.area_type
                and st.tier = e.tier and st.effective_month <= ?::date
              order by st.effective_month desc limit 1)::text as ceiling
     from enrollment e where e.id = ?`,
    [month, month, enrollment.id],
  );
  const net = BigInt(state?.net ?? '0');
  if (kind === 'recovery' && net < BigInt(input.amountFen)) {
    throw new DomainError(
      'RECOVERY_EXCEEDS_NET',
      `Cannot recover more than was paid for ${input.month} (net ${formatFen(Number(net))} yuan).`,
      { netFen: state?.net ?? '0' },
    );
  }
  const reason = input.aboveEntitlementReason?.trim() ?? '';
  if (kind === 'back_pay') {
    const ceiling = BigInt(state?.ceiling ?? '0');
    if (net + BigInt(input.amountFen) > ceiling && !reason) {
      throw new DomainError(
        'ABOVE_ENTITLEMENT',
        `${input.month} would be paid ${formatFen(Number(net) + input.amountFen)} yuan, above the most this enrollment could be entitled to (${formatFen(Number(ceiling))} yuan: the standard × covered members): give aboveEntitlementReason to book it anyway.`,
        { netFen: String(net), ceilingFen: String(ceiling) },
      );
    }
  }
  const what = { action: kind === 'recovery' ? 'recordRecovery' : 'recordBackPay', entity: 'payment', regionCode: enrollment.village.code };
  const create = () =>
    em.create(Payment, {
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
      note: reason ? `${input.note}（超出核定标准：${reason}）` : input.note,
      createdBy: actor.subject,
    });
  return auditedCreate(em, actor, what, create, reason ? { aboveEntitlementReason: reason } : {});
}

/** The largest ledger entry either way (the payment_amount_bound constraint): 1,000,000.00 yuan. */
export const MAX_ENTRY_FEN = 100_000_000;

/** A ledger entry of a per-case application, this month: its one-off payment or the recovery of it. */
function applicationEntry(
  em: EntityManager,
  actor: Actor,
  application: Application,
  entry: { kind: 'one_off' | 'recovery'; amountFen: number; coveredMembers: number; note: string },
): Payment {
  return em.create(Payment, {
    batch: null,
    enrollment: null,
    application,
    household: application.household,
    person: application.person ?? null,
    program: application.program,
    countyCode: application.county.code,
    villageCode: application.village.code,
    month: firstDayOfMonth(monthOfDate(today())),
    ...entry,
    createdBy: actor.subject,
  });
}

/** The one-off payment of an approved per-case application (临时救助, …). */
export async function recordOneOffPayment(em: EntityManager, actor: Actor, application: Application, amountFen: number): Promise<Payment> {
  const create = () =>
    applicationEntry(em, actor, application, {
      kind: 'one_off',
      amountFen,
      coveredMembers: application.coveredMembers ?? 1,
      note: application.reason,
    });
  return auditedCreate(em, actor, { action: 'recordOneOffPayment', entity: 'payment', regionCode: application.village.code }, create);
}

/**
 * Takes back (追回) the one-off payment of a per-case application paid first (先行救助) and
 * rejected afterwards: a recovery entry of the whole amount, this month, naming the application
 * (at most one: payment_one_recovery_per_application).
 */
export async function recordOneOffRecovery(
  em: EntityManager,
  actor: Actor,
  application: Application,
  note: string,
): Promise<Payment | null> {
  const paid = await em.findOne(Payment, { application, kind: 'one_off' });
  if (!paid) return null;
  const create = () =>
    applicationEntry(em, actor, application, { kind: 'recovery', amountFen: -paid.amountFen, coveredMembers: paid.coveredMembers, note });
  return auditedCreate(em, actor, { action: 'recordRecovery', entity: 'payment', regionCode: application.village.code }, create);
}
