import type { EntityManager, FacilityKind, HazardCategory } from '@xingfu/domain';
import DataLoader from 'dataloader';
import { groupBy, keyList } from '../context/columns.js';

/**
 * The read model of elder care in public (docs/eldercare.md, "In public"): rows of the release
 * tables elder care is frozen into (release_elder_facility, release_elder_inspection,
 * release_elder_service); nothing else. Suppression is applied by the resolver through the one
 * policy. A county's rows are read whole (a county holds tens of facilities): the policy decides
 * a county at once, and every answer reads a constant number of statements whatever its size.
 */

export interface FacilityRow {
  facility_id: number;
  county_code: string;
  kind: FacilityKind;
  name: string;
  operator: string;
  town_code: string;
  village_code: string;
  opened_on: string;
  closed_on: string | null;
  star_rating: number | null;
  star_rated_on: string | null;
  beds: number | null;
  occupied_beds: number | null;
  certified_caregivers: number | null;
  capacity_recorded_on: string | null;
}

const FACILITY_COLUMNS = `facility_id, county_code, kind, name, operator, town_code, village_code,
  to_char(opened_on, 'YYYY-MM-DD') as opened_on, to_char(closed_on, 'YYYY-MM-DD') as closed_on, star_rating,
  to_char(star_rated_on, 'YYYY-MM-DD') as star_rated_on, beds, occupied_beds, certified_caregivers,
  to_char(capacity_recorded_on, 'YYYY-MM-DD') as capacity_recorded_on`;

/** Every facility of a county the release froze (open and closed), by id. */
export function facilityRows(em: EntityManager, releaseId: string, countyCode: string): Promise<FacilityRow[]> {
  return em.execute<FacilityRow[]>(
    `select ${FACILITY_COLUMNS} from release_elder_facility where release_id = ? and county_code = ? order by facility_id`,
    [releaseId, countyCode],
  );
}

/** The county of a facility the release froze; null when it holds none of that id. */
export async function facilityCounty(em: EntityManager, releaseId: string, facilityId: number): Promise<string | null> {
  const rows = await em.execute<{ county_code: string }[]>(
    `select county_code from release_elder_facility where release_id = ? and facility_id = ?`,
    [releaseId, facilityId],
  );
  return rows[0]?.county_code ?? null;
}

export interface InspectionRow {
  inspection_id: number;
  facility_id: number;
  town_code: string;
  inspected_on: string;
  quarter: string;
  joint_with_fire_brigade: boolean;
  category: HazardCategory;
  passed: boolean | null;
  hazards_found: number;
  fixed_on_spot: number;
  rectified: number;
  still_open: number;
  overdue: number;
}

const INSPECTION_COLUMNS = `i.inspection_id, i.facility_id, f.town_code, to_char(i.inspected_on, 'YYYY-MM-DD') as inspected_on,
  to_char(i.inspected_on, 'YYYY-"Q"Q') as quarter, i.joint_with_fire_brigade, i.category, i.passed, i.hazards_found, i.fixed_on_spot,
  i.rectified, i.still_open, i.overdue`;

/** A county's inspections of a year, category by category. */
export function inspectionRows(em: EntityManager, releaseId: string, countyCode: string, year: number): Promise<InspectionRow[]> {
  return em.execute<InspectionRow[]>(
    `select ${INSPECTION_COLUMNS}
     from release_elder_inspection i join release_elder_facility f on f.release_id = i.release_id and f.facility_id = i.facility_id
     where i.release_id = ? and i.county_code = ? and i.inspected_on >= make_date(?, 1, 1) and i.inspected_on < make_date(? + 1, 1, 1)
     order by i.inspected_on, i.inspection_id, i.category`,
    [releaseId, countyCode, year, year],
  );
}

/** The most recent inspections a facility shows (its inspection record). */
export const RECENT_INSPECTIONS = 20;

/**
 * A facility's most recent inspections, category by category: one statement for every facility of
 * the answer (a loader per request and release).
 */
export function facilityInspectionLoader(em: EntityManager, releaseId: string): DataLoader<number, InspectionRow[]> {
  return new DataLoader(async (ids) => {
    const rows = await em.execute<InspectionRow[]>(
      `select ${INSPECTION_COLUMNS}
       from release_elder_inspection i join release_elder_facility f on f.release_id = i.release_id and f.facility_id = i.facility_id
       where i.release_id = ? and i.facility_id = any(string_to_array(?, ',')::int[]) and i.inspection_id in (
         select inspection_id from (
           select inspection_id, dense_rank() over (partition by facility_id order by inspected_on desc, inspection_id desc) as n
           from release_elder_inspection where release_id = ? and facility_id = any(string_to_array(?, ',')::int[])
         ) recent where n <= ${RECENT_INSPECTIONS})
       order by i.facility_id, i.inspected_on desc, i.inspection_id desc, i.category`,
      [releaseId, keyList(ids), releaseId, keyList(ids)],
    );
    const byFacility = groupBy(rows, (r) => r.facility_id);
    return ids.map((id) => byFacility.get(id) ?? []);
  });
}

export interface ServiceRow {
  region_code: string;
  persons_served: number;
  eligible_persons: number | null;
  modifications_planned: number;
  modifications_in_progress: number;
  modifications_completed: number;
  modification_target: number | null;
}

/** Home services and modifications of a county and its towns in a year. */
export function serviceRows(em: EntityManager, releaseId: string, countyCode: string, year: number): Promise<ServiceRow[]> {
  return em.execute<ServiceRow[]>(
    `select region_code, persons_served, eligible_persons, modifications_planned, modifications_in_progress, modifications_completed,
            modification_target
     from release_elder_service where release_id = ? and county_code = ? and year = ? order by region_code`,
    [releaseId, countyCode, year],
  );
}
