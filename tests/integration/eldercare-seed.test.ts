import { seedDatabase } from '@xingfu/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../support/casework.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * The demo data's elder care reproduces the seed reports' figures (docs/eldercare.md, "Demo
 * data"), read through the internal API: 齐河县 10 institutions, 40 centres, 4,100 beds, 360
 * certified caregivers; 章丘区 23 幸福院, 2 日间照料中心, 2 照护中心, 10 敬老院 of which 5 rated ≥ 4
 * stars; 济阳区's 李八村幸福院 in 仁风镇 (460 m², 65 万元, 109 elders a month).
 */
let db: TestDatabase;
let api: TestApi;

const PAGE = `query ($region: String!, $after: String) { elderFacilities(regionCode: $region, first: 100, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { name kind starRating floorAreaM2 investment village { code name } capacity { beds certifiedCaregivers } activity { peopleServed } } }
} }`;

type Facility = {
  name: string;
  kind: string;
  starRating: number | null;
  floorAreaM2: number | null;
  investment: string | null;
  village: { code: string; name: string };
  capacity: { beds: number; certifiedCaregivers: number } | null;
  activity: { peopleServed: number }[];
};

async function facilitiesOf(county: string): Promise<Facility[]> {
  const token = await tokenFor('county_admin', county);
  const all: Facility[] = [];
  let after: string | null = null;
  for (;;) {
    const data: { elderFacilities: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: Facility }[] } } = await ok(
      api,
      token,
      PAGE,
      { region: county, after },
    );
    all.push(...data.elderFacilities.edges.map((e) => e.node));
    if (!data.elderFacilities.pageInfo.hasNextPage) return all;
    after = data.elderFacilities.pageInfo.endCursor;
  }
}

const byKind = (facilities: Facility[]) =>
  facilities.reduce<Record<string, number>>((counts, f) => ({ ...counts, [f.kind]: (counts[f.kind] ?? 0) + 1 }), {});

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase({ databaseUrl: db.url, preset: 'jiyang-2023', scale: 0.05 });
  api = await startTestApi(db.orm);
}, 300_000);

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('the demo data’s elder care', () => {
  it('齐河县: 10 institutions, 40 城乡综合养老服务中心, 4,100 beds, 360 certified caregivers', async () => {
    const facilities = await facilitiesOf('371425');
    const kinds = byKind(facilities);
    expect(kinds['PUBLIC_HOME']! + kinds['PRIVATE_HOME']! + kinds['PUBLICLY_BUILT_PRIVATELY_RUN']!).toBe(10);
    expect(kinds['SERVICE_CENTRE']).toBe(40);
    expect(facilities.reduce((sum, f) => sum + (f.capacity?.beds ?? 0), 0)).toBe(4100);
    expect(facilities.reduce((sum, f) => sum + (f.capacity?.certifiedCaregivers ?? 0), 0)).toBe(360);
  });

  it('章丘区: 23 幸福院, 2 日间照料中心, 2 照护中心, 10 敬老院 of which 5 rated four stars or more', async () => {
    const facilities = await facilitiesOf('370114');
    expect(byKind(facilities)).toEqual({ PUBLIC_HOME: 10, CARE_CENTRE: 2, DAY_CARE_CENTRE: 2, RURAL_HAPPINESS_HOME: 23 });
    expect(facilities.filter((f) => f.kind === 'PUBLIC_HOME' && (f.starRating ?? 0) >= 4)).toHaveLength(5);
  });

  it('济阳区: 李八村幸福院 in 仁风镇, 460 m², 65 万元, 109 elders each month', async () => {
    const facility = (await facilitiesOf('370115')).find((f) => f.name === '李八村幸福院')!;
    expect(facility).toMatchObject({ kind: 'RURAL_HAPPINESS_HOME', floorAreaM2: 460, investment: '650000.00' });
    expect(facility.village.code.startsWith('370115104')).toBe(true);
    expect(facility.village.name).toMatch(/^李八村/);
    expect(facility.activity.length).toBeGreaterThan(0);
    expect(facility.activity.every((a) => a.peopleServed === 109)).toBe(true);
  });

  it('is the same from the same seed, and replaced (not doubled) by a second load', async () => {
    const before = await db.orm.em
      .fork()
      .execute<{ name: string; village_code: string; star_rating: number | null }[]>(
        `select name, village_code, star_rating from elder_facility order by county_code, name`,
      );
    await seedDatabase({ databaseUrl: db.url, preset: 'jiyang-2023', scale: 0.05, replace: true });
    const after = await db.orm.em
      .fork()
      .execute<{ name: string; village_code: string; star_rating: number | null }[]>(
        `select name, village_code, star_rating from elder_facility order by county_code, name`,
      );
    expect(after).toEqual(before);
  }, 300_000);

  it('滨海县: home services to 31,083 of 31,167 eligible (99.73 %) and 547 homes modified against 350, at the load’s scale', async () => {
    await seedDatabase({ databaseUrl: db.url, preset: 'binhai-2021', scale: 0.05 });
    const token = await tokenFor('county_admin', '320922');
    const data = await ok<{ homeServiceCoverage: Record<string, number>; homeModificationProgress: Record<string, number> }>(
      api,
      token,
      `{ homeServiceCoverage(countyCode: "320922", year: 2021) { eligiblePersons personsServed }
         homeModificationProgress(countyCode: "320922", year: 2021) { target completed } }`,
    );
    expect(data.homeServiceCoverage).toEqual({ eligiblePersons: Math.round(31167 * 0.05), personsServed: Math.round(31083 * 0.05) });
    expect(data.homeModificationProgress).toEqual({ target: Math.round(350 * 0.05), completed: Math.round(547 * 0.05) });
  }, 300_000);
});
