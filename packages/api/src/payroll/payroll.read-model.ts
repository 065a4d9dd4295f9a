import {
  DomainError,
  Enrollment,
  Payment,
  PayrollBatch,
  enrollmentStatusIn,
  firstDayOfMonth,
  monthOfDate,
  today,
  type EnrollmentStatusShown,
  type EntityManager,
  type Program,
} from '@xingfu/domain';
import DataLoader from 'dataloader';
import {
  columnsFor,
  groupBy,
  keysetPage,
  intIfRead,
  intOrNull,
  keyList,
  perSelection,
  type ColumnMap,
  type Selected,
} from '../context/columns.js';
import type { PreparedReads } from '../context/prepared-reads.js';
import type { RequestContext } from '../context/context.type.js';

/**
 * The read model of enrollments and the ledger: every read statement of the feature (enrollments
 * with their programs, the recent ledger rows of an enrollment), its rows and column maps.
 */

/** A program as read with an enrollment: its code always, the other fields when asked for. */
export type ProgramRow = Selected<
  Pick<Program, 'code' | 'name' | 'category' | 'frequency' | 'unit' | 'amountRule' | 'disclosure' | 'minorsOnly' | 'description'>,
  'code'
>;

/** An enrollment as read for a selection: keys always, the other fields when asked for (every one by key). */
export type EnrollmentRow = Selected<
  Pick<
    Enrollment,
    | 'id'
    | 'areaType'
    | 'amountRule'
    | 'tier'
    | 'coveredMembers'
    | 'perCapitaIncomeFen'
    | 'fixedAmountFen'
    | 'startMonth'
    | 'endMonth'
    | 'exitReason'
  > & { status: EnrollmentStatusShown },
  'id'
> & { household: { id: number }; program: ProgramRow };

/**
 * A ledger row as the API shows it: its amounts (fen) under the names of their GraphQL fields, so
 * they resolve as plain properties (a field with a resolver costs a call, a resolve info and a
 * path per row, and a page shows a thousand ledger rows).
 */
export type PaymentRow = Selected<
  Pick<Payment, 'id' | 'month' | 'kind' | 'coveredMembers' | 'note' | 'villageCode'> & {
    amount: number;
    standard: number | null;
    program: { code: string };
    /** The enrollment a regular payment or correction belongs to; null for a one-off payment. */
    enrollmentId: number | null;
    householdId: number;
  },
  'id' | 'month'
>;

/** A ledger entity as a PaymentRow. */
export function paymentRow(payment: Payment): PaymentRow {
  return {
    id: payment.id,
    month: payment.month,
    kind: payment.kind,
    amount: payment.amountFen,
    coveredMembers: payment.coveredMembers,
    standard: payment.standardFen,
    note: payment.note,
    villageCode: payment.villageCode,
    program: { code: payment.program.code },
    enrollmentId: payment.enrollment?.id ?? null,
    householdId: payment.household.id,
  };
}

interface EnrollmentRecord {
  id: number;
  household_id: number;
  program_code: string;
  program_name: string;
  program_category: string;
  program_frequency: Program['frequency'];
  program_unit: Program['unit'];
  program_amount_rule: Program['amountRule'];
  program_disclosure: Program['disclosure'];
  program_minors_only: boolean;
  program_description: string;
  area_type: Enrollment['areaType'];
  amount_rule: Enrollment['amountRule'];
  tier: string;
  covered_members: number;
  per_capita_income_fen: string;
  fixed_amount_fen: string | null;
  start_month: string;
  end_month: string | null;
  status: Enrollment['status'];
  exit_reason: Enrollment['exitReason'];
}

function programRow(r: EnrollmentRecord): ProgramRow {
  return {
    code: r.program_code,
    name: r.program_name,
    category: r.program_category,
    frequency: r.program_frequency,
    unit: r.program_unit,
    amountRule: r.program_amount_rule,
    disclosure: r.program_disclosure,
    minorsOnly: r.program_minors_only,
    description: r.program_description,
  };
}

const PROGRAM_MAP: ColumnMap = {
  always: ['g.code as program_code'],
  fields: {
    code: [],
    name: ['g.name as program_name'],
    category: ['g.category as program_category'],
    frequency: ['g.frequency as program_frequency'],
    unit: ['g.unit as program_unit'],
    amountRule: ['g.amount_rule as program_amount_rule'],
    disclosure: ['g.disclosure as program_disclosure'],
    minorsOnly: ['g.minors_only as program_minors_only'],
    description: ['g.description as program_description'],
  },
};

