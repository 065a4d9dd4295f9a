import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCEPT,
  APPROVE,
  GENERATE,
  INVESTIGATE,
  PUBLICIZE,
  REGISTER,
  SET_STANDARD,
  SUBMIT,
  VERIFY,
  idNumberFor,
  noticePostedDaysAgo,
  ok,
  refused,
} from '../support/casework.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Membership changes, hand-ended enrollments and 渐退 through the internal API. */
let db: TestDatabase;
let api: TestApi;
let admin: string;
let clerk: string;
let village: string;
let householdId: string;
let enrollmentId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  admin = await tokenFor('county_admin', '370115');
  clerk = await tokenFor('town_clerk', '370115104');
  village = (
    await db.orm.em.fork().execute<{ code: string }[]>(`select code from region where parent_code = '370115104' order by code limit 1`)
  )[0]!.code;
  await ok(api, admin, SET_STANDARD, {
    input: { programCode: 'dibao_rural', countyCode: '370115', areaType: 'RURAL', effectiveMonth: '2025-01', amount: '700.00' },
  });
  const registered = await ok<{ registerHousehold: { household: { id: string } } }>(api, clerk, REGISTER, {
    input: {
      villageCode: village,
      areaType: 'RURAL',
      members: [{ idNumber: idNumberFor('1966-06-06'), name: '韩立新', relation: 'HEAD' }],
    },
  });
  householdId = registered.registerHousehold.household.id;
  const submitted = await ok<{ submitApplication: { application: { id: string } } }>(api, clerk, SUBMIT, {
    input: { householdId, programCode: 'dibao_rural', channel: 'APP' },
  });
  const id = submitted.submitApplication.application.id;
  await ok(api, clerk, ACCEPT, { id });
  await ok(api, clerk, VERIFY, { input: { applicationId: id, incomes: [{ kind: 'wage', monthly: '300.00' }] } });
  await ok(api, clerk, INVESTIGATE, { id });
  await ok(api, clerk, PUBLICIZE, { id, start: noticePostedDaysAgo(9) });
  const approved = await ok<{ approveApplication: { enrollment: { id: string } } }>(api, admin, APPROVE, {
    input: { applicationId: id, startMonth: '2026-01' },
  });
  enrollmentId = approved.approveApplication.enrollment.id;
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('household membership', () => {
  it('adds a member with a validated ID number and ends a membership with a date', async () => {
    const added = await ok<{
      addHouseholdMember: { member: { id: string; relation: string; person: { sex: string; birthDate: string } } };
    }>(
      api,
      clerk,
      `mutation ($input: AddHouseholdMemberInput!) { addHouseholdMember(input: $input) { member { id relation person { sex birthDate } } } }`,
      { input: { householdId, idNumber: idNumberFor('2019-09-09'), name: '韩小雨', relation: 'CHILD', startDate: '2026-01-01' } },
    );
    expect(added.addHouseholdMember.member.person.birthDate).toBe('2019-09-09');
    const members = async () =>
      (
        await ok<{ household: { members: { id: string }[] } }>(api, clerk, `query ($id: ID!) { household(id: $id) { members { id } } }`, {
          id: householdId,
        })
      ).household.members;
    expect(await members()).toHaveLength(2);
    await ok(
      api,
      clerk,
      `mutation ($id: ID!) { endHouseholdMembership(input: { memberId: $id, endDate: "2026-05-01" }) { member { endDate } } }`,
      {
        id: added.addHouseholdMember.member.id,
      },
    );
    expect(await members()).toHaveLength(1);
  });

  it('refuses a second head', async () => {
    const error = await refused(
      api,
      clerk,
      `mutation ($input: AddHouseholdMemberInput!) { addHouseholdMember(input: $input) { member { id } } }`,
      {
        input: { householdId, idNumber: idNumberFor('1970-01-01'), name: '韩二', relation: 'HEAD' },
      },
    );
    expect(error.code).toBe('HEAD_EXISTS');
  });

  it('names what is wrong with a registration by its own code, and registers nothing', async () => {
    const before = await db.orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from household');
    const register = (members: { idNumber: string; name: string; relation: string; disabilityLevel?: number }[]) =>
      refused(api, clerk, REGISTER, { input: { villageCode: village, areaType: 'RURAL', members } });
    const head = { idNumber: idNumberFor('1971-01-01'), name: '韩三', relation: 'HEAD' };
    expect((await register([{ ...head, relation: 'SPOUSE' }])).code).toBe('ONE_HEAD_REQUIRED');
    expect((await register([head, { idNumber: idNumberFor('1972-02-02'), name: '韩四', relation: 'HEAD' }])).code).toBe(
      'ONE_HEAD_REQUIRED',
    );
    expect((await register([{ ...head, disabilityLevel: 5 }])).code).toBe('INVALID_DISABILITY_LEVEL');
    expect(await db.orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from household')).toEqual(before);
  });
});

describe('enrollments', () => {
  it('lists enrollments active in a month and ends one by hand after its last paid month', async () => {
    const active = async (month: string) =>
      (
        await ok<{ enrollments: { totalCount: number } }>(api, clerk, `query ($m: Month) { enrollments(activeIn: $m) { totalCount } }`, {
          m: month,
        })
      ).enrollments.totalCount;
    expect(await active('2026-02')).toBe(1);
    await ok(
      api,
      admin,
      `mutation ($id: ID!) { endEnrollment(input: { enrollmentId: $id, lastMonth: "2026-03", reason: MOVED_AWAY }) { enrollment { status endMonth exitReason } } }`,
      {
        id: enrollmentId,
      },
    );
    expect(await active('2026-03')).toBe(1);
    expect(await active('2026-04')).toBe(0);
    const april = await ok<{ generatePayroll: { batch: { paymentCount: number } } }>(api, admin, GENERATE, {
      input: { countyCode: '370115', programCode: 'dibao_rural', month: '2026-04' },
    });
    expect(april.generatePayroll.batch.paymentCount).toBe(0);
  });
});
