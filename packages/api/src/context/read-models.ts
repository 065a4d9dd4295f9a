import type { Enrollment, EntityManager, Household, HouseholdMember, Payment, Person, Program } from '@xingfu/domain';
import DataLoader from 'dataloader';
import type { PreparedReads } from './prepared-reads.js';
import type { Selection } from './selection.js';

/*
 * Read models of the nested read paths (households → members → person, enrollments → payments):
 * the columns a response can show, as plain objects shaped like the entities (references as
 * { id } or { code }), each list read with one SQL statement. A page of 100 households carries
 * about 1,500 rows; hydrating them as managed entities (identity map, a reference object per
 * foreign key) was most of the API's CPU time and garbage. Resolvers take an entity or a row.
 *
 * The list loaders read only the columns the operation asks for (a Selection of the GraphQL
 * fields; keys always): a page's rows are mostly ledger rows, and every column read is a string
 * to decode and keep. The fields of a row the operation did not ask for are undefined; a field the
 * column maps below do not name (one added later) makes the loader read every column.
 */

export type HouseholdRow = Pick<Household, 'id' | 'publicId' | 'areaType' | 'address' | 'phone'> & { village: { code: string } };

export type PersonRow = Pick<
  Person,
  'id' | 'idNumber' | 'name' | 'sex' | 'birthDate' | 'phone' | 'disabilityCategory' | 'disabilityLevel' | 'deceasedOn'
>;

/** A membership with its person (read in the same statement). */
export type MemberRow = Pick<HouseholdMember, 'id' | 'relation' | 'startDate' | 'endDate'> & {
  household: { id: number };
  person: PersonRow;
};

export type ProgramRow = Pick<
  Program,
  'code' | 'name' | 'category' | 'frequency' | 'unit' | 'amountRule' | 'disclosure' | 'minorsOnly' | 'description'
>;

export type EnrollmentRow = Pick<
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
  | 'status'
  | 'exitReason'
> & { household: { id: number }; program: ProgramRow };

/**
 * A ledger row as the API shows it: its amounts (fen) under the names of their GraphQL fields, so
 * they resolve as plain properties (a field with a resolver costs a call, a resolve info and a
 * path per row, and a page shows a thousand ledger rows).
 */
export type PaymentRow = Pick<Payment, 'id' | 'month' | 'kind' | 'coveredMembers' | 'note' | 'villageCode'> & {
  amount: number;
  standard: number | null | undefined;
  program: { code: string };
};

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
  };
}

/** bigint columns arrive as strings; every single amount and id is far below 2^53. Columns not read stay undefined. */
const int = (value: string | number): number => (value === undefined ? value : Number(value));
const intOrNull = (value: string | number | null): number | null => (value === null || value === undefined ? value : Number(value));

/**
 * The columns of a read model: those always read (keys), and those each field of its GraphQL
 * type needs, by field name (a nested object's fields by its own map).
 */
interface ColumnMap {
  always: readonly string[];
  fields: Readonly<Record<string, readonly string[] | ColumnMap>>;
}

const isColumns = (field: readonly string[] | ColumnMap): field is readonly string[] => Array.isArray(field);

function allColumns(map: ColumnMap): string[] {
  return [...map.always, ...Object.values(map.fields).flatMap((field) => (isColumns(field) ? field : allColumns(field)))];
}

/** The columns a selection needs; every column when it asks for a field the map does not know. */
function columnsFor(map: ColumnMap, selection: Selection | undefined): string[] {
  if (!selection) return [...new Set(allColumns(map))];
  const columns = new Set(map.always);
  for (const name of selection.names()) {
    if (name === '__typename') continue;
    const field = map.fields[name];
    if (field === undefined) return [...new Set(allColumns(map))];
    for (const column of isColumns(field) ? field : columnsFor(field, selection.of(name))) columns.add(column);
  }
  return [...columns];
}

/**
 * One loader per selection (all items of a list share theirs, so a page level is still one
 * statement), reading the columns it needs; without a selection, every column.
 */
function perSelection<V>(map: ColumnMap, create: (columns: string) => DataLoader<number, V>) {
  const loaders = new Map<string, DataLoader<number, V>>();
  const bySelection = new WeakMap<Selection, DataLoader<number, V>>();
  const forColumns = (columns: string) => {
    let loader = loaders.get(columns);
    if (!loader) loaders.set(columns, (loader = create(columns)));
    return loader;
  };
  return (selection?: Selection): DataLoader<number, V> => {
    if (!selection) return forColumns(columnsFor(map, undefined).join(', '));
    let loader = bySelection.get(selection);
    if (!loader) bySelection.set(selection, (loader = forColumns(columnsFor(map, selection).join(', '))));
    return loader;
  };
}

/** Keys of a batch as one array parameter (the ORM expands a JS array into a list of parameters). */
const keyList = (keys: readonly number[]) => keys.join(',');

