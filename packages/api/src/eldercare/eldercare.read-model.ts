import {
  ElderFacility,
  ElderHazard,
  ElderInspection,
  HomeModification,
  HomeService,
  today,
  type Actor,
  type ChecklistItem,
  type EntityManager,
  type FacilityKind,
  type HazardCategory,
  type HazardState,
  type HomeServiceKind,
  type ModificationState,
} from '@xingfu/domain';
import DataLoader from 'dataloader';
import { groupBy, keyList, keysetPage } from '../context/columns.js';

/*
 * The read model of elder care: pages of facilities, hazards, home services and modifications
 * (keyset pages, scoped to the caller's region and, for a facility manager, its facility), and the
 * loaders of a facility's nested lists — one statement per list and level, whatever the page size.
 */

/** Most recent rows of a facility's nested lists. */
export const RECENT = { capacityRecords: 24, inspections: 10, activityMonths: 24, hazardsPerFacility: 50, followUps: 10 } as const;

/** Where a list of the caller's elder care lies: its region (a prefix), and its facility for a facility manager. */
export interface ElderCareScope {
  region: string;
  facilityId: number | null;
}

export function elderCareScope(actor: Actor, region: string): ElderCareScope {
  return { region, facilityId: actor.role === 'facility_manager' ? (actor.facilityId ?? -1) : null };
}

const facilityWhere = (scope: ElderCareScope) => (scope.facilityId === null ? {} : { facility: scope.facilityId });

export function facilityPage(
  em: EntityManager,
  scope: ElderCareScope,
  filter: { kind?: FacilityKind | null; open?: boolean | null },
  window: { limit: number; afterId: number },
) {
  return keysetPage(
    em,
    ElderFacility,
    {
      villageCode: { $like: `${scope.region}%` },
      ...(scope.facilityId === null ? {} : { $and: [{ id: scope.facilityId }] }),
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.open === true ? { closedOn: null } : filter.open === false ? { closedOn: { $ne: null } } : {}),
    },
    window,
  );
}

export function facilityById(em: EntityManager, id: number): Promise<ElderFacility | null> {
  return em.findOne(ElderFacility, { id });
}

export function inspectionById(em: EntityManager, id: number): Promise<ElderInspection | null> {
  return em.findOne(ElderInspection, { id });
}

export function hazardPage(
  em: EntityManager,
  scope: ElderCareScope,
  filter: { state?: HazardState | null; category?: HazardCategory | null; overdueOnly?: boolean },
  window: { limit: number; afterId: number },
) {
  return keysetPage(
    em,
    ElderHazard,
    {
      villageCode: { $like: `${scope.region}%` },
      ...facilityWhere(scope),
      ...(filter.state ? { state: filter.state } : {}),
      ...(filter.category ? { category: filter.category } : {}),
      ...(filter.overdueOnly ? { state: 'open', deadline: { $lt: today() } } : {}),
    },
    window,
  );
}

export function homeServicePage(
  em: EntityManager,
  region: string,
  filter: { month?: string | null; kind?: HomeServiceKind | null },
  window: { limit: number; afterId: number },
) {
  return keysetPage(
    em,
    HomeService,
    {
      villageCode: { $like: `${region}%` },
      ...(filter.month ? { month: `${filter.month}-01` } : {}),
      ...(filter.kind ? { kind: filter.kind } : {}),
    },
    window,
  );
}

export function homeModificationPage(
  em: EntityManager,
  region: string,
  filter: { year?: number | null; state?: ModificationState | null },
  window: { limit: number; afterId: number },
) {
  return keysetPage(
    em,
    HomeModification,
    {
      villageCode: { $like: `${region}%` },
      ...(filter.year ? { year: filter.year } : {}),
      ...(filter.state ? { state: filter.state } : {}),
    },
    window,
  );
}

// ---------------------------------------------------------------------------------------------
// Rows of the nested lists

export interface CapacityRow {
  id: number;
  facilityId: number;
  recordedOn: string;
  beds: number;
  occupiedBeds: number;
  staff: number;
  caregiversLevel5: number;
  caregiversLevel4: number;
  caregiversLevel3: number;
  caregiversLevel2: number;
  caregiversLevel1: number;
}

export interface InspectionRow {
  id: number;
  facilityId: number;
  inspectedOn: string;
  team: string;
  jointWithFireBrigade: boolean;
  checklist: ChecklistItem[];
}

export interface HazardRow {
  id: number;
  facilityId: number;
  inspectionId: number;
  category: HazardCategory;
  description: string;
  foundOn: string;
  state: HazardState;
  deadline: string | null;
  responsible: string | null;
  closedOn: string | null;
}

