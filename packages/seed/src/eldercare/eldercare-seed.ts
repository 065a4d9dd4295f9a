import type pg from 'pg';
import { apportion } from '../generate/apportion.js';
import { ADDRESS_PREFIX, SYNTHETIC_MARK } from '../generate/population.js';
import { Rng } from '../random/prng.js';
import { ELDER_CARE_CALIBRATION, type ElderCareCalibration, type SeedFacilityKind } from './calibration.js';

/** Who the generated elder-care records name as their recorder. */
export const ELDER_CARE_RECORDER = `${SYNTHETIC_MARK}/eldercare`;

const KIND_NAMES: Record<SeedFacilityKind, string> = {
  public_home: '敬老院',
  private_home: '民办养老院',
  publicly_built_privately_run: '颐养中心',
  service_centre: '综合养老服务中心',
  rural_happiness_home: '幸福院',
  day_care_centre: '日间照料中心',
  elder_canteen: '长者食堂',
  care_centre: '照护中心',
};
const OPERATORS: Record<SeedFacilityKind, string> = {
  public_home: '镇人民政府',
  private_home: '民办非企业单位',
  publicly_built_privately_run: '养老服务有限公司（公建民营）',
  service_centre: '镇人民政府',
  rural_happiness_home: '村民委员会',
  day_care_centre: '街道办事处',
  elder_canteen: '村民委员会',
  care_centre: '养老服务有限公司',
};
const HAZARDS: [string, string][] = [
  ['fire', '灭火器压力不足'],
  ['fire', '消防通道堆放杂物'],
  ['electricity', '私拉电线为电动车充电'],
  ['electricity', '配电箱无漏电保护'],
  ['gas', '燃气软管老化'],
  ['food', '食品留样不足48小时'],
  ['evacuation', '安全出口指示灯损坏'],
  ['emergency_plan', '应急预案未组织演练'],
];
const CATEGORIES = ['fire', 'electricity', 'gas', 'food', 'evacuation', 'emergency_plan'];

/**
 * Deletes the generated elder-care records of a county (facilities whose address carries the
 * mark and everything recorded of them; home services and modifications of generated persons
 * and households; the targets of the calibrated year). Runs before the county's households are
 * deleted (their references), in the caller's transaction.
 */
export async function deleteGeneratedElderCare(
  client: pg.ClientBase,
  countyCode: string,
  options: { facilitiesOnly?: boolean } = {},
): Promise<number> {
  let deleted = 0;
  const run = async (sql: string, params: unknown[]) => {
    deleted += (await client.query(sql, params)).rowCount ?? 0;
  };
  const facilities = `(select id from elder_facility where county_code = $1 and starts_with(address, $2))`;
  await client.query(`update enrollment set facility_id = null where facility_id in ${facilities}`, [countyCode, ADDRESS_PREFIX]);
  await run(`delete from elder_hazard_follow_up where hazard_id in (select id from elder_hazard where facility_id in ${facilities})`, [
    countyCode,
    ADDRESS_PREFIX,
  ]);
  for (const table of ['elder_hazard', 'elder_inspection', 'elder_facility_capacity', 'elder_facility_activity']) {
    await run(`delete from ${table} where facility_id in ${facilities}`, [countyCode, ADDRESS_PREFIX]);
  }
  await run(`delete from elder_facility where id in ${facilities}`, [countyCode, ADDRESS_PREFIX]);
  if (options.facilitiesOnly) return deleted;
  await run(`delete from elder_home_service where county_code = $1 and recorded_by = $2`, [countyCode, ELDER_CARE_RECORDER]);
  await run(
    `delete from elder_home_modification where county_code = $1 and household_id in (select id from household where county_code = $1 and starts_with(address, $2))`,
    [countyCode, ADDRESS_PREFIX],
  );
  const calibration = ELDER_CARE_CALIBRATION.find((c) => c.countyCode === countyCode);
  if (calibration) await run(`delete from elder_care_target where county_code = $1 and year = $2`, [countyCode, calibration.year]);
  return deleted;
}

