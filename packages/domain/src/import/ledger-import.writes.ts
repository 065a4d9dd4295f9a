import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../access/actor.js';
import { today } from '../access/clock.js';
import { newPublicId } from '../household/household.service.js';
import type { AreaType } from '../program/standard.entity.js';

/**
 * The writes of a ledger import, set-based: each kind of record is written by one statement for
 * the whole file (the rows travel as one JSON parameter, unpacked by jsonb_to_recordset), and the
 * same statement writes the audit entries of what it created — one entry per record, as the
 * services write them (registerHousehold, addHouseholdMember, createEnrollment), the record's
 * columns as the entry's `after`. Everything runs in the import's transaction; the checks that
 * need the written households (covered members, programs that exclude each other) run in SQL
 * before any enrollment is written and answer the rows they refuse.
 */

export interface NewMember {
  idNumber: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  relation: string;
  startDate: string | null;
}

export interface HouseholdWrite {
  headIdNumber: string;
  villageCode: string;
  areaType: AreaType;
  /** The household of the ledger this file's household is, or null for a new one. */
  existingId: number | null;
  /** Members to add (every member of a new household). */
  members: NewMember[];
}

export interface EnrollmentWrite {
  row: number;
  headIdNumber: string;
  personIdNumber: string | null;
  programCode: string;
  /** Whom the program pays: a household, or one person of it. */
  unit: 'household' | 'person';
  /** 'YYYY-MM' */
  startMonth: string;
  coveredMembers: number | null;
  perCapitaIncomeFen: number;
  tier: string;
  fixedAmountFen: number | null;
}

export interface RefusedRow {
  row: number;
  code: 'INVALID_MEMBER_COUNT' | 'ALREADY_ENROLLED' | 'PROGRAM_EXCLUSION';
  message: string;
}

/** Rows per statement: a parameter of a few MB at most. */
const CHUNK = 20_000;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * A record as its entity's snapshot would show it: the row's columns in camelCase, a reference
 * by the relation's name (village_code → village, household_id → household).
 */
function snapshotOf(alias: string): string {
  return `(select jsonb_object_agg(
             lower(left(k, 1)) || substr(replace(initcap(replace(k, '_', ' ')), ' ', ''), 2), v)
           from jsonb_each(to_jsonb(${alias})) as j(column_name, v),
           lateral (select regexp_replace(column_name,
             '^(county|village|program|household|person|application|previous_enrollment|facility)_(id|code)$', '\\1') as k) n)`;
}

/** Audit entries of the records a CTE `new` created, one each, as `actor` made them. */
function auditOf(action: string, entity: string, region: string, from = 'new'): string {
  return `insert into audit_entry (actor, actor_role, actor_region, action, entity, entity_id, region_code, after)
          select ?, ?, ?, '${action}', '${entity}', new.id::text, ${region}, ${snapshotOf('new')} from ${from}`;
}

const actorParams = (actor: Actor) => [actor.subject, actor.role, actor.regionCode];

/**
 * Writes households and their members: new households (audited as registerHousehold) with their
 * persons and memberships, and members added to households of the ledger (audited as
 * addHouseholdMember). Answers the household id of each head's ID number. Households of the
 * ledger the file adds to are taken for update first, as the services take them.
 */