export interface FollowUpRow {
  id: number;
  hazardId: number;
  visitedOn: string;
  rectified: boolean;
  note: string;
}

export interface ActivityRow {
  facilityId: number;
  month: string;
  peopleServed: number;
  meals: number;
}

export interface FacilityHazardCounts {
  open: number;
  overdue: number;
  found: number;
}

const CAPACITY_COLUMNS = `c.id, c.facility_id as "facilityId", c.recorded_on::text as "recordedOn", c.beds, c.occupied_beds as "occupiedBeds",
  c.staff, c.caregivers_level5 as "caregiversLevel5", c.caregivers_level4 as "caregiversLevel4", c.caregivers_level3 as "caregiversLevel3",
  c.caregivers_level2 as "caregiversLevel2", c.caregivers_level1 as "caregiversLevel1"`;
const INSPECTION_COLUMNS = `i.id, i.facility_id as "facilityId", i.inspected_on::text as "inspectedOn", i.team,
  i.joint_with_fire_brigade as "jointWithFireBrigade", i.checklist`;
const HAZARD_COLUMNS = `h.id, h.facility_id as "facilityId", h.inspection_id as "inspectionId", h.category, h.description,
  h.found_on::text as "foundOn", h.state, h.deadline::text as deadline, h.responsible, h.closed_on::text as "closedOn"`;

const ids = `any(string_to_array(?, ',')::int[])`;

/** A loader of each key's rows, read with one statement for all keys. */
function manyLoader<R>(em: EntityManager, sql: string, keyOf: (row: R) => number, extra: unknown[] = []) {
  return new DataLoader<number, R[]>(async (keys) => {
    const rows = await em.execute<R[]>(sql, [keyList(keys), ...extra]);
    const grouped = groupBy(rows, keyOf);
    return keys.map((key) => grouped.get(key) ?? []);
  });
}

