import { registerHousehold, setStandard, type EntityManager } from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberFor, ok } from '../support/casework.js';
import { caseSteps } from '../support/case-steps.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { ADMIN } from '../support/ledger-fixture.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * A mutation answers with the rows as it left them, and so does every later mutation of the same
 * operation: what a request read before a change is forgotten after it (loaders, identity map).
 */
let db: TestDatabase;
let api: TestApi;
let admin = '';
const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);

const publicized = (householdId: number, programCode: string, personId?: number) =>
  caseSteps(db.orm).publicized({ householdId, programCode, ...(personId ? { personId } : {}) });

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  admin = await tokenFor('county_admin', '370115');
  for (const [programCode, amountFen] of [
    ['dibao_rural', 70000],
    ['disability_care', 10000],
  ] as const) {
    await run((em) =>
      setStandard(em, ADMIN, { programCode, countyCode: '370115', areaType: 'rural', effectiveMonth: '2025-01', amountFen }),
    );
  }
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('reads after writes', () => {
  it('shows the first enrollment of an operation in the answer of its second mutation', async () => {
    const village = (
      await db.orm.em.fork().execute<{ code: string }[]>(`select code from region where parent_code = '370115104' order by code limit 1`)
    )[0]!.code;
    const household = await run((em) =>
      registerHousehold(em, ADMIN, {
        villageCode: village,
        areaType: 'rural',
        startDate: '2020-01-01',
        members: [
          { idNumber: idNumberFor('1960-04-04'), name: '钱国富', relation: 'head' },
          { idNumber: idNumberFor('1988-08-18'), name: '钱小明', relation: 'child', disabilityCategory: '肢体', disabilityLevel: 1 },
        ],
      }),
    );
    const [, child] = await db.orm.em
      .fork()
      .execute<{ person_id: number }[]>('select person_id from household_member where household_id = ? order by id', [household.id]);
    const dibao = await publicized(household.id, 'dibao_rural');
    const care = await publicized(household.id, 'disability_care', child!.person_id);
    const answer = await ok<{ first: Approved; second: Approved }>(
      api,
      admin,
      `mutation ($a: ID!, $b: ID!) {
        first: approveApplication(input: { applicationId: $a, startMonth: "2026-01" }) { application { household { enrollments { program { code } } } } }
        second: approveApplication(input: { applicationId: $b, startMonth: "2026-01" }) { application { household { enrollments { program { code } } } } }
      }`,
      { a: String(dibao), b: String(care) },
    );
    const codes = (a: Approved) => a.application.household.enrollments.map((e) => e.program.code).sort();
    expect(codes(answer.first)).toEqual(['dibao_rural']);
    expect(codes(answer.second)).toEqual(['dibao_rural', 'disability_care']);
  });
});

interface Approved {
  application: { household: { enrollments: { program: { code: string } }[] } };
}
