import { addDays, recordCapacity, recordInspection, registerFacility, today, type Actor } from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../support/casework.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * A county's facility list with capacity, residents, open hazards and inspections → hazards →
 * follow-ups costs the same number of SQL statements whatever the page size (as nested-read.test.ts
 * measures households).
 */
let db: TestDatabase;
let api: TestApi;
let token: string;
let statements: string[] = [];
const FACILITIES = 12;

const PAGE = `query ($first: Int!) { elderFacilities(regionCode: "370115", first: $first) { totalCount edges { node {
  id name kind starRating village { name }
  capacity { beds occupiedBeds staff certifiedCaregivers caregivers { level4 } }
  capacityRecords { recordedOn beds }
  residents
  hazardCounts { found open overdue }
  openHazards { category deadline responsible overdue followUps { visitedOn } }
  inspections { inspectedOn team checklist { category passed } hazards { category state } }
  activity { month meals }
} } } }`;

beforeAll(async () => {
  db = await createTestDatabase({ onQuery: (message) => statements.push(message) });
  api = await startTestApi(db.orm);
  token = await tokenFor('county_admin', '370115');
  const admin: Actor = { subject: 'setup', role: 'county_admin', regionCode: '370115' };
  const villages = await db.orm.em
    .fork()
    .execute<{ code: string }[]>(`select code from region where parent_code = '370115104' order by code limit 4`);
  const run = <T>(work: Parameters<typeof db.orm.em.transactional<T>>[0]) => db.orm.em.fork().transactional(work);
  for (let i = 0; i < FACILITIES; i++) {
    const facility = await run((em) =>
      registerFacility(em, admin, {
        kind: 'public_home',
        name: `敬老院${i}`,
        operator: '镇人民政府',
        villageCode: villages[i % villages.length]!.code,
        openedOn: '2012-01-01',
      }),
    );
    for (const recordedOn of ['2024-01-01', '2025-01-01']) {
      await run((em) =>
        recordCapacity(em, admin, {
          facilityId: facility.id,
          recordedOn,
          beds: 80,
          occupiedBeds: 40 + i,
          staff: 10,
          caregivers: { level5: 2, level4: 3, level3: 1, level2: 0, level1: 0 },
        }),
      );
    }
    await run((em) =>
      recordInspection(em, admin, {
        facilityId: facility.id,
        inspectedOn: addDays(today(), -30),
        team: '联合检查组',
        jointWithFireBrigade: true,
        checklist: [{ category: 'fire', passed: false, note: '' }],
        hazards: [
          { category: 'fire', description: '灭火器过期', fixedOnSpot: true },
          { category: 'electricity', description: '线路老化', fixedOnSpot: false, deadline: addDays(today(), -1), responsible: '院长' },
        ],
      }),
    );
  }
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

async function statementsFor(first: number) {
  statements = [];
  const data = await ok<{ elderFacilities: { edges: { node: { openHazards: unknown[]; inspections: { hazards: unknown[] }[] } }[] } }>(
    api,
    token,
    PAGE,
    { first },
  );
  return { count: statements.length, data };
}

describe('a page of facilities with their nested lists', () => {
  it('costs the same number of SQL statements for 2 facilities as for 10', async () => {
    await statementsFor(1); // the token is verified once, then remembered
    const small = await statementsFor(2);
    const large = await statementsFor(10);
    expect(small.data.elderFacilities.edges).toHaveLength(2);
    expect(large.data.elderFacilities.edges).toHaveLength(10);
    expect(
      large.data.elderFacilities.edges.every((e) => e.node.openHazards.length === 1 && e.node.inspections[0]!.hazards.length === 2),
    ).toBe(true);
    expect(large.count, statements.join('\n')).toBe(small.count);
    expect(small.count).toBeLessThanOrEqual(14);
  });
});