/** The per-request loaders of elder care (context/loaders.ts holds them as `elderCare`). */
export function createElderCareLoaders(em: EntityManager) {
  return {
    facilityById: new DataLoader<number, ElderFacility | null>(async (keys) => {
      const rows = await em.find(ElderFacility, { id: { $in: [...keys] } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return keys.map((key) => byId.get(key) ?? null);
    }),
    latestCapacityByFacility: new DataLoader<number, CapacityRow | null>(async (keys) => {
      const rows = await em.execute<CapacityRow[]>(
        `select distinct on (c.facility_id) ${CAPACITY_COLUMNS} from elder_facility_capacity c
         where c.facility_id = ${ids} order by c.facility_id, c.recorded_on desc`,
        [keyList(keys)],
      );
      const byFacility = new Map(rows.map((row) => [row.facilityId, row]));
      return keys.map((key) => byFacility.get(key) ?? null);
    }),
    capacityRecordsByFacility: manyLoader<CapacityRow>(
      em,
      `select * from (select ${CAPACITY_COLUMNS}, row_number() over (partition by c.facility_id order by c.recorded_on desc) as n
         from elder_facility_capacity c where c.facility_id = ${ids}) t where n <= ? order by "facilityId", "recordedOn" desc`,
      (row) => row.facilityId,
      [RECENT.capacityRecords],
    ),
    inspectionsByFacility: manyLoader<InspectionRow>(
      em,
      `select * from (select ${INSPECTION_COLUMNS}, row_number() over (partition by i.facility_id order by i.inspected_on desc, i.id desc) as n
         from elder_inspection i where i.facility_id = ${ids}) t where n <= ? order by "facilityId", "inspectedOn" desc, id desc`,
      (row) => row.facilityId,
      [RECENT.inspections],
    ),
    openHazardsByFacility: manyLoader<HazardRow>(
      em,
      `select * from (select ${HAZARD_COLUMNS}, row_number() over (partition by h.facility_id order by h.deadline, h.id) as n
         from elder_hazard h where h.facility_id = ${ids} and h.state = 'open') t where n <= ? order by "facilityId", deadline, id`,
      (row) => row.facilityId,
      [RECENT.hazardsPerFacility],
    ),
    hazardsByInspection: manyLoader<HazardRow>(
      em,
      `select ${HAZARD_COLUMNS} from elder_hazard h where h.inspection_id = ${ids} order by h.id`,
      (row) => row.inspectionId,
    ),
    followUpsByHazard: manyLoader<FollowUpRow>(
      em,
      `select * from (select f.id, f.hazard_id as "hazardId", f.visited_on::text as "visitedOn", f.rectified, f.note,
           row_number() over (partition by f.hazard_id order by f.visited_on desc, f.id desc) as n
         from elder_hazard_follow_up f where f.hazard_id = ${ids}) t where n <= ? order by "hazardId", "visitedOn", id`,
      (row) => row.hazardId,
      [RECENT.followUps],
    ),
    activityByFacility: manyLoader<ActivityRow>(
      em,
      `select * from (select a.facility_id as "facilityId", a.month::text as month, a.people_served as "peopleServed", a.meals,
           row_number() over (partition by a.facility_id order by a.month desc) as n
         from elder_facility_activity a where a.facility_id = ${ids}) t where n <= ? order by "facilityId", month desc`,
      (row) => row.facilityId,
      [RECENT.activityMonths],
    ),
    hazardCountsByFacility: new DataLoader<number, FacilityHazardCounts>(async (keys) => {
      const rows = await em.execute<(FacilityHazardCounts & { facilityId: number })[]>(
        `select h.facility_id as "facilityId", count(*)::int as found, count(*) filter (where h.state = 'open')::int as open,
           count(*) filter (where h.state = 'open' and h.deadline < ?::date)::int as overdue
         from elder_hazard h where h.facility_id = ${ids} group by h.facility_id`,
        [today(), keyList(keys)],
      );
      const byFacility = new Map(rows.map((row) => [row.facilityId, row]));
      return keys.map((key) => byFacility.get(key) ?? { open: 0, overdue: 0, found: 0 });
    }),
    residentsByFacility: new DataLoader<number, number>(async (keys) => {
      const rows = await em.execute<{ facilityId: number; residents: number }[]>(
        `select e.facility_id as "facilityId", count(*)::int as residents from enrollment e
         where e.facility_id = ${ids} and e.status = 'active' group by e.facility_id`,
        [keyList(keys)],
      );
      const byFacility = new Map(rows.map((row) => [row.facilityId, row.residents]));
      return keys.map((key) => byFacility.get(key) ?? 0);
    }),
  };
}

export type ElderCareLoaders = ReturnType<typeof createElderCareLoaders>;

// ---------------------------------------------------------------------------------------------
// Figures of a county

export interface HomeServiceCoverageRow {
  eligiblePersons: number | null;
  personsServed: number;
  byKind: { kind: HomeServiceKind; persons: number; times: number }[];
}

/** Persons served at home in a year (any service, any month) against the county's eligible population of the year. */
export async function homeServiceCoverage(em: EntityManager, countyCode: string, year: number): Promise<HomeServiceCoverageRow> {
  const [row] = await em.execute<
    { eligiblePersons: number | null; personsServed: number; byKind: { kind: HomeServiceKind; persons: number; times: number }[] | null }[]
  >(
    `select (select t.eligible_persons from elder_care_target t where t.county_code = ? and t.year = ?) as "eligiblePersons",
       (select count(distinct s.person_id)::int from elder_home_service s
          where s.county_code = ? and s.month >= make_date(?, 1, 1) and s.month < make_date(? + 1, 1, 1)) as "personsServed",
       (select json_agg(k order by k.kind) from (
          select s.kind, count(distinct s.person_id)::int as persons, sum(s.times)::int as times from elder_home_service s
          where s.county_code = ? and s.month >= make_date(?, 1, 1) and s.month < make_date(? + 1, 1, 1) group by s.kind) k) as "byKind"`,
    [countyCode, year, countyCode, year, year, countyCode, year, year],
  );
  return { eligiblePersons: row?.eligiblePersons ?? null, personsServed: row?.personsServed ?? 0, byKind: row?.byKind ?? [] };
}

export interface ModificationProgressRow {
  target: number | null;
  planned: number;
  inProgress: number;
  completed: number;
  cancelled: number;
  completedCostFen: number;
}

/** The year's 适老化改造 of a county by state, against its target. */
export async function modificationProgress(em: EntityManager, countyCode: string, year: number): Promise<ModificationProgressRow> {
  const [row] = await em.execute<ModificationProgressRow[]>(
    `select (select t.modification_target from elder_care_target t where t.county_code = ? and t.year = ?) as target,
       count(*) filter (where m.state = 'planned')::int as planned,
       count(*) filter (where m.state = 'in_progress')::int as "inProgress",
       count(*) filter (where m.state = 'completed')::int as completed,
       count(*) filter (where m.state = 'cancelled')::int as cancelled,
       coalesce(sum(m.cost_fen) filter (where m.state = 'completed'), 0)::bigint as "completedCostFen"
     from elder_home_modification m where m.county_code = ? and m.year = ?`,
    [countyCode, year, countyCode, year],
  );
  return { ...row!, completedCostFen: Number(row!.completedCostFen) };
}
