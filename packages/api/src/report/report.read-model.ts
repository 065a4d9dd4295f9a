import { addMonths, firstDayOfMonth, type EntityManager } from '@xingfu/domain';

/**
 * The read model of internal reports: the monthly changes (新增 / 减少 / 调增 / 调减) per program
 * and town, and the personal lists exported as files (payroll list, re-review worklist, ledger
 * extract). Each report is one statement, whatever its size.
 */

/** One program × town line of the monthly change report (the form counties send upward). */
export interface MonthlyChangeRow {
  programCode: string;
  townCode: string;
  townName: string;
  /** 新增: households paid this month and not the month before, and their covered members. */
  addedHouseholds: number;
  addedPersons: number;
  /** 减少: households paid the month before and not this month. */
  removedHouseholds: number;
  removedPersons: number;
  /** 调增 / 调减: households paid both months, more / less this month. */
  raisedHouseholds: number;
  loweredHouseholds: number;
  /** Households paid this month, and their regular payments' total (fen). */
  paidHouseholds: number;
  paidPersons: number;
  paidFen: number;
}

/**
 * 新增 / 减少 / 调增 / 调减 of a month, from the ledger's regular payments (the payroll): a
 * household's regular payments of a program this month compared with the month before.
 */
export async function monthlyChanges(
  em: EntityManager,
  filter: { region: string; month: string; programCode?: string | null },
): Promise<MonthlyChangeRow[]> {
  const month = firstDayOfMonth(filter.month);
  const previous = firstDayOfMonth(addMonths(filter.month, -1));
  const paid = `
    select household_id, program_code, left(max(village_code), 9) as town,
           sum(amount_fen) as amount, max(covered_members) as persons
      from payment
     where kind = 'regular' and month = ?::date and village_code like ? and (?::text is null or program_code = ?)
     group by household_id, program_code`;
  const rows = await em.execute<
    {
      program_code: string;
      town: string;
      town_name: string | null;
      added: number;
      added_persons: number;
      removed: number;
      removed_persons: number;
      raised: number;
      lowered: number;
      paid: number;
      paid_persons: number;
      paid_fen: string;
    }[]
  >(
    `with cur as (${paid}), prev as (${paid}),
     pairs as (
       select coalesce(c.program_code, p.program_code) as program_code, coalesce(c.town, p.town) as town,
              c.household_id as cur_household, p.household_id as prev_household,
              c.amount as cur_amount, p.amount as prev_amount, c.persons as cur_persons, p.persons as prev_persons
         from cur c full join prev p on p.household_id = c.household_id and p.program_code = c.program_code
     )
     select x.program_code, x.town, r.name as town_name,
            count(*) filter (where x.prev_household is null)::int as added,
            coalesce(sum(x.cur_persons) filter (where x.prev_household is null), 0)::int as added_persons,
            count(*) filter (where x.cur_household is null)::int as removed,
            coalesce(sum(x.prev_persons) filter (where x.cur_household is null), 0)::int as removed_persons,
            count(*) filter (where x.cur_amount > x.prev_amount)::int as raised,
            count(*) filter (where x.cur_amount < x.prev_amount)::int as lowered,
            count(x.cur_household)::int as paid,
            coalesce(sum(x.cur_persons), 0)::int as paid_persons,
            coalesce(sum(x.cur_amount), 0)::text as paid_fen
       from pairs x left join region r on r.code = x.town
      group by x.program_code, x.town, r.name
      order by x.program_code, x.town`,
    [month, `${filter.region}%`, filter.programCode ?? null, filter.programCode ?? null].concat([
      previous,
      `${filter.region}%`,
      filter.programCode ?? null,
      filter.programCode ?? null,
    ]),
  );
  return rows.map((r) => ({
    programCode: r.program_code,
    townCode: r.town,
    townName: r.town_name ?? '',
    addedHouseholds: r.added,
    addedPersons: r.added_persons,
    removedHouseholds: r.removed,
    removedPersons: r.removed_persons,
    raisedHouseholds: r.raised,
    loweredHouseholds: r.lowered,
    paidHouseholds: r.paid,
    paidPersons: r.paid_persons,
    paidFen: Number(r.paid_fen),
  }));
}

/** The head of a household's current members, as the lists name households. */
const HEAD = `left join household_member hm on hm.household_id = h.id and hm.relation = 'head' and hm.end_date is null
              left join person hp on hp.id = hm.person_id`;

export interface PayrollListRow {
  paymentId: number;
  villageCode: string;
  villageName: string;
  householdId: number;
  headName: string | null;
  headIdNumber: string | null;
  programCode: string;
  month: string;
  coveredMembers: number;
  amountFen: number;
  standardFen: number | null;
}

/** The county of a batch (for the scope check), or null. */
export async function batchCounty(em: EntityManager, batchId: number): Promise<{ county: string; month: string; program: string } | null> {
  const rows = await em.execute<{ county: string; month: string; program: string }[]>(
    `select county_code as county, to_char(month, 'YYYY-MM') as month, program_code as program from payroll_batch where id = ?`,
    [batchId],
  );
  return rows[0] ?? null;
}

