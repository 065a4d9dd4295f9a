import {
  addDays,
  inTransaction,
  openOrm,
  recordCapacity,
  recordHazardFollowUp,
  recordInspection,
  registerFacility,
  today,
  type Actor,
  type FacilityKind,
  type HazardCategory,
} from '@xingfu/domain';
import type { Target } from './cannon.js';
import type { RunningServer } from './servers.js';
import type { Spread } from './stats.js';

/**
 * The internal query a county's elder-care app sends for its facility list (issue 19): a page of
 * the county's facilities with their latest capacity record, residents, hazard counts and the
 * open hazards of the rectification ledger (deadline, responsible, overdue, follow-ups).
 */
export const FACILITY_LIST_QUERY = `query FacilityList($regionCode: String, $first: Int) {
  elderFacilities(regionCode: $regionCode, first: $first) {
    totalCount
    edges { node {
      id name kind operator starRating village { name }
      capacity { recordedOn beds occupiedBeds staff certifiedCaregivers }
      residents
      hazardCounts { found open overdue }
      openHazards { category description deadline responsible overdue followUps { visitedOn rectified } }
    } }
  }
}`;

export function facilityListTarget(server: RunningServer, countyCode: string, first: number, token: string): Target {
  return {
    url: `${server.baseUrl}/graphql`,
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: FACILITY_LIST_QUERY, variables: { regionCode: countyCode, first } }),
  };
}

export interface FacilityPageShape {
  facilities: number;
  withCapacity: number;
  openHazards: number;
  overdueHazards: number;
  followUps: number;
}

interface FacilityListBody {
  errors?: unknown[];
  data?: {
    elderFacilities: {
      totalCount: number;
      edges: {
        node: {
          capacity: unknown;
          openHazards: { overdue: boolean; followUps: unknown[] }[];
        };
      }[];
    };
  };
}

/** What a page holds; an answer with errors is refused (a fast error is not a result). */
export function facilityPageShape(body: unknown): FacilityPageShape {
  const answer = body as FacilityListBody;
  if (answer.errors?.length || !answer.data) throw new Error(`the facility list failed: ${JSON.stringify(answer.errors ?? body)}`);
  const nodes = answer.data.elderFacilities.edges.map((e) => e.node);
  const hazards = nodes.flatMap((n) => n.openHazards);
  return {
    facilities: nodes.length,
    withCapacity: nodes.filter((n) => n.capacity !== null).length,
    openHazards: hazards.length,
    overdueHazards: hazards.filter((h) => h.overdue).length,
    followUps: hazards.reduce((sum, h) => sum + h.followUps.length, 0),
  };
}

/** Measurement 9: the facility list at page sizes, under load. */
export interface ElderCareResult {
  /** Facilities of the county: the seeded ones and those the bench added (addBenchFacilities). */
  facilities: number;
  added_facilities: number;
  page_size: number;
  page: FacilityPageShape;
  statements_per_request: Record<string, number>;
  statements_constant_in_page_size: boolean;
  pg_exec_ms_per_request: number;
  requests_per_s: Spread;
  latency_ms: { p50: Spread; p95: Spread; p99: Spread };
  requests: number;
  sample_statements: { query: string; calls: number; execMs: number }[];
}

/** Facilities of a county app's list at a realistic scale: every page size measured (100) needs more than one page. */
export const BENCH_FACILITY_TARGET = 150;
const HAZARDS: [HazardCategory, string][] = [
  ['fire', '灭火器压力不足'],
  ['fire', '消防通道堆放杂物'],
  ['electricity', '私拉电线为电动车充电'],
  ['electricity', '配电箱无漏电保护'],
  ['gas', '燃气软管老化'],
  ['food', '食品留样不足48小时'],
  ['evacuation', '安全出口指示灯损坏'],
  ['emergency_plan', '应急预案未组织演练'],
];

/**
 * The seeded elder care of 济阳区 (packages/seed/src/eldercare: 6 敬老院 and 李八村幸福院) is fewer
 * facilities than one page of 100. The bench adds, through the domain services a county
 * administrator's requests run (registerFacility, recordCapacity, recordInspection,
 * recordHazardFollowUp; every step audited), what a county of 济阳区's size runs besides: per
 * town a 日间照料中心 and a 长者食堂, and a 农村幸福院 in every n-th village (n chosen so that the
 * county reaches BENCH_FACILITY_TARGET). Each has two dated capacity records (last year's and
 * this year's: the list shows the latest), and one joint safety inspection 40–200 days ago with
 * 1–3 hazards: about half fixed on the spot; the rest in the rectification ledger with a deadline
 * 30 days on, of which about two in three were rectified at a follow-up and the rest stay open
 * (overdue once the deadline has passed). Deterministic (by the facility's index); nothing is
 * added when the county has the target already (--reuse-data).
 */