export interface ElderCareSeedReport {
  facilities: number;
  homeServices: number;
  modifications: number;
}

/**
 * The elder care of the seed reports: for every calibrated county whose regions are imported, its
 * facilities (written again with every load: they need no population), and for the county being
 * loaded (`countyCode`) home services, modifications and targets scaled by `factor`. Deterministic
 * from the seed.
 */
export async function seedElderCare(
  client: pg.ClientBase,
  options: { countyCode: string; seed: number; factor: number },
): Promise<ElderCareSeedReport> {
  const report: ElderCareSeedReport = { facilities: 0, homeServices: 0, modifications: 0 };
  for (const calibration of ELDER_CARE_CALIBRATION) {
    const villages = await client.query<{ code: string; name: string; town: string; town_name: string }>(
      `select v.code, v.name, v.parent_code as town, t.name as town_name from region v join region t on t.code = v.parent_code
       where v.level = 'village' and starts_with(v.code, $1) order by v.code`,
      [calibration.countyCode],
    );
    if (villages.rows.length === 0) continue;
    // another county's load rewrites this county's facilities, never its services (they need its population)
    await deleteGeneratedElderCare(client, calibration.countyCode, { facilitiesOnly: calibration.countyCode !== options.countyCode });
    const rng = new Rng(`eldercare:${options.seed}:${calibration.countyCode}`);
    report.facilities += await writeFacilities(client, calibration, villages.rows, rng.fork('facilities'));
    if (calibration.countyCode === options.countyCode) {
      const counts = await writeServices(client, calibration, options);
      report.homeServices += counts.homeServices;
      report.modifications += counts.modifications;
    }
  }
  return report;
}

type Village = { code: string; name: string; town: string; town_name: string };