/** 发放名册: every payment of a batch with its household's head, by village. */
export async function payrollList(em: EntityManager, filter: { batchId: number; region: string }): Promise<PayrollListRow[]> {
  const rows = await em.execute<
    {
      id: number;
      village_code: string;
      village_name: string | null;
      household_id: number;
      head_name: string | null;
      head_id_number: string | null;
      program_code: string;
      month: string;
      covered_members: number;
      amount_fen: string;
      standard_fen: string | null;
    }[]
  >(
    `select p.id, p.village_code, v.name as village_name, p.household_id, hp.name as head_name, hp.id_number as head_id_number,
            p.program_code, to_char(p.month, 'YYYY-MM') as month, p.covered_members, p.amount_fen::text, p.standard_fen::text
       from payment p join household h on h.id = p.household_id
       left join region v on v.code = p.village_code
       ${HEAD}
      where p.batch_id = ? and p.village_code like ?
      order by p.village_code, p.id`,
    [filter.batchId, `${filter.region}%`],
  );
  return rows.map((r) => ({
    paymentId: Number(r.id),
    villageCode: r.village_code,
    villageName: r.village_name ?? '',
    householdId: r.household_id,
    headName: r.head_name,
    headIdNumber: r.head_id_number,
    programCode: r.program_code,
    month: r.month,
    coveredMembers: r.covered_members,
    amountFen: Number(r.amount_fen),
    standardFen: r.standard_fen == null ? null : Number(r.standard_fen),
  }));
}

export interface ReviewWorklistRow {
  taskId: number;
  villageCode: string;
  villageName: string;
  householdId: number;
  headName: string | null;
  headIdNumber: string | null;
  programCode: string;
  appointmentAt: string | null;
  visitedOn: string | null;
  outcome: string | null;
}

/** 复核工作清单: a campaign's tasks in the region, those still to be decided first, by village. */
export async function reviewWorklist(em: EntityManager, filter: { campaignId: number; region: string }): Promise<ReviewWorklistRow[]> {
  const rows = await em.execute<
    {
      id: number;
      village_code: string;
      village_name: string | null;
      household_id: number;
      head_name: string | null;
      head_id_number: string | null;
      program_code: string;
      appointment_at: Date | null;
      visited_on: string | null;
      outcome: string | null;
    }[]
  >(
    `select t.id, t.village_code, v.name as village_name, t.household_id, hp.name as head_name, hp.id_number as head_id_number,
            e.program_code, t.appointment_at, to_char(t.visited_on, 'YYYY-MM-DD') as visited_on, t.outcome::text as outcome
       from review_task t join household h on h.id = t.household_id join enrollment e on e.id = t.enrollment_id
       left join region v on v.code = t.village_code
       ${HEAD}
      where t.campaign_id = ? and t.village_code like ?
      order by (t.outcome is not null), t.village_code, t.id`,
    [filter.campaignId, `${filter.region}%`],
  );
  return rows.map((r) => ({
    taskId: r.id,
    villageCode: r.village_code,
    villageName: r.village_name ?? '',
    householdId: r.household_id,
    headName: r.head_name,
    headIdNumber: r.head_id_number,
    programCode: r.program_code,
    appointmentAt: r.appointment_at ? new Date(r.appointment_at).toISOString() : null,
    visitedOn: r.visited_on,
    outcome: r.outcome,
  }));
}

export interface LedgerExtractRow {
  enrollmentId: number;
  villageCode: string;
  villageName: string;
  householdId: number;
  headName: string | null;
  headIdNumber: string | null;
  programCode: string;
  coveredMembers: number;
  perCapitaIncomeFen: number;
  fixedAmountFen: number | null;
  startMonth: string;
  endMonth: string | null;
  paidFen: number;
}

/** 台账摘录: enrollments paid in a month in the region, with their household's head and the month's net paid. */
export async function ledgerExtract(
  em: EntityManager,
  filter: { region: string; month: string; programCode?: string | null },
): Promise<LedgerExtractRow[]> {
  const month = firstDayOfMonth(filter.month);
  const rows = await em.execute<
    {
      id: number;
      village_code: string;
      village_name: string | null;
      household_id: number;
      head_name: string | null;
      head_id_number: string | null;
      program_code: string;
      covered_members: number;
      per_capita_income_fen: string;
      fixed_amount_fen: string | null;
      start_month: string;
      end_month: string | null;
      paid_fen: string;
    }[]
  >(
    `select e.id, e.village_code, v.name as village_name, e.household_id, hp.name as head_name, hp.id_number as head_id_number,
            e.program_code, e.covered_members, e.per_capita_income_fen::text, e.fixed_amount_fen::text,
            to_char(e.start_month, 'YYYY-MM') as start_month, to_char(e.end_month, 'YYYY-MM') as end_month,
            coalesce((select sum(p.amount_fen) from payment p
                       where p.household_id = e.household_id and p.enrollment_id = e.id and p.month = ?), 0)::text as paid_fen
       from enrollment e join household h on h.id = e.household_id
       left join region v on v.code = e.village_code
       ${HEAD}
      where e.village_code like ? and e.start_month <= ? and (e.end_month is null or e.end_month >= ?)
        and (?::text is null or e.program_code = ?)
      order by e.village_code, e.id`,
    [month, `${filter.region}%`, month, month, filter.programCode ?? null, filter.programCode ?? null],
  );
  return rows.map((r) => ({
    enrollmentId: r.id,
    villageCode: r.village_code,
    villageName: r.village_name ?? '',
    householdId: r.household_id,
    headName: r.head_name,
    headIdNumber: r.head_id_number,
    programCode: r.program_code,
    coveredMembers: r.covered_members,
    perCapitaIncomeFen: Number(r.per_capita_income_fen),
    fixedAmountFen: r.fixed_amount_fen == null ? null : Number(r.fixed_amount_fen),
    startMonth: r.start_month,
    endMonth: r.end_month,
    paidFen: Number(r.paid_fen),
  }));
}
