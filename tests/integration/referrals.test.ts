import { registerHousehold, type EntityManager } from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberFor, ok, refused } from '../support/casework.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { ADMIN } from '../support/ledger-fixture.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** 社会大救助: a case referred to a department, its outcome recorded once, shown on the household. */
let db: TestDatabase;
let api: TestApi;
let clerk = '';
let householdId = '';
const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);
const rows = <T>(sql: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(sql, params);

const REFER = `mutation ($input: ReferCaseInput!) { referCase(input: $input) { referral { id department request outcome } } }`;
const OUTCOME = `mutation ($input: RecordReferralOutcomeInput!) { recordReferralOutcome(input: $input) { referral { id outcome amount decidedOn } } }`;
const HOUSEHOLD = `query ($id: ID!) { household(id: $id) { referrals { department request outcome amount outcomeNote } } }`;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  clerk = await tokenFor('town_clerk', '370115104');
  const village = (await rows<{ code: string }>(`select code from region where parent_code = '370115104' order by code limit 1`))[0]!.code;
  const household = await run((em) =>
    registerHousehold(em, ADMIN, {
      villageCode: village,
      areaType: 'rural',
      members: [{ idNumber: idNumberFor('1979-09-09'), name: '孙明亮', relation: 'head' }],
    }),
  );
  householdId = String(household.id);
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('社会大救助 referrals', () => {
  it('refers a case to departments, records each outcome once, and shows all on the household', async () => {
    const medical = await ok<{ referCase: { referral: { id: string } } }>(api, clerk, REFER, {
      input: { householdId, department: 'MEDICAL_INSURANCE', request: '住院费用个人负担部分申请医疗救助' },
    });
    const school = await ok<{ referCase: { referral: { id: string } } }>(api, clerk, REFER, {
      input: { householdId, department: 'EDUCATION', request: '子女学费减免' },
    });
    await ok(api, clerk, OUTCOME, { input: { referralId: medical.referCase.referral.id, outcome: 'GRANTED', amount: '3200.50' } });
    expect((await refused(api, clerk, OUTCOME, { input: { referralId: school.referCase.referral.id, outcome: 'REFUSED' } })).code).toBe(
      'TEXT_REQUIRED',
    );
    await ok(api, clerk, OUTCOME, { input: { referralId: school.referCase.referral.id, outcome: 'REFUSED', note: '不在资助范围' } });
    expect(
      (await refused(api, clerk, OUTCOME, { input: { referralId: medical.referCase.referral.id, outcome: 'REFUSED', note: '再次' } })).code,
    ).toBe('TRANSITION_NOT_ALLOWED');
    const { household } = await ok<{ household: { referrals: Record<string, unknown>[] } }>(api, clerk, HOUSEHOLD, { id: householdId });
    expect(household.referrals).toEqual([
      {
        department: 'MEDICAL_INSURANCE',
        request: '住院费用个人负担部分申请医疗救助',
        outcome: 'GRANTED',
        amount: '3200.50',
        outcomeNote: null,
      },
      { department: 'EDUCATION', request: '子女学费减免', outcome: 'REFUSED', amount: null, outcomeNote: '不在资助范围' },
    ]);
    expect(
      (await rows<{ action: string }>(`select action from audit_entry where entity = 'referral' order by id`)).map((a) => a.action),
    ).toEqual(['referCase', 'referCase', 'recordReferralOutcome', 'recordReferralOutcome']);
  });

  it('keeps referrals to the region: another town’s clerk cannot refer the household nor record an outcome', async () => {
    const other = await tokenFor('town_clerk', '370115005');
    expect((await refused(api, other, REFER, { input: { householdId, department: 'HOUSING', request: '危房改造' } })).code).toBe(
      'NOT_FOUND',
    );
    const [first] = await rows<{ id: number }>(`select id from referral order by id limit 1`);
    expect((await refused(api, other, OUTCOME, { input: { referralId: String(first!.id), outcome: 'GRANTED' } })).code).toBe('NOT_FOUND');
    expect(await rows(`select count(*)::int as n from referral`)).toEqual([{ n: 2 }]);
  });
});
