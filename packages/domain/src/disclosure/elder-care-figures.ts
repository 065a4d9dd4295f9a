import type { FrozenTable } from './release-figures.js';

/**
 * Elder care in a release (docs/eldercare.md, "In public"; docs/disclosure.md): what the public
 * side publishes of the bureau's elder care is copied into three release tables when a release is
 * cut, for the counties the release publishes months of, as of the release's as-of date:
 *
 * - `release_elder_facility`: every facility opened by then — kind, name, operator, village, star
 *   rating given by then, closing date if closed by then, and its latest capacity record on or
 *   before the date (beds, occupied beds, certified caregivers). A facility is an institution:
 *   its name is public; its address, managers and residents are not.
 * - `release_elder_inspection`: every inspection of those facilities made by then, one row per
 *   checklist category: passed or not, and the hazards found, fixed on the spot, rectified by
 *   then, still open and overdue (open after their deadline) on the as-of date. No team, no
 *   description, no responsible person.
 * - `release_elder_service`: per county and town and each year the release publishes months of,
 *   the persons who received a home service in the year's months that are over, the 适老化改造
 *   projects of the year by state, and the county's targets (eligible population, homes to modify).
 *
 * Every figure counts institutions, places, hazards, or people and households; the public API
 * decides each through the one suppression policy (public-counts.ts, `publishElderCare…`).
 */

/** The release's as-of date, for the statements below (whose every `?` is the release id). */
const AS_OF = `(select as_of from disclosure_release where id = ?)`;
const COUNTIES = `(select county_code from release_period where release_id = ?)`;

export const FREEZE_ELDER_FACILITIES_SQL = `
  insert into release_elder_facility (release_id, county_code, facility_id, kind, name, operator, town_code, village_code, opened_on, closed_on,
    star_rating, star_rated_on, beds, occupied_beds, certified_caregivers, capacity_recorded_on)
  select ?, f.county_code, f.id, f.kind, f.name, f.operator, left(f.village_code, 9), f.village_code, f.opened_on,
         case when f.closed_on <= ${AS_OF} then f.closed_on end,
         case when f.star_rated_on <= ${AS_OF} then f.star_rating end,
         case when f.star_rated_on <= ${AS_OF} then f.star_rated_on end,
         c.beds, c.occupied_beds,
         c.caregivers_level1 + c.caregivers_level2 + c.caregivers_level3 + c.caregivers_level4 + c.caregivers_level5,
         c.recorded_on
  from elder_facility f
  left join lateral (
    select * from elder_facility_capacity c where c.facility_id = f.id and c.recorded_on <= ${AS_OF} order by c.recorded_on desc limit 1
  ) c on true
  where f.opened_on <= ${AS_OF} and f.county_code in ${COUNTIES}`;

export const FREEZE_ELDER_INSPECTIONS_SQL = `
  insert into release_elder_inspection (release_id, county_code, inspection_id, facility_id, inspected_on, joint_with_fire_brigade, category, passed,
    hazards_found, fixed_on_spot, rectified, still_open, overdue)
  select ?, f.county_code, i.id, i.facility_id, i.inspected_on, i.joint_with_fire_brigade, cat.category,
         (select (item ->> 'passed')::boolean from jsonb_array_elements(i.checklist) item where item ->> 'category' = cat.category::text limit 1),
         count(h.id),
         count(h.id) filter (where h.state = 'fixed_on_spot'),
         count(h.id) filter (where h.state = 'rectified' and h.closed_on <= ${AS_OF}),
         count(h.id) filter (where h.state = 'open' or (h.state = 'rectified' and h.closed_on > ${AS_OF})),
         count(h.id) filter (where (h.state = 'open' or (h.state = 'rectified' and h.closed_on > ${AS_OF})) and h.deadline < ${AS_OF})
  from elder_inspection i
  join elder_facility f on f.id = i.facility_id
  cross join unnest(enum_range(null::hazard_category)) as cat(category)
  left join elder_hazard h on h.inspection_id = i.id and h.category = cat.category
  where i.inspected_on <= ${AS_OF} and f.county_code in ${COUNTIES}
  group by f.county_code, i.id, cat.category`;

export const FREEZE_ELDER_SERVICES_SQL = `
  insert into release_elder_service (release_id, county_code, region_code, year, persons_served, eligible_persons,
    modifications_planned, modifications_in_progress, modifications_completed, modification_target)
  with years as (
    select distinct county_code, extract(year from month)::int as year from release_period where release_id = ?
  ),
  served as (
    select r.code as region_code, y.county_code, y.year, count(distinct s.person_id)::int as persons
    from elder_home_service s
    join years y on y.county_code = s.county_code and extract(year from s.month) = y.year
    cross join lateral (values (s.county_code), (left(s.village_code, 9))) as r(code)
    where s.month < date_trunc('month', ${AS_OF})
    group by 1, 2, 3
  ),
  modified as (
    select r.code as region_code, y.county_code, y.year,
           count(*) filter (where m.state = 'planned')::int as planned,
           count(*) filter (where m.state = 'in_progress' or (m.state = 'completed' and m.completed_on > ${AS_OF}))::int as in_progress,
           count(*) filter (where m.state = 'completed' and m.completed_on <= ${AS_OF})::int as completed
    from elder_home_modification m
    join years y on y.county_code = m.county_code and m.year = y.year
    cross join lateral (values (m.county_code), (left(m.village_code, 9))) as r(code)
    group by 1, 2, 3
  ),
  regions as (
    select region_code, county_code, year from served
    union select region_code, county_code, year from modified
    union select t.county_code, t.county_code, t.year from elder_care_target t join years y on y.county_code = t.county_code and y.year = t.year
  )
  select ?, g.county_code, g.region_code, g.year, coalesce(s.persons, 0),
         case when g.region_code = g.county_code then t.eligible_persons end,
         coalesce(m.planned, 0), coalesce(m.in_progress, 0), coalesce(m.completed, 0),
         case when g.region_code = g.county_code then t.modification_target end
  from regions g
  left join served s on s.region_code = g.region_code and s.year = g.year
  left join modified m on m.region_code = g.region_code and m.year = g.year
  left join elder_care_target t on t.county_code = g.county_code and t.year = g.year`;

/** The release tables of elder care, as entries of FROZEN_TABLES (release-figures.ts). */
export const ELDER_CARE_FROZEN_TABLES: FrozenTable[] = [
  {
    table: 'release_elder_facility',
    key: ['facility_id'],
    values: [
      'county_code',
      'kind',
      'name',
      'operator',
      'town_code',
      'village_code',
      'opened_on',
      'closed_on',
      'star_rating',
      'star_rated_on',
      'beds',
      'occupied_beds',
      'certified_caregivers',
      'capacity_recorded_on',
    ],
    freeze: FREEZE_ELDER_FACILITIES_SQL,
    county: 'county_code',
  },
  {
    table: 'release_elder_inspection',
    key: ['inspection_id', 'category'],
    values: [
      'county_code',
      'facility_id',
      'inspected_on',
      'joint_with_fire_brigade',
      'passed',
      'hazards_found',
      'fixed_on_spot',
      'rectified',
      'still_open',
      'overdue',
    ],
    freeze: FREEZE_ELDER_INSPECTIONS_SQL,
    county: 'county_code',
  },
  {
    table: 'release_elder_service',
    key: ['region_code', 'year'],
    values: [
      'county_code',
      'persons_served',
      'eligible_persons',
      'modifications_planned',
      'modifications_in_progress',
      'modifications_completed',
      'modification_target',
    ],
    freeze: FREEZE_ELDER_SERVICES_SQL,
    county: 'county_code',
  },
];