export async function writeHouseholds(
  em: EntityManager,
  actor: Actor,
  households: HouseholdWrite[],
  onWritten: (rows: number) => void,
): Promise<Map<string, number>> {
  // the statements below join thousands of rows on each side, to tables whose statistics do not
  // know yet what this transaction wrote: hash joins, not nested loops, whatever the estimates
  await em.execute('set local enable_nestloop = off');
  const idOf = new Map<string, number>();
  const existing = households.filter((h) => h.existingId != null);
  for (const h of existing) idOf.set(h.headIdNumber, h.existingId!);
  const extended = existing.filter((h) => h.members.length > 0).map((h) => h.existingId!);
  if (extended.length > 0) {
    await em.execute(`select id from household where id = any(string_to_array(?, ',')::int[]) order by id for update`, [
      extended.join(','),
    ]);
  }
  // new households, each with a public id of its own, audited as registerHousehold
  for (const chunk of chunks(households.filter((h) => h.existingId == null))) {
    const rows = chunk.map((h) => ({ public_id: newPublicId(), head: h.headIdNumber, village_code: h.villageCode, area_type: h.areaType }));
    const created = await em.execute<{ id: number; public_id: string }[]>(
      `with x as (select * from jsonb_to_recordset(?::jsonb) as x(public_id text, village_code text, area_type text)),
            new as (
              insert into household (public_id, county_code, village_code, area_type)
              select public_id, left(village_code, 6), village_code, area_type::area_type from x
              returning *),
            audited as (${auditOf('registerHousehold', 'household', 'new.village_code')})
       select id, public_id from new`,
      [JSON.stringify(rows), ...actorParams(actor)],
    );
    const byPublicId = new Map(created.map((c) => [c.public_id, c.id]));
    for (const r of rows) idOf.set(r.head, byPublicId.get(r.public_id)!);
  }
  // persons and their memberships; a membership of a household of the ledger is audited as addHouseholdMember
  const day = today();
  const members = households.flatMap((h) =>
    h.members.map((m) => ({
      household_id: idOf.get(h.headIdNumber)!,
      added: h.existingId != null,
      id_number: m.idNumber,
      name: m.name,
      sex: m.sex,
      birth_date: m.birthDate,
      relation: m.relation,
      start_date: m.startDate ?? day,
    })),
  );
  let written = 0;
  for (const chunk of chunks(members)) {
    await em.execute(
      `with x as (
              select * from jsonb_to_recordset(?::jsonb)
                as x(household_id int, added boolean, id_number text, name text, sex text, birth_date date, relation text, start_date date)),
            persons as (
              insert into person (id_number, name, sex, birth_date)
              select id_number, name, sex::sex, birth_date from x
              returning id, id_number),
            new as (
              insert into household_member (household_id, person_id, relation, start_date)
              select x.household_id, p.id, x.relation::member_relation, x.start_date from x join persons p using (id_number)
              returning *),
            audited as (
              ${auditOf('addHouseholdMember', 'household_member', 'h.village_code', `new join household h on h.id = new.household_id join x using (household_id) join persons p on p.id = new.person_id and p.id_number = x.id_number where x.added`)})
       select count(*)::int as n from new`,
      [JSON.stringify(chunk), ...actorParams(actor)],
    );
    written += chunk.length;
    onWritten(written);
  }
  return idOf;
}

/**
 * Checks the enrollments against the households as written and the ledger's active enrollments,
 * and writes them (audited as createEnrollment) when no row is refused. A row is refused when it
 * covers more members than the household has, or overlaps an active enrollment (of the ledger,
 * or an earlier row of the file) of the same program or of a program that excludes it, for the
 * same people — the checks createEnrollment makes one by one.
 */