/** Returns the county's facilities and how many of them the bench added (in this call or an earlier one). */
export async function addBenchFacilities(databaseUrl: string, countyCode: string): Promise<{ facilities: number; added: number }> {
  const orm = await openOrm({ clientUrl: databaseUrl });
  const actor: Actor = { subject: 'bench', role: 'county_admin', regionCode: countyCode };
  try {
    const em = orm.em.fork();
    // the bench's facilities have no street address (the seeded ones carry the synthetic mark's)
    const [existing] = await em.execute<{ n: number; bench: number }[]>(
      `select count(*)::int as n, (count(*) filter (where address = ''))::int as bench from elder_facility where county_code = ?`,
      [countyCode],
    );
    const have = existing?.n ?? 0;
    if (have >= BENCH_FACILITY_TARGET) return { facilities: have, added: existing?.bench ?? 0 };
    const villages = await em.execute<{ code: string; name: string; town: string; town_name: string }[]>(
      `select v.code, v.name, t.code as town, t.name as town_name from region v join region t on t.code = v.parent_code
       where v.level = 'village' and starts_with(v.code, ?) order by v.code`,
      [countyCode],
    );
    const towns = [...new Map(villages.map((v) => [v.town, v])).values()];
    // names are unique in a county (elder_facility_name_unique): a village name that recurs in
    // another town gets the town's name in front; a facility there already is not planned again
    const names = new Set(
      (await em.execute<{ name: string }[]>(`select name from elder_facility where county_code = ?`, [countyCode])).map((r) => r.name),
    );
    const wanted = BENCH_FACILITY_TARGET - have;
    const homes = Math.max(0, wanted - 2 * towns.length);
    const every = Math.max(1, Math.floor(villages.length / Math.max(1, homes)));
    const plan: { kind: FacilityKind; name: string; operator: string; village: (typeof villages)[number]; beds: number }[] = [];
    const add = (f: (typeof plan)[number]) => {
      if (names.has(f.name)) f.name = `${f.village.town_name}${f.name}`;
      if (names.has(f.name)) return;
      names.add(f.name);
      plan.push(f);
    };
    for (const town of towns) {
      add({
        kind: 'day_care_centre',
        name: `${town.town_name}日间照料中心`,
        operator: `${town.town_name}人民政府`,
        village: town,
        beds: 20,
      });
      add({ kind: 'elder_canteen', name: `${town.town_name}长者食堂`, operator: `${town.town_name}人民政府`, village: town, beds: 0 });
    }
    for (let i = 0; plan.length < wanted && i < villages.length; i += every) {
      const village = villages[i]!;
      const place = village.name.replace(/(村民委员会|居民委员会|村委会|居委会)$/, '');
      add({ kind: 'rural_happiness_home', name: `${place}幸福院`, operator: `${place}村民委员会`, village, beds: 8 + (i % 13) });
    }
    const now = today();
    const thisYear = Number(now.slice(0, 4));
    let added = 0;
    for (const [index, f] of plan.slice(0, wanted).entries()) {
      await inTransaction(orm.em.fork(), async (tx) => {
        const facility = await registerFacility(tx, actor, {
          kind: f.kind,
          name: f.name,
          operator: f.operator,
          villageCode: f.village.code,
          openedOn: `${2012 + (index % 10)}-0${1 + (index % 9)}-01`,
        });
        for (const [year, share] of [
          [thisYear - 1, 0.6],
          [thisYear, 0.75],
        ] as const) {
          await recordCapacity(tx, actor, {
            facilityId: facility.id,
            recordedOn: year === thisYear ? addDays(now, -30) : `${year}-12-31`,
            beds: f.beds,
            occupiedBeds: Math.floor(f.beds * share),
            staff: f.beds > 0 ? 2 + Math.ceil(f.beds / 8) : 3,
            caregivers: { level5: f.beds > 0 ? 1 : 0, level4: f.beds > 10 ? 1 : 0, level3: 0, level2: 0, level1: 0 },
          });
        }
        const inspectedOn = addDays(now, -(40 + ((index * 37) % 160)));
        const count = 1 + (index % 3);
        const hazards = Array.from({ length: count }, (_, k) => {
          const [category, description] = HAZARDS[(index + 3 * k) % HAZARDS.length]!;
          const fixedOnSpot = (index + k) % 2 === 0;
          return fixedOnSpot
            ? { category, description, fixedOnSpot }
            : { category, description, fixedOnSpot, deadline: addDays(inspectedOn, 30), responsible: `${f.operator}负责人` };
        });
        const failed = new Set(hazards.map((h) => h.category));
        const recorded = await recordInspection(tx, actor, {
          facilityId: facility.id,
          inspectedOn,
          team: '区民政局、区消防救援大队联合检查组',
          jointWithFireBrigade: true,
          checklist: (['fire', 'electricity', 'gas', 'food', 'evacuation', 'emergency_plan'] as const).map((category) => ({
            category,
            passed: !failed.has(category),
            note: '',
          })),
          hazards,
        });
        for (const [k, hazard] of recorded.hazards.entries()) {
          if (hazard.state !== 'open' || (index + k) % 3 === 0) continue;
          await recordHazardFollowUp(tx, actor, {
            hazardId: hazard.id,
            visitedOn: addDays(inspectedOn, 28),
            rectified: (index + k) % 3 === 1,
            note: (index + k) % 3 === 1 ? '已整改到位' : '整改未完成',
          });
        }
      });
      added++;
    }
    return { facilities: have + added, added: (existing?.bench ?? 0) + added };
  } finally {
    await orm.close(true);
  }
}
