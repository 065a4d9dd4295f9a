import { seedDatabase } from '@xingfu/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { cutTestRelease } from '../support/release-figures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Elder care in public (docs/eldercare.md, "In public"): the seed reports' figures come back
 * through the public API from a release — 齐河县 10 institutions, 40 centres, 4,100 beds, 360
 * certified caregivers; 章丘区 23 幸福院, 2 日间照料中心, 2 照护中心, 10 敬老院 of which 5 rated four
 * stars or more; 滨海县 home services at 99.73 % coverage and 547 homes modified against 350 (at the
 * load's scale); 济阳区's 李八村幸福院 and its joint inspections of May 2023. The same figures are
 * read from the public downloads by the calibration tests: at full scale in seed-qihe,
 * seed-zhangqiu and seed-binhai, 济阳区's in seed-series (docs/demo-data.md, "Calibration through
 * the public downloads").
 */
const SCALE = 0.05;
let db: TestDatabase;
let api: TestApi;
let release: string;
let statements: string[] = [];

const FIGURES = `facilities beds occupiedBeds occupancy certifiedCaregivers
  byKind { kind facilities beds certifiedCaregivers }
  starRatings { stars facilities }
  homeServices { personsServed eligiblePersons coverage }
  modifications { planned inProgress completed target }
  inspectionQuarters { quarter inspections jointInspections facilitiesInspected hazards { category failedChecks found fixedOnSpot rectified stillOpen overdue } }
  hazards { category found fixedOnSpot rectified stillOpen overdue }`;

type Hazards = { category: string; found: number; fixedOnSpot: number; rectified: number; stillOpen: number; overdue: number };
type Figures = {
  regionCode: string;
  facilities: number;
  beds: number;
  occupiedBeds: number | null;
  occupancy: number | null;
  certifiedCaregivers: number;
  byKind: { kind: string; facilities: number; beds: number; certifiedCaregivers: number }[];
  starRatings: { stars: number; facilities: number }[];
  homeServices: { personsServed: number | null; eligiblePersons: number | null; coverage: number | null };
  modifications: { planned: number | null; inProgress: number | null; completed: number | null; target: number | null };
  inspectionQuarters: { quarter: string; inspections: number; jointInspections: number; facilitiesInspected: number; hazards: Hazards[] }[];
  hazards: Hazards[];
};

async function publicQuery<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const answer = await api.query<T>('/public/graphql', query, { variables: { r: release, ...variables } });
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}

const elderCare = async (region: string, year: number) =>
  (
    await publicQuery<{ elderCare: Figures }>(
      `query ($region: String!, $year: Int!, $r: ID) { elderCare(regionCode: $region, year: $year, releaseId: $r) { regionCode ${FIGURES} } }`,
      { region, year },
    )
  ).elderCare;

const kindCount = (figures: Figures, kind: string) => figures.byKind.find((k) => k.kind === kind)?.facilities ?? 0;

