import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, refused } from '../support/casework.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Elder-care facilities (docs/eldercare.md): registered at a village of the caller's region,
 * dated capacity records and star ratings; bad input refused with a typed error and nothing
 * written; a facility manager sees its own facility and nothing else.
 */
let db: TestDatabase;
let api: TestApi;
let admin: string;
let villageA: string;
let villageB: string;

const REGISTER = `mutation ($input: RegisterFacilityInput!) { registerFacility(input: $input) { facility { id name kind openedOn village { code } } } }`;
const CAPACITY = `mutation ($input: RecordFacilityCapacityInput!) {
  recordFacilityCapacity(input: $input) { capacity { id beds occupiedBeds certifiedCaregivers caregivers { level4 } } }
}`;
const RATE = `mutation ($input: RateFacilityInput!) { rateFacility(input: $input) { facility { id starRating starRatedOn } } }`;
const FACILITIES = `query ($region: String) { elderFacilities(regionCode: $region, first: 50) { totalCount edges { node {
  id name kind starRating capacity { recordedOn beds occupiedBeds staff certifiedCaregivers } capacityRecords { recordedOn } residents
} } } }`;

const count = async (sql: string, params: unknown[] = []) =>
  Number((await db.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from (${sql}) t`, params))[0]!.n);

async function register(name: string, village: string, kind = 'PUBLIC_HOME'): Promise<string> {
  const data = await ok<{ registerFacility: { facility: { id: string } } }>(api, admin, REGISTER, {
    input: { kind, name, operator: '仁风镇人民政府', villageCode: village, openedOn: '2015-06-01' },
  });
  return data.registerFacility.facility.id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  admin = await tokenFor('county_admin', '370115');
  const rows = await db.orm.em
    .fork()
    .execute<{ code: string }[]>(
      `(select code from region where parent_code = '370115104' order by code limit 1) union all (select code from region where parent_code = '370115005' order by code limit 1)`,
    );
  villageA = rows[0]!.code;
  villageB = rows[1]!.code;
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('a facility', () => {
  it('is registered at a village, records dated capacity and a star rating, and shows its latest capacity; every step audited', async () => {
    const id = await register('仁风镇敬老院', villageA);
    const record = (recordedOn: string, beds: number, occupiedBeds: number) =>
      ok(api, admin, CAPACITY, {
        input: { facilityId: id, recordedOn, beds, occupiedBeds, staff: 12, caregivers: { level5: 3, level4: 4, level3: 1 } },
      });
    await record('2024-01-01', 100, 60);
    await record('2025-01-01', 120, 90);
    await ok(api, admin, RATE, { input: { facilityId: id, stars: 4, ratedOn: '2024-09-01' } });
    const data = await ok<{ elderFacilities: { edges: { node: Record<string, unknown> }[] } }>(api, admin, FACILITIES, {});
    const node = data.elderFacilities.edges.find((e) => e.node['id'] === id)!.node;
    expect(node).toMatchObject({
      kind: 'PUBLIC_HOME',
      starRating: 4,
      capacity: { recordedOn: '2025-01-01', beds: 120, occupiedBeds: 90, staff: 12, certifiedCaregivers: 8 },
      capacityRecords: [{ recordedOn: '2025-01-01' }, { recordedOn: '2024-01-01' }],
      residents: 0,
    });
    const audited = await db.orm.em
      .fork()
      .execute<{ action: string }[]>(`select action from audit_entry where entity like 'elder_facility%' order by id`);
    expect(audited.map((a) => a.action)).toEqual(['registerFacility', 'recordCapacity', 'recordCapacity', 'rateFacility']);
  });
});

describe('bad input', () => {
  it('occupancy above beds: OCCUPANCY_ABOVE_BEDS, no capacity record', async () => {
    const id = await register('孙耿街道敬老院', villageA);
    const audited = await count(`select 1 from audit_entry where action = 'recordCapacity'`);
    const error = await refused(api, admin, CAPACITY, {
      input: { facilityId: id, recordedOn: '2025-02-01', beds: 50, occupiedBeds: 51, staff: 5, caregivers: {} },
    });
    expect(error.code).toBe('OCCUPANCY_ABOVE_BEDS');
    expect(await count(`select 1 from elder_facility_capacity where facility_id = ?`, [id])).toBe(0);
    expect(await count(`select 1 from audit_entry where action = 'recordCapacity'`)).toBe(audited);
  });

  it('a star rating out of range: INVALID_STAR_RATING, the facility unrated', async () => {
    const id = await register('回河镇敬老院', villageA);
    for (const stars of [0, 6, -1]) {
      const error = await refused(api, admin, RATE, { input: { facilityId: id, stars, ratedOn: '2024-09-01' } });
      expect(error.code).toBe('INVALID_STAR_RATING');
    }
    expect(await count(`select 1 from elder_facility where id = ? and star_rating is null`, [id])).toBe(1);
  });

  it('a capacity before the facility opened, or of a closed facility after closing: INVALID_DATE / FACILITY_CLOSED', async () => {
    const id = await register('新市镇敬老院', villageA);
    const before = await refused(api, admin, CAPACITY, {
      input: { facilityId: id, recordedOn: '2010-01-01', beds: 5, occupiedBeds: 1, staff: 1, caregivers: {} },
    });
    expect(before.code).toBe('INVALID_DATE');
    await ok(
      api,
      admin,
      `mutation ($id: ID!) { closeFacility(input: { facilityId: $id, closedOn: "2020-01-01" }) { facility { closedOn } } }`,
      {
        id,
      },
    );
    const after = await refused(api, admin, CAPACITY, {
      input: { facilityId: id, recordedOn: '2021-01-01', beds: 5, occupiedBeds: 1, staff: 1, caregivers: {} },
    });
    expect(after.code).toBe('FACILITY_CLOSED');
    expect(await count(`select 1 from elder_facility_capacity where facility_id = ?`, [id])).toBe(0);
  });

  it('a facility outside the caller’s region: NOT_FOUND, the same as a missing one; registering there: OUT_OF_SCOPE', async () => {
    const id = await register('曲堤街道敬老院', villageB);
    const clerk = await tokenFor('town_clerk', '370115104');
    const outside = await refused(api, clerk, CAPACITY, {
      input: { facilityId: id, recordedOn: '2025-02-01', beds: 5, occupiedBeds: 1, staff: 1, caregivers: {} },
    });
    const missing = await refused(api, clerk, CAPACITY, {
      input: { facilityId: '999999', recordedOn: '2025-02-01', beds: 5, occupiedBeds: 1, staff: 1, caregivers: {} },
    });
    expect(outside.code).toBe('NOT_FOUND');
    expect(missing.code).toBe('NOT_FOUND');
    expect(await count(`select 1 from elder_facility_capacity where facility_id = ?`, [id])).toBe(0);
    const otherCounty = await tokenFor('county_admin', '370114');
    const error = await refused(api, otherCounty, REGISTER, {
      input: { kind: 'PUBLIC_HOME', name: '越界敬老院', operator: '某', villageCode: villageA, openedOn: '2015-06-01' },
    });
    expect(error.code).toBe('OUT_OF_SCOPE');
    expect(await count(`select 1 from elder_facility where name = '越界敬老院'`)).toBe(0);
    const list = await ok<{ elderFacilities: { edges: { node: { id: string } }[] } }>(api, clerk, FACILITIES, {});
    expect(list.elderFacilities.edges.map((e) => e.node.id)).not.toContain(id);
  });
});

describe('a facility manager', () => {
  it('sees and reports its own facility only, and no case work', async () => {
    const own = await register('李八村幸福院', villageA, 'RURAL_HAPPINESS_HOME');
    const other = await register('仁风镇日间照料中心', villageA, 'DAY_CARE_CENTRE');
    const manager = await tokenFor('facility_manager', villageA, 'manager@李八村');
    const { mintToken, loadConfig } = await import('@xingfu/api');
    const token = await mintToken(
      { secret: loadConfig({}).XINGFU_JWT_SECRET },
      { subject: 'manager@李八村', role: 'facility_manager', regionCode: villageA, facilityId: Number(own) },
    );
    // a facility manager's token without its facility is refused
    expect((await api.query('/graphql', '{ elderFacilities { totalCount } }', { token: manager })).status).toBe(401);
    const list = await ok<{ elderFacilities: { totalCount: number; edges: { node: { id: string } }[] } }>(api, token, FACILITIES, {});
    expect(list.elderFacilities.edges.map((e) => e.node.id)).toEqual([own]);
    const activity = `mutation ($id: ID!) { recordFacilityActivity(input: { facilityId: $id, month: "2025-03", peopleServed: 109, meals: 2100 }) { activity { month peopleServed meals } } }`;
    await ok(api, token, activity, { id: own });
    expect((await refused(api, token, activity, { id: other })).code).toBe('NOT_FOUND');
    expect((await refused(api, token, `{ elderFacility(id: "${other}") { id } }`)).code).toBe('NOT_FOUND');
    expect((await refused(api, token, `{ households(first: 5) { totalCount } }`)).code).toBe('FORBIDDEN');
    expect((await refused(api, token, RATE, { input: { facilityId: own, stars: 3, ratedOn: '2024-01-01' } })).code).toBe('FORBIDDEN');
    expect(await count(`select 1 from elder_facility_activity where facility_id = ?`, [own])).toBe(1);
    expect(await count(`select 1 from elder_facility_activity where facility_id = ?`, [other])).toBe(0);
  });
});
