import { addMonths, approveApplication, monthOfDate, registerHousehold, today } from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSteps } from '../support/case-steps.js';
import { idNumberFor, ok, refused } from '../support/casework.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { ADMIN } from '../support/ledger-fixture.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Elder care's services (docs/eldercare.md): the institution housing a 特困 集中供养 person, home
 * services per person and month and their coverage of the eligible population, 适老化改造 against
 * the year's target, and a 幸福院's monthly activity.
 */
let db: TestDatabase;
let api: TestApi;
let admin: string;
let village: string;
const persons: number[] = [];
let householdId: number;
let enrollmentId: number;
const thisMonth = monthOfDate(today());
const lastMonth = addMonths(thisMonth, -1);
const year = Number(thisMonth.slice(0, 4));

const count = async (sql: string, params: unknown[] = []) =>
  Number((await db.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from (${sql}) t`, params))[0]!.n);

const REGISTER = `mutation ($input: RegisterFacilityInput!) { registerFacility(input: $input) { facility { id } } }`;
const HOUSE = `mutation ($input: HousePersonInput!) { housePerson(input: $input) { enrollment { id status } } }`;
const SERVICE = `mutation ($input: RecordHomeServiceInput!) { recordHomeService(input: $input) { service { id month kind times person { name } } } }`;
const COVERAGE = `query ($year: Int!) { homeServiceCoverage(countyCode: "370115", year: $year) {
  eligiblePersons personsServed coveragePercent byKind { kind persons times }
} }`;

async function facility(name: string, kind: string): Promise<string> {
  const data = await ok<{ registerFacility: { facility: { id: string } } }>(api, admin, REGISTER, {
    input: { kind, name, operator: '济阳区民政局', villageCode: village, openedOn: '2018-01-01' },
  });
  return data.registerFacility.facility.id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  admin = await tokenFor('county_admin', '370115');
  const steps = caseSteps(db.orm);
  village = await steps.village();
  await steps.ruralStandards({ tekun_centralized: 130000 });
  for (let i = 0; i < 3; i++) {
    const household = await steps.run((em) =>
      registerHousehold(em, ADMIN, {
        villageCode: village,
        areaType: 'rural',
        members: [{ idNumber: idNumberFor(`194${i}-03-03`), name: ['刘德福', '陈秀兰', '王守义'][i]!, relation: 'head' }],
      }),
    );
    householdId = household.id;
    persons.push(
      (
        await db.orm.em
          .fork()
          .execute<{ person_id: number }[]>(`select person_id from household_member where household_id = ?`, [household.id])
      )[0]!.person_id,
    );
  }
  const applicationId = await steps.publicized({ householdId, programCode: 'tekun_centralized', personId: persons[2]! });
  const approval = await steps.run((em) => approveApplication(em, ADMIN, { applicationId, startMonth: thisMonth }));
  enrollmentId = approval.enrollment!.id;
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('特困 集中供养', () => {
  it('an enrollment points at the institution that houses the person; the facility counts its residents', async () => {
    const home = await facility('济阳区中心敬老院', 'PUBLIC_HOME');
    await ok(api, admin, HOUSE, { input: { enrollmentId: String(enrollmentId), facilityId: home } });
    expect(await count(`select 1 from enrollment where id = ? and facility_id = ?`, [enrollmentId, home])).toBe(1);
    const data = await ok<{ elderFacility: { residents: number } }>(api, admin, `{ elderFacility(id: "${home}") { residents } }`);
    expect(data.elderFacility.residents).toBe(1);
    expect(await count(`select 1 from audit_entry where action = 'housePerson' and entity_id = ?`, [String(enrollmentId)])).toBe(1);
  });

  it('a facility that houses nobody (a canteen): WRONG_FACILITY_KIND, the enrollment unchanged', async () => {
    const canteen = await facility('仁风镇长者食堂', 'ELDER_CANTEEN');
    const error = await refused(api, admin, HOUSE, { input: { enrollmentId: String(enrollmentId), facilityId: canteen } });
    expect(error.code).toBe('WRONG_FACILITY_KIND');
    expect(await count(`select 1 from enrollment where id = ? and facility_id = ?`, [enrollmentId, canteen])).toBe(0);
  });
});

describe('home services', () => {
  it('are recorded per person, month and kind (again: replaced), and cover the eligible population', async () => {
    await ok(
      api,
      admin,
      `mutation { setElderCareTarget(input: { countyCode: "370115", year: ${year}, eligiblePersons: 4, modificationTarget: 2 }) { target { year } } }`,
    );
    const record = (person: number, month: string, kind: string, times: number) =>
      ok(api, admin, SERVICE, { input: { personId: String(person), month, kind, times } });
    await record(persons[0]!, thisMonth, 'MEAL', 20);
    await record(persons[0]!, thisMonth, 'MEAL', 22);
    await record(persons[0]!, thisMonth, 'CLEANING', 2);
    await record(persons[1]!, thisMonth, 'MEAL', 10);
    expect(await count(`select 1 from elder_home_service`)).toBe(3);
    const data = await ok<{ homeServiceCoverage: Record<string, unknown> }>(api, admin, COVERAGE, { year });
    expect(data.homeServiceCoverage).toEqual({
      eligiblePersons: 4,
      personsServed: 2,
      coveragePercent: 50,
      byKind: [
        { kind: 'MEAL', persons: 2, times: 32 },
        { kind: 'CLEANING', persons: 1, times: 2 },
      ],
    });
  });

  it('refused with a typed error and nothing written: a future month, zero times, a person outside the region', async () => {
    const before = await count(`select 1 from elder_home_service`);
    const future = await refused(api, admin, SERVICE, {
      input: { personId: String(persons[0]), month: addMonths(thisMonth, 2), kind: 'BATHING', times: 1 },
    });
    expect(future.code).toBe('INVALID_MONTH');
    const zero = await refused(api, admin, SERVICE, {
      input: { personId: String(persons[0]), month: thisMonth, kind: 'BATHING', times: 0 },
    });
    expect(zero.code).toBe('INVALID_COUNT');
    const clerk = await tokenFor('town_clerk', '370115005');
    const outside = await refused(api, clerk, SERVICE, {
      input: { personId: String(persons[0]), month: thisMonth, kind: 'BATHING', times: 1 },
    });
    expect(outside.code).toBe('NOT_FOUND');
    expect(await count(`select 1 from elder_home_service`)).toBe(before);
  });
});

describe('适老化改造', () => {
  it('planned per household, completed at its cost, counted against the target', async () => {
    const plan = await ok<{ planHomeModification: { modification: { id: string; state: string } } }>(
      api,
      admin,
      `mutation ($h: ID!) { planHomeModification(input: { householdId: $h, year: ${year}, items: "卫生间扶手、防滑地面", cost: "3000.00" }) { modification { id state } } }`,
      { h: String(householdId) },
    );
    const id = plan.planHomeModification.modification.id;
    const UPDATE = `mutation ($input: UpdateHomeModificationInput!) { updateHomeModification(input: $input) { modification { state cost completedOn } } }`;
    await ok(api, admin, UPDATE, { input: { modificationId: id, state: 'COMPLETED', cost: '2850.50', completedOn: today() } });
    const again = await refused(api, admin, UPDATE, { input: { modificationId: id, state: 'IN_PROGRESS' } });
    expect(again.code).toBe('TRANSITION_NOT_ALLOWED');
    const progress = await ok<{ homeModificationProgress: Record<string, unknown> }>(
      api,
      admin,
      `{ homeModificationProgress(countyCode: "370115", year: ${year}) { target planned completed completedCost } }`,
    );
    expect(progress.homeModificationProgress).toEqual({ target: 2, planned: 0, completed: 1, completedCost: '2850.50' });
  });
});

describe('a 幸福院’s month', () => {
  it('records people served and meals; a negative count is INVALID_COUNT and nothing is written', async () => {
    const home = await facility('李八村幸福院', 'RURAL_HAPPINESS_HOME');
    const ACTIVITY = `mutation ($input: RecordFacilityActivityInput!) { recordFacilityActivity(input: $input) { activity { month peopleServed meals } } }`;
    await ok(api, admin, ACTIVITY, { input: { facilityId: home, month: thisMonth, peopleServed: 109, meals: 3200 } });
    const error = await refused(api, admin, ACTIVITY, { input: { facilityId: home, month: lastMonth, peopleServed: -1, meals: 0 } });
    expect(error.code).toBe('INVALID_COUNT');
    const data = await ok<{ elderFacility: { activity: unknown[] } }>(
      api,
      admin,
      `{ elderFacility(id: "${home}") { activity { month peopleServed meals } } }`,
    );
    expect(data.elderFacility.activity).toEqual([{ month: thisMonth, peopleServed: 109, meals: 3200 }]);
  });
});