async function insertFacility(
  client: pg.ClientBase,
  f: { kind: string; name: string; operator: string; village: Village; openedOn: string; floorAreaM2?: number; investmentFen?: number },
): Promise<number> {
  const result = await client.query<{ id: number }>(
    `insert into elder_facility (kind, name, operator, county_code, village_code, address, floor_area_m2, investment_fen, opened_on)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [
      f.kind,
      f.name,
      f.operator,
      f.village.code.slice(0, 6),
      f.village.code,
      `${ADDRESS_PREFIX}${f.village.town_name}${f.village.name.replace(/(村民委员会|居民委员会|村委会|居委会)$/, '')}`,
      f.floorAreaM2 ?? null,
      f.investmentFen ?? null,
      f.openedOn,
    ],
  );
  return result.rows[0]!.id;
}

async function writeFacilities(client: pg.ClientBase, c: ElderCareCalibration, villages: Village[], rng: Rng): Promise<number> {
  let written = 0;
  const yearEnd = `${c.year}-12-31`;
  const residential: number[] = [];
  const usedNames = new Set<string>();
  for (const group of c.groups) {
    const beds =
      group.beds !== undefined
        ? apportion(
            group.beds,
            Array.from({ length: group.count }, () => 0.6 + rng.float()),
            `${c.countyCode}:${group.kind}:beds`,
          )
        : undefined;
    const caregivers =
      group.caregivers !== undefined && beds ? apportion(group.caregivers, beds, `${c.countyCode}:${group.kind}:caregivers`) : undefined;
    const stars = rng.shuffle([
      ...(group.stars ?? []),
      ...Array.from({ length: Math.max(0, group.count - (group.stars?.length ?? 0)) }, () => 0),
    ]);
    for (let i = 0; i < group.count; i++) {
      const village = villages[rng.int(0, villages.length - 1)]!;
      const place =
        group.kind === 'rural_happiness_home' || group.kind === 'elder_canteen'
          ? village.name.replace(/(村民委员会|居民委员会|村委会|居委会)$/, '')
          : village.town_name;
      let name = `${place}${KIND_NAMES[group.kind]}`;
      for (let n = 2; usedNames.has(name); n++) name = `${place}${KIND_NAMES[group.kind]}（${n}）`;
      usedNames.add(name);
      const openedOn = `${rng.int(2005, c.year - 1)}-${String(rng.int(1, 12)).padStart(2, '0')}-01`;
      const id = await insertFacility(client, {
        kind: group.kind,
        name,
        operator: `${village.town_name}${OPERATORS[group.kind]}`,
        village,
        openedOn,
      });
      written++;
      const bedCount = beds?.[i] ?? (group.bedsEach ? rng.int(group.bedsEach[0], group.bedsEach[1]) : 0);
      if (bedCount > 0) {
        residential.push(id);
        const certified = caregivers?.[i] ?? Math.max(1, Math.round(bedCount / 12));
        const levels = apportion(certified, [5, 3, 1.5, 0.4, 0.1], `${id}`);
        await client.query(
          `insert into elder_facility_capacity (facility_id, recorded_on, beds, occupied_beds, staff, caregivers_level5, caregivers_level4,
             caregivers_level3, caregivers_level2, caregivers_level1, recorded_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            id,
            yearEnd,
            bedCount,
            Math.round(bedCount * (0.5 + rng.float() * 0.35)),
            certified + rng.int(2, 12),
            ...levels,
            ELDER_CARE_RECORDER,
          ],
        );
      }
      const rating = stars[i] ?? 0;
      if (rating > 0) {
        await client.query(`update elder_facility set star_rating = $2, star_rated_on = $3 where id = $1`, [id, rating, `${c.year}-10-15`]);
      }
    }
  }
  for (const named of c.named ?? []) {
    const village =
      villages.find((v) => v.town === named.town && v.name.startsWith(named.village)) ?? villages.find((v) => v.town === named.town)!;
    const id = await insertFacility(client, {
      kind: named.kind,
      name: named.name,
      operator: `${named.village}村民委员会`,
      village,
      openedOn: named.openedOn,
      floorAreaM2: named.floorAreaM2,
      investmentFen: named.investmentFen,
    });
    written++;
    const firstMonth = Math.max(1, Number(named.openedOn.slice(5, 7)));
    for (let m = firstMonth; m <= 12; m++) {
      await client.query(`insert into elder_facility_activity (facility_id, month, people_served, meals) values ($1, $2, $3, $4)`, [
        id,
        `${c.year}-${String(m).padStart(2, '0')}-01`,
        named.peopleServedMonthly,
        named.peopleServedMonthly * rng.int(20, 26),
      ]);
    }
  }
  if (c.inspections) await writeInspections(client, c, residential, rng.fork('inspections'));
  return written;
}