const ENROLLMENT_MAP: ColumnMap = {
  always: ['e.id', 'e.household_id'],
  fields: {
    id: [],
    areaType: ['e.area_type'],
    amountRule: ['e.amount_rule'],
    tier: ['e.tier'],
    coveredMembers: ['e.covered_members'],
    perCapitaIncome: ['e.per_capita_income_fen'],
    fixedAmount: ['e.fixed_amount_fen'],
    startMonth: ['e.start_month'],
    endMonth: ['e.end_month'],
    // ENDING or ENDED depends on the last paid month
    status: ['e.status', 'e.end_month'],
    exitReason: ['e.exit_reason'],
    household: [],
    payments: [],
    program: PROGRAM_MAP,
  },
};

/** Enrollments with their programs: `columns` of `enrollment e join program g`, a `where` on them and its parameters. */
async function readEnrollments(
  em: EntityManager,
  reads: PreparedReads,
  columns: string,
  where: string,
  params: unknown[],
): Promise<EnrollmentRow[]> {
  const records = await reads.rows<EnrollmentRecord>(
    em,
    `select ${columns} from enrollment e join program g on g.code = e.program_code
     where ${where} order by e.start_month desc, e.id desc`,
    params,
  );
  const thisMonth = monthOfDate(today());
  const programs = new Map<string, ProgramRow>();
  const programOf = (r: EnrollmentRecord): ProgramRow => {
    let program = programs.get(r.program_code);
    if (!program) programs.set(r.program_code, (program = programRow(r)));
    return program;
  };
  return records.map((r): EnrollmentRow => ({
    id: r.id,
    areaType: r.area_type,
    amountRule: r.amount_rule,
    tier: r.tier,
    coveredMembers: r.covered_members,
    perCapitaIncomeFen: intIfRead(r.per_capita_income_fen),
    fixedAmountFen: intOrNull(r.fixed_amount_fen),
    startMonth: r.start_month,
    endMonth: r.end_month,
    status: r.status === undefined ? r.status : enrollmentStatusIn(r.status, r.end_month, thisMonth),
    exitReason: r.exit_reason,
    household: { id: r.household_id },
    program: programOf(r),
  }));
}

/** Enrollments of many households, newest first, with their programs. */
export function createEnrollmentsByHouseholdLoader(em: EntityManager, reads: PreparedReads) {
  return perSelection(
    ENROLLMENT_MAP,
    (columns) =>
      new DataLoader<number, EnrollmentRow[]>(async (householdIds) => {
        const rows = await readEnrollments(em, reads, columns, `e.household_id = any(string_to_array(?, ',')::int[])`, [
          keyList(householdIds),
        ]);
        const groups = groupBy(rows, (r) => r.household.id);
        return householdIds.map((id) => groups.get(id) ?? []);
      }),
  );
}

