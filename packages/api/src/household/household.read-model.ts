import { Person, personVillage, type EntityManager, type Household, type HouseholdMember } from '@xingfu/domain';
import DataLoader from 'dataloader';
import { groupBy, keyList, perSelection, type ColumnMap, type Selected } from '../context/columns.js';
import type { PreparedReads } from '../context/prepared-reads.js';

/**
 * The read model of households: every read statement of the feature (households, their current
 * members with their persons, persons by key), its rows and column maps. Rows are plain objects
 * shaped like the entities (references as { id } or { code }).
 */

/** A household: every column (a page of households reads them all). */
export type HouseholdRow = Pick<Household, 'id' | 'publicId' | 'areaType' | 'address' | 'phone'> & { village: { code: string } };

/** A person as read for a selection: the key always, the other fields when asked for (every one by key). */
export type PersonRow = Selected<
  Pick<Person, 'id' | 'idNumber' | 'name' | 'sex' | 'birthDate' | 'phone' | 'disabilityCategory' | 'disabilityLevel' | 'deceasedOn'>,
  'id'
>;

/** A membership with its person (read in the same statement), for a selection like PersonRow. */
export type MemberRow = Selected<Pick<HouseholdMember, 'id' | 'relation' | 'startDate' | 'endDate'>, 'id'> & {
  household: { id: number };
  person: PersonRow;
};

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

/**
 * A page of households in a region (with an active enrollment in a program), by id, and — only
 * when asked for: counting a county's households costs more than reading a page — their count.
 */
export async function householdPage(
  em: EntityManager,
  filter: { region: string; programCode?: string | null },
  window: { limit: number; afterId: number },
  withCount: boolean,
): Promise<{ rows: HouseholdRow[]; total: number }> {
  const where = `h.village_code like ? ${filter.programCode ? `and exists (select 1 from enrollment e where e.household_id = h.id and e.status = 'active' and e.program_code = ?)` : ''}`;
  const params = [`${filter.region}%`, ...(filter.programCode ? [filter.programCode] : [])];
  const [records, count] = await Promise.all([
    em.execute<HouseholdRecord[]>(`select ${HOUSEHOLD_COLUMNS} from household h where ${where} and h.id > ? order by h.id limit ?`, [
      ...params,
      window.afterId,
      window.limit + 1,
    ]),
    withCount
      ? em.execute<{ count: number }[]>(`select count(*)::int as count from household h where ${where}`, params)
      : Promise.resolve([]),
  ]);
  return { rows: records.map(householdRow), total: count[0]?.count ?? 0 };
}

/**
 * A person by ID number when their region (their latest membership's village) lies under
 * `region`; null otherwise, whether or not the number is registered elsewhere (no oracle).
 */
export async function personByIdNumber(em: EntityManager, idNumber: string, region: string): Promise<Person | null> {
  const person = await em.findOne(Person, { idNumber });
  const village = person ? await personVillage(em, person.id) : null;
  return person && village?.startsWith(region) ? person : null;
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