async function writeInspections(client: pg.ClientBase, c: ElderCareCalibration, facilities: number[], rng: Rng): Promise<void> {
  const spec = c.inspections!;
  for (const facilityId of facilities) {
    const day = `${spec.month}-${String(rng.int(5, 25)).padStart(2, '0')}`;
    const hazards = rng.shuffle([...HAZARDS]).slice(0, rng.int(spec.hazardsPerInspection[0], spec.hazardsPerInspection[1]));
    const failed = new Set(hazards.map(([category]) => category));
    const checklist = CATEGORIES.map((category) => ({ category, passed: !failed.has(category), note: '' }));
    const village = await client.query<{ village_code: string }>(`select village_code from elder_facility where id = $1`, [facilityId]);
    const inspection = await client.query<{ id: number }>(
      `insert into elder_inspection (facility_id, village_code, inspected_on, team, joint_with_fire_brigade, checklist, recorded_by)
       values ($1, $2, $3, $4, true, $5, $6) returning id`,
      [
        facilityId,
        village.rows[0]!.village_code,
        day,
        '区民政局、区消防救援大队联合检查组',
        JSON.stringify(checklist),
        ELDER_CARE_RECORDER,
      ],
    );
    for (const [index, [category, description]] of hazards.entries()) {
      const onSpot = rng.chance(0.5);
      const deadline = addDaysIso(day, 30);
      // most ledger entries are rectified at the follow-up a month on; a few stay open past their deadline
      const rectified = !onSpot && rng.chance(0.8);
      const hazard = await client.query<{ id: number }>(
        `insert into elder_hazard (inspection_id, facility_id, village_code, category, description, found_on, state, deadline, responsible, closed_on)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
        [
          inspection.rows[0]!.id,
          facilityId,
          village.rows[0]!.village_code,
          category,
          description,
          day,
          onSpot ? 'fixed_on_spot' : rectified ? 'rectified' : 'open',
          onSpot ? null : deadline,
          onSpot ? null : `院长（第${index + 1}项）`,
          onSpot ? day : rectified ? addDaysIso(day, 28) : null,
        ],
      );
      if (!onSpot) {
        await client.query(
          `insert into elder_hazard_follow_up (hazard_id, visited_on, rectified, note, recorded_by) values ($1, $2, $3, $4, $5)`,
          [hazard.rows[0]!.id, addDaysIso(day, 28), rectified, rectified ? '已整改到位' : '整改未完成', ELDER_CARE_RECORDER],
        );
      }
    }
  }
}

function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const SERVICE_KINDS = `(array['meal','meal','meal','meal','meal','cleaning','cleaning','medical','medical','bathing','emergency'])`;

/** Home services, modifications and targets of the county being loaded, set-based, ordered by a hash of the seed. */
async function writeServices(
  client: pg.ClientBase,
  c: ElderCareCalibration,
  options: { seed: number; factor: number },
): Promise<{ homeServices: number; modifications: number }> {
  let homeServices = 0;
  let modifications = 0;
  const scaled = (n: number) => Math.round(n * options.factor);
  if (c.homeServices || c.modifications) {
    await client.query(
      `insert into elder_care_target (county_code, year, eligible_persons, modification_target) values ($1::varchar, $2::int, $3::int, $4::int)
       on conflict (county_code, year) do update set eligible_persons = excluded.eligible_persons, modification_target = excluded.modification_target`,
      [c.countyCode, c.year, scaled(c.homeServices?.eligible ?? 0), scaled(c.modifications?.target ?? 0)],
    );
  }
  if (c.homeServices) {
    // the oldest persons first, ties by a hash of the seed: one service row per person, in a month of the year
    const result = await client.query(
      `insert into elder_home_service (person_id, county_code, village_code, month, kind, times, recorded_by)
       select p.id, $1::varchar, h.village_code, make_date($2::int, (1 + abs(hashtext($3::text || p.id)::bigint) % 12)::int, 1),
              (${SERVICE_KINDS})[1 + abs(hashtext(p.id || $3::text)::bigint) % 11]::home_service_kind, 1 + abs(hashtext($3::text || p.id || 't')::bigint) % 8, $5::varchar
       from person p
       join household_member m on m.person_id = p.id and m.end_date is null
       join household h on h.id = m.household_id and h.county_code = $1::varchar
       where p.deceased_on is null or p.deceased_on >= make_date($2::int, 1, 1)
       order by p.birth_date, hashtext($3::text || p.id)
       limit $4::int`,
      [c.countyCode, c.year, String(options.seed), scaled(c.homeServices.served), ELDER_CARE_RECORDER],
    );
    homeServices = result.rowCount ?? 0;
  }
  if (c.modifications) {
    const result = await client.query(
      `insert into elder_home_modification (household_id, county_code, village_code, year, items, state, cost_fen, completed_on)
       select h.id, $1::varchar, h.village_code, $2::int, '卫生间扶手、防滑地面、坐便椅', 'completed', 200000 + abs(hashtext($3::text || h.id)::bigint) % 400000,
              make_date($2::int, (3 + abs(hashtext(h.id || $3::text)::bigint) % 9)::int, (1 + abs(hashtext($3::text || h.id || 'd')::bigint) % 28)::int)
       from household h where h.county_code = $1::varchar
       order by hashtext($3::text || h.id)
       limit $4::int`,
      [c.countyCode, c.year, String(options.seed), scaled(c.modifications.completed)],
    );
    modifications = result.rowCount ?? 0;
  }
  return { homeServices, modifications };
}