function groupBy<R, K>(rows: R[], key: (row: R) => K): Map<K, R[]> {
  const groups = new Map<K, R[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

interface HouseholdRecord {
  id: number;
  public_id: string;
  area_type: Household['areaType'];
  address: string;
  phone: string | null;
  village_code: string;
}

/** Columns of `household h` for `householdRow`. */
export const HOUSEHOLD_COLUMNS = 'h.id, h.public_id, h.area_type, h.address, h.phone, h.village_code';

export function householdRow(r: HouseholdRecord): HouseholdRow {
  return { id: r.id, publicId: r.public_id, areaType: r.area_type, address: r.address, phone: r.phone, village: { code: r.village_code } };
}

/** Reads households with a `where` on `household h` (and its parameters), in id order. */
export async function findHouseholdRows(em: EntityManager, where: string, params: unknown[], limit: number): Promise<HouseholdRow[]> {
  const records = await em.execute<HouseholdRecord[]>(`select ${HOUSEHOLD_COLUMNS} from household h where ${where} order by h.id limit ?`, [
    ...params,
    limit,
  ]);
  return records.map(householdRow);
}

interface PersonRecord {
  person_id: number;
  id_number: string;
  name: string;
  sex: Person['sex'];
  birth_date: string;
  phone: string | null;
  disability_category: string | null;
  disability_level: number | null;
  deceased_on: string | null;
}

const PERSON_COLUMNS =
  'p.id as person_id, p.id_number, p.name, p.sex, p.birth_date, p.phone, p.disability_category, p.disability_level, p.deceased_on';

const PERSON_MAP: ColumnMap = {
  always: ['p.id as person_id'],
  fields: {
    id: [],
    idNumber: ['p.id_number'],
    name: ['p.name'],
    sex: ['p.sex'],
    birthDate: ['p.birth_date'],
    phone: ['p.phone'],
    disabilityCategory: ['p.disability_category'],
    disabilityLevel: ['p.disability_level'],
    deceasedOn: ['p.deceased_on'],
  },
};

const MEMBER_MAP: ColumnMap = {
  always: ['m.id', 'm.household_id'],
  fields: { id: [], relation: ['m.relation'], startDate: ['m.start_date'], endDate: ['m.end_date'], person: PERSON_MAP },
};

function personRow(r: PersonRecord): PersonRow {
  return {
    id: r.person_id,
    idNumber: r.id_number,
    name: r.name,
    sex: r.sex,
    birthDate: r.birth_date,
    phone: r.phone,
    disabilityCategory: r.disability_category,
    disabilityLevel: r.disability_level,
    deceasedOn: r.deceased_on,
  };
}

interface MemberRecord extends PersonRecord {
  id: number;
  household_id: number;
  relation: HouseholdMember['relation'];
  start_date: string;
  end_date: string | null;
}

/**
 * Current members of many households, with their persons, by id. The person of each membership is
 * looked up by primary key (a lateral subquery the planner cannot turn into a hash join): for a
 * page of a few hundred members, a plain join is planned as a scan of the whole person table
 * (5 ms at county scale against 0.3 ms, docs/benchmarks.md).
 */
export function createCurrentMembersLoader(em: EntityManager, reads: PreparedReads) {
  return perSelection(
    MEMBER_MAP,
    (columns) =>
      new DataLoader<number, MemberRow[]>(async (householdIds) => {
        const records = await reads.rows<MemberRecord>(
          em,
          `select ${columns}
       from household_member m cross join lateral (select * from person p where p.id = m.person_id limit 1) p
       where m.end_date is null and m.household_id = any(string_to_array(?, ',')::int[]) order by m.id`,
          [keyList(householdIds)],
        );
        const rows = records.map((r): MemberRow => ({
          id: r.id,
          relation: r.relation,
          startDate: r.start_date,
          endDate: r.end_date,
          household: { id: r.household_id },
          person: personRow(r),
        }));
        const groups = groupBy(rows, (r) => r.household.id);
        return householdIds.map((id) => groups.get(id) ?? []);
      }),
  );
}

export function createPersonRowLoader(em: EntityManager, reads: PreparedReads) {
  return new DataLoader<number, PersonRow | null>(async (ids) => {
    const records = await reads.rows<PersonRecord>(
      em,
      `select ${PERSON_COLUMNS} from person p where p.id = any(string_to_array(?, ',')::int[])`,
      [keyList(ids)],
    );
    const byId = new Map(records.map((r) => [r.person_id, personRow(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  });
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
    status: ['e.status'],
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
    perCapitaIncomeFen: int(r.per_capita_income_fen),
    fixedAmountFen: intOrNull(r.fixed_amount_fen),
    startMonth: r.start_month,
    endMonth: r.end_month,
    status: r.status,
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