export async function writeEnrollments(
  em: EntityManager,
  actor: Actor,
  enrollments: EnrollmentWrite[],
  householdOf: (headIdNumber: string) => number,
  onWritten: (rows: number) => void,
): Promise<RefusedRow[]> {
  if (enrollments.length === 0) return [];
  const householdIds = [...new Set(enrollments.map((e) => householdOf(e.headIdNumber)))];
  // current members of every household concerned, as written: one grouped read
  const members = new Map<number, number>();
  for (const chunk of chunks(householdIds)) {
    const counts = await em.execute<{ household_id: number; n: number }[]>(
      `select household_id, count(*)::int as n from household_member
        where end_date is null and household_id = any(string_to_array(?, ',')::int[]) group by household_id`,
      [chunk.join(',')],
    );
    for (const c of counts) members.set(c.household_id, c.n);
  }
  const refused: RefusedRow[] = [];
  const rows = enrollments.map((e) => {
    const household = householdOf(e.headIdNumber);
    const n = members.get(household) ?? 0;
    // all current members of the household (one for a per-person program) unless given
    const covered = e.coveredMembers ?? (e.unit === 'person' ? 1 : n);
    if (covered > n)
      refused.push({ row: e.row, code: 'INVALID_MEMBER_COUNT', message: `Covered members (${covered}) exceed the household's ${n}.` });
    return {
      sheet_row: e.row,
      household_id: household,
      person_id_number: e.personIdNumber,
      program_code: e.programCode,
      start_month: `${e.startMonth}-01`,
      covered_members: covered,
      per_capita_income_fen: e.perCapitaIncomeFen,
      fixed_amount_fen: e.fixedAmountFen,
      tier: e.tier,
    };
  });
  await em.execute(
    `create temporary table import_enrollment (
       sheet_row int not null, household_id int not null, person_id int, program_code text not null, start_month date not null,
       covered_members int not null, per_capita_income_fen bigint not null, fixed_amount_fen bigint, tier text not null
     ) on commit drop`,
  );
  for (const chunk of chunks(rows)) {
    await em.execute(
      `insert into import_enrollment
       select x.sheet_row, x.household_id, p.id, x.program_code, x.start_month, x.covered_members, x.per_capita_income_fen, x.fixed_amount_fen, x.tier
         from jsonb_to_recordset(?::jsonb) as x(sheet_row int, household_id int, person_id_number text, program_code text, start_month date,
                covered_members int, per_capita_income_fen bigint, fixed_amount_fen bigint, tier text)
         left join person p on p.id_number = x.person_id_number`,
      [JSON.stringify(chunk)],
    );
  }
  await em.execute('analyze import_enrollment');
  // overlaps, for the same people (a household enrollment covers every member): with an active
  // enrollment of the ledger, or with an earlier row of the file, of the same program or of a
  // program that excludes it; the first one found names the row's refusal
  const overlaps = await em.execute<RefusedRow[]>(
    `with overlap as (
       select x.sheet_row, x.program_code, e.program_code as other, 'in the ledger' as source
         from import_enrollment x
         join enrollment e on e.household_id = x.household_id and e.status = 'active'
        where (x.person_id is null or e.person_id is null or e.person_id = x.person_id)
          and (e.program_code = x.program_code
               or (x.program_code, e.program_code) in (select program_code, excluded_program_code from program_exclusion))
       union all
       select x.sheet_row, x.program_code, y.program_code, 'row ' || y.sheet_row || ' of this file'
         from import_enrollment x
         join import_enrollment y on y.household_id = x.household_id and y.sheet_row < x.sheet_row
        where (x.person_id is null or y.person_id is null or y.person_id = x.person_id)
          and (y.program_code = x.program_code
               or (x.program_code, y.program_code) in (select program_code, excluded_program_code from program_exclusion)
               or (y.program_code, x.program_code) in (select program_code, excluded_program_code from program_exclusion)))
     select distinct on (o.sheet_row) o.sheet_row as row,
            case when o.other = o.program_code then 'ALREADY_ENROLLED' else 'PROGRAM_EXCLUSION' end as code,
            case when o.other = o.program_code
                 then 'Already enrolled in ' || px.name || ' (' || o.source || '): change that enrollment through a re-review.'
                 else px.name || ' excludes ' || po.name || ' (' || o.source || '), which covers someone in this household: end that enrollment first.'
            end as message
       from overlap o join program px on px.code = o.program_code join program po on po.code = o.other
      order by o.sheet_row, o.source`,
  );
  refused.push(...overlaps);
  if (refused.length > 0) return refused.sort((a, b) => a.row - b.row);
  await em.execute(
    `with new as (
       insert into enrollment (program_code, household_id, person_id, county_code, village_code, area_type, amount_rule, tier,
                               covered_members, per_capita_income_fen, fixed_amount_fen, start_month)
       select x.program_code, x.household_id, x.person_id, h.county_code, h.village_code, h.area_type, p.amount_rule, x.tier,
              x.covered_members, x.per_capita_income_fen, x.fixed_amount_fen, x.start_month
         from import_enrollment x join household h on h.id = x.household_id join program p on p.code = x.program_code
        order by x.sheet_row
       returning *)
     ${auditOf('createEnrollment', 'enrollment', 'new.village_code')}`,
    actorParams(actor),
  );
  onWritten(enrollments.length);
  return [];
}