beforeAll(async () => {
  db = await createTestDatabase({ onQuery: (message) => statements.push(message) });
  for (const preset of ['qihe-2023', 'zhangqiu-2022', 'binhai-2021', 'jiyang-2023']) {
    await seedDatabase({ databaseUrl: db.url, preset, scale: SCALE });
  }
  release = await cutTestRelease(db);
  api = await startTestApi(db.orm);
}, 900_000);

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('elder care through the public API', () => {
  it('齐河县: 10 institutions, 40 城乡综合养老服务中心, 4,100 beds, 360 certified caregivers', async () => {
    const qihe = await elderCare('371425', 2023);
    expect(kindCount(qihe, 'PUBLIC_HOME') + kindCount(qihe, 'PRIVATE_HOME') + kindCount(qihe, 'PUBLICLY_BUILT_PRIVATELY_RUN')).toBe(10);
    expect(kindCount(qihe, 'SERVICE_CENTRE')).toBe(40);
    expect(qihe.facilities).toBe(50);
    expect(qihe.beds).toBe(4100);
    expect(qihe.certifiedCaregivers).toBe(360);
    expect(qihe.occupiedBeds).toBeGreaterThan(0);
    expect(qihe.occupancy).toBeCloseTo((qihe.occupiedBeds! / 4100) * 100, 1);
  });

  it('章丘区: 23 幸福院, 2 日间照料中心, 2 照护中心, 10 敬老院 of which 5 rated four stars or more', async () => {
    const zhangqiu = await elderCare('370114', 2022);
    expect(Object.fromEntries(zhangqiu.byKind.map((k) => [k.kind, k.facilities]))).toEqual({
      PUBLIC_HOME: 10,
      CARE_CENTRE: 2,
      DAY_CARE_CENTRE: 2,
      RURAL_HAPPINESS_HOME: 23,
    });
    const stars = Object.fromEntries(zhangqiu.starRatings.map((s) => [s.stars, s.facilities]));
    expect(stars[4]! + stars[5]!).toBe(5);
    expect(zhangqiu.starRatings.map((s) => s.stars)).toEqual([1, 2, 3, 4, 5]);
  });

  it('滨海县 2021: home services to 31,083 of 31,167 eligible (99.73 %) and 547 homes modified against 350, at the load’s scale', async () => {
    const binhai = await elderCare('320922', 2021);
    expect(binhai.homeServices.personsServed).toBe(Math.round(31083 * SCALE));
    expect(binhai.homeServices.eligiblePersons).toBe(Math.round(31167 * SCALE));
    expect(Math.abs(binhai.homeServices.coverage! - 99.73)).toBeLessThan(0.05);
    expect(binhai.modifications).toMatchObject({ completed: Math.round(547 * SCALE), target: Math.round(350 * SCALE) });
  });

  it('济阳区: 李八村幸福院 in 仁风镇 has a page; the May 2023 joint inspections and their hazards are counted by quarter and category', async () => {
    const jiyang = await elderCare('370115', 2023);
    const q2 = jiyang.inspectionQuarters.find((q) => q.quarter === '2023-Q2')!;
    expect(q2.inspections).toBe(6);
    expect(q2.jointInspections).toBe(6);
    expect(q2.facilitiesInspected).toBe(6);
    expect(jiyang.inspectionQuarters.filter((q) => q.quarter !== '2023-Q2').every((q) => q.inspections === 0)).toBe(true);
    // every hazard is fixed on the spot, rectified or still open; overdue ones are open
    const [ledger] = await db.orm.em.fork().execute<{ found: number; on_spot: number; open: number }[]>(
      `select count(*)::int as found, count(*) filter (where state = 'fixed_on_spot')::int as on_spot, count(*) filter (where state = 'open')::int as open
       from elder_hazard h join elder_facility f on f.id = h.facility_id where f.county_code = '370115'`,
    );
    const total = (key: keyof Hazards) => jiyang.hazards.reduce((sum, h) => sum + (h[key] as number), 0);
    expect(total('found')).toBe(ledger!.found);
    expect(total('fixedOnSpot')).toBe(ledger!.on_spot);
    expect(total('stillOpen')).toBe(ledger!.open);
    expect(total('overdue')).toBe(ledger!.open); // their deadlines passed in 2023
    expect(total('fixedOnSpot') + total('rectified') + total('stillOpen')).toBe(total('found'));

    const town = await publicQuery<{
      elderFacilities: { edges: { node: { id: string; name: string; kind: string; villageCode: string } }[] };
    }>(
      `query ($r: ID) { elderFacilities(regionCode: "370115104", kind: RURAL_HAPPINESS_HOME, releaseId: $r, first: 100) { edges { node { id name kind villageCode } } } }`,
    );
    const libacun = town.elderFacilities.edges.map((e) => e.node).find((f) => f.name === '李八村幸福院')!;
    expect(libacun.villageCode.startsWith('370115104')).toBe(true);
    const page = await publicQuery<{ elderFacility: { name: string; kind: string; openedOn: string; inspections: unknown[] } }>(
      `query ($id: ID!, $r: ID) { elderFacility(id: $id, releaseId: $r) { name kind openedOn beds inspections { inspectedOn } } }`,
      { id: libacun.id },
    );
    expect(page.elderFacility).toMatchObject({
      name: '李八村幸福院',
      kind: 'RURAL_HAPPINESS_HOME',
      openedOn: '2023-01-10',
      inspections: [],
    });
  });

  it('gives every inspected institution its inspection record, newest first, category by category', async () => {
    const facilities = await publicQuery<{
      elderFacilities: {
        edges: {
          node: {
            name: string;
            beds: number | null;
            inspections: { inspectedOn: string; jointWithFireBrigade: boolean; categories: (Hazards & { passed?: boolean })[] }[];
          };
        }[];
      };
    }>(
      `query ($r: ID) { elderFacilities(regionCode: "370115", kind: PUBLIC_HOME, releaseId: $r, first: 100) { edges { node { name beds
         inspections { inspectedOn jointWithFireBrigade categories { category found fixedOnSpot rectified stillOpen overdue } } } } } }`,
    );
    const homes = facilities.elderFacilities.edges.map((e) => e.node);
    expect(homes).toHaveLength(6);
    for (const home of homes) {
      expect(home.inspections).toHaveLength(1);
      expect(home.inspections[0]!.inspectedOn).toMatch(/^2023-05-/);
      expect(home.inspections[0]!.categories.map((c) => c.category)).toEqual([
        'FIRE',
        'ELECTRICITY',
        'GAS',
        'FOOD',
        'EVACUATION',
        'EMERGENCY_PLAN',
      ]);
      expect(home.inspections[0]!.categories.reduce((n, c) => n + c.found, 0)).toBeGreaterThan(0);
    }
  });

  it('reads a county’s facilities with their inspection records, and its figures, in the same few statements whatever the page size', async () => {
    const read = async (first: number) => {
      statements = [];
      const data = await publicQuery<{ elderFacilities: { edges: unknown[] } }>(
        `query ($r: ID, $first: Int!) { elderFacilities(regionCode: "370115", releaseId: $r, first: $first) { edges { node { id beds occupiedBeds
           inspections { inspectedOn categories { category found stillOpen } } } } } }`,
        { first },
      );
      return { rows: data.elderFacilities.edges.length, statements: statements.length };
    };
    const one = await read(1);
    const all = await read(100);
    expect(all.rows).toBeGreaterThan(5);
    expect(all.statements).toBe(one.statements);
    // the release id, the county's facilities, the inspections of the page
    expect(all.statements).toBeLessThanOrEqual(3);
    statements = [];
    await elderCare('370115', 2023);
    await publicQuery(`query ($r: ID) { elderCareTowns(countyCode: "371425", year: 2023, releaseId: $r) { regionCode facilities } }`);
    // each: the release id, facilities, inspections, services
    expect(statements.length).toBeLessThanOrEqual(8);
  });

  it('refuses a year outside 2000 to 2100, a region that is not a county or town, and a page size above 100', async () => {
    const refused = async (query: string) => (await api.query('/public/graphql', query)).errors?.[0]?.extensions?.['code'];
    expect(await refused(`{ elderCare(regionCode: "370115", year: 0) { regionCode } }`)).toBe('INVALID_DATE');
    expect(await refused(`{ elderCareTowns(countyCode: "370115", year: 2147483647) { regionCode } }`)).toBe('INVALID_DATE');
    expect(await refused(`{ elderCare(regionCode: "370115104001", year: 2023) { regionCode } }`)).toBe('INVALID_REGION_CODE');
    expect(await refused(`{ elderFacilities(regionCode: "370115", first: 101) { pageInfo { hasNextPage } } }`)).toBe('INVALID_PAGE_SIZE');
    expect(await refused(`{ elderFacility(id: "99999999") { id } }`)).toBeUndefined();
  });

  it('adds the towns up to the county, and names no person: no responsible person, team or hazard description', async () => {
    const towns = await publicQuery<{ elderCareTowns: Figures[] }>(
      `query ($r: ID) { elderCareTowns(countyCode: "371425", year: 2023, releaseId: $r) { regionCode ${FIGURES} } }`,
    );
    const county = await elderCare('371425', 2023);
    expect(towns.elderCareTowns.every((t) => t.regionCode.startsWith('371425') && t.regionCode.length === 9)).toBe(true);
    for (const key of ['facilities', 'beds', 'certifiedCaregivers'] as const) {
      expect(
        towns.elderCareTowns.reduce((sum, t) => sum + t[key], 0),
        key,
      ).toBe(county[key]);
    }
    const everything = JSON.stringify([
      towns,
      await elderCare('370115', 2023),
      await publicQuery(
        `query ($r: ID) { elderFacilities(regionCode: "370115", releaseId: $r, first: 100) { edges { node { id name operator inspections { inspectedOn categories { category found } } } } } }`,
      ),
    ]);
    const [secrets] = await db.orm.em
      .fork()
      .execute<{ responsible: string[]; descriptions: string[]; teams: string[]; addresses: string[] }[]>(
        `select array(select distinct responsible from elder_hazard where responsible is not null) as responsible,
                array(select distinct description from elder_hazard) as descriptions,
                array(select distinct team from elder_inspection) as teams,
                array(select distinct address from elder_facility) as addresses`,
      );
    for (const secret of [...secrets!.responsible, ...secrets!.descriptions, ...secrets!.teams, ...secrets!.addresses]) {
      expect(everything.includes(secret), secret).toBe(false);
    }
  });
});