/** Enrollments by id, every column, with their programs (what mutations and review tasks answer). */
export function createEnrollmentRowLoader(em: EntityManager, reads: PreparedReads) {
  const columns = columnsFor(ENROLLMENT_MAP, undefined).join(', ');
  return new DataLoader<number, EnrollmentRow | null>(async (ids) => {
    const rows = await readEnrollments(em, reads, columns, `e.id = any(string_to_array(?, ',')::int[])`, [keyList(ids)]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Payments shown under an enrollment: the most recent months. */
export const RECENT_PAYMENTS = 12;

/**
 * The latest payments of many enrollments in one query. Each enrollment's rows are found through
 * its household (payment_household_month_index): payment.enrollment_id has only a partial index,
 * and filtering the ledger by enrollment alone scans all of it.
 *
 * Each enrollment's rows arrive as one JSON array (`json_agg` of the subquery's rows, whose
 * column names are PaymentRow's property names; bigint columns JSON numbers, months
 * 'YYYY-MM-DD'), so JSON.parse yields the rows themselves. A page shows about a thousand ledger
 * rows: decoding each as a result row, field by field, and copying it into a row object cost the
 * API more than a third of a page's reading, and row-to-JSON is the cheapest way for PostgreSQL
 * to build them (json_build_object per row costs it half as much again; docs/benchmarks.md).
 * Only this list is read so: for the few hundred members and enrollments of a page, building and
 * parsing JSON costs both sides more than it saves.
 */
const PAYMENT_MAP: ColumnMap = {
  always: ['p.id', 'p.month'],
  fields: {
    id: [],
    month: [],
    kind: ['p.kind'],
    amount: ['p.amount_fen as amount'],
    coveredMembers: ['p.covered_members as "coveredMembers"'],
    standard: ['p.standard_fen as standard'],
    note: ['p.note'],
    program: ["json_build_object('code', p.program_code) as program"],
    villageCode: ['p.village_code as "villageCode"'],
    enrollment: ['p.enrollment_id as "enrollmentId"'],
    household: ['p.household_id as "householdId"'],
  },
};

export function createRecentPaymentsLoader(em: EntityManager, reads: PreparedReads) {
  return perSelection(
    PAYMENT_MAP,
    (columns) =>
      new DataLoader<number, PaymentRow[]>(async (enrollmentIds) => {
        const records = await reads.rows<{ enrollment_id: number; payments: PaymentRow[] | null }>(
          em,
          `select e.id as enrollment_id,
         (select json_agg(p order by p.month desc, p.id desc)
            from (
              select ${columns} from payment p where p.household_id = e.household_id and p.enrollment_id = e.id
              order by p.month desc, p.id desc limit ?
            ) p
         ) as payments
       from enrollment e
       where e.id = any(string_to_array(?, ',')::int[])`,
          [RECENT_PAYMENTS, keyList(enrollmentIds)],
        );
        const byEnrollment = new Map<number, PaymentRow[] | null>();
        for (const r of records) byEnrollment.set(r.enrollment_id, r.payments);
        return enrollmentIds.map((id) => byEnrollment.get(id) ?? []);
      }),
  );
}

/** Payroll batches of a county (of a month), newest month first. */
export function payrollBatches(em: EntityManager, countyCode: string, month: string | null): Promise<PayrollBatch[]> {
  return em.find(
    PayrollBatch,
    { county: countyCode, ...(month ? { month: firstDayOfMonth(month) } : {}) },
    { orderBy: { month: 'desc', program: 'asc' } },
  );
}

/** What a page of ledger rows may be narrowed to; months inclusive. */
export interface PaymentFilter {
  region: string;
  programCode?: string | null;
  month?: string | null;
  fromMonth?: string | null;
  toMonth?: string | null;
  householdId?: number | null;
  enrollmentId?: number | null;
}

/** A page of ledger rows in a region, by id. */
export async function paymentPage(
  em: EntityManager,
  filter: PaymentFilter,
  window: { limit: number; afterId: number },
): Promise<{ rows: PaymentRow[]; total: number }> {
  const months = {
    ...(filter.fromMonth ? { $gte: firstDayOfMonth(filter.fromMonth) } : {}),
    ...(filter.toMonth ? { $lte: firstDayOfMonth(filter.toMonth) } : {}),
  };
  const { rows, total } = await keysetPage(
    em,
    Payment,
    {
      villageCode: { $like: `${filter.region}%` },
      ...(filter.programCode ? { program: filter.programCode } : {}),
      ...(filter.month ? { month: firstDayOfMonth(filter.month) } : Object.keys(months).length ? { month: months } : {}),
      ...(filter.householdId != null ? { household: filter.householdId } : {}),
      ...(filter.enrollmentId != null ? { enrollment: filter.enrollmentId } : {}),
    },
    window,
  );
  return { rows: rows.map(paymentRow), total };
}

/** A page of enrollment ids in a region (of a program, active in a month), by id: the rows come from the enrollment loader. */
export async function enrollmentIdPage(
  em: EntityManager,
  filter: { region: string; programCode?: string | null; activeIn?: string | null },
  window: { limit: number; afterId: number },
): Promise<{ ids: number[]; total: number }> {
  const month = filter.activeIn ? firstDayOfMonth(filter.activeIn) : null;
  const where = {
    village: { $like: `${filter.region}%` },
    ...(filter.programCode ? { program: filter.programCode } : {}),
    ...(month ? { startMonth: { $lte: month }, $or: [{ endMonth: null }, { endMonth: { $gte: month } }] } : {}),
  };
  const [found, total] = await Promise.all([
    em.find(Enrollment, { ...where, id: { $gt: window.afterId } }, { orderBy: { id: 'asc' }, limit: window.limit + 1, fields: ['id'] }),
    em.count(Enrollment, where),
  ]);
  return { ids: found.map((e) => e.id), total };
}

/** An enrollment as the API shows it (EnrollmentRow, with its program), read after a change or for a page. */
export async function enrollmentRow(ctx: RequestContext, id: number): Promise<EnrollmentRow> {
  const row = await ctx.loaders.enrollmentById.load(id);
  if (!row) throw new DomainError('NOT_FOUND', `Enrollment ${id} is missing.`);
  return row;
}
