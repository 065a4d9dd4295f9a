import {
  addDays,
  approveApplication,
  createReviewCampaign,
  generatePayroll,
  recordReviewVisit,
  registerHousehold,
  setStandard,
  submitApplication,
  today,
  type EntityManager,
} from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVE, GENERATE, idNumberFor, REGISTER } from '../support/casework.js';
import { caseSteps } from '../support/case-steps.js';
import { startTestApi, type GraphQLResponse, type TestApi } from '../support/graphql-client.js';
import { ADMIN } from '../support/ledger-fixture.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Money moves exactly once: every mutation that moves money or status, sent many times at once
 * (a double click, a retrying client), leaves exactly one effect, and the others get a typed
 * refusal. Effects are counted in the database, not read off the answers.
 */
const PARALLEL = 20;

let db: TestDatabase;
let steps: ReturnType<typeof caseSteps>;
let api: TestApi;
let admin = '';
let village = '';

const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);
const count = async (sql: string, params: unknown[] = []) =>
  (await db.orm.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from (${sql}) x`, params))[0]!.n;
const value = async <T>(sql: string, params: unknown[] = []) => (await db.orm.em.fork().execute<T[]>(sql, params))[0]!;

/** Sends the same operation `times` times at once; returns every answer. */
function burst(query: string, variables: Record<string, unknown>, times = PARALLEL): Promise<GraphQLResponse[]> {
  return Promise.all(Array.from({ length: times }, () => api.query('/graphql', query, { token: admin, variables })));
}

/** Codes of the answers: 'ok' for a success. */
function outcomes(answers: GraphQLResponse[]): string[] {
  return answers.map((a) => (a.errors?.length ? String(a.errors[0]!.extensions?.['code']) : 'ok'));
}

function expectOneSuccess(answers: GraphQLResponse[], refusal: string): void {
  const codes = outcomes(answers);
  expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
  expect(codes.filter((c) => c !== 'ok')).toEqual(Array(answers.length - 1).fill(refusal));
}

let births = 0;
async function newHousehold(members = 2): Promise<{ id: number; personIds: number[] }> {
  const household = await run((em) =>
    registerHousehold(em, ADMIN, {
      villageCode: village,
      areaType: 'rural',
      startDate: '2020-01-01',
      members: Array.from({ length: members }, (_, i) => ({
        idNumber: idNumberFor(`19${60 + (births++ % 30)}-03-1${i}`),
        name: i === 0 ? '周建国' : '吴秀兰',
        relation: i === 0 ? ('head' as const) : ('spouse' as const),
      })),
    }),
  );
  const persons = await db.orm.em
    .fork()
    .execute<{ person_id: number }[]>('select person_id from household_member where household_id = ? order by id', [household.id]);
  return { id: household.id, personIds: persons.map((p) => p.person_id) };
}

/** An application taken through the steps up to its public notice, which ran its days. */
const publicized = (householdId: number, programCode: string, requestedAmountFen?: number) =>
  steps.publicized({ householdId, programCode, ...(requestedAmountFen ? { requestedAmountFen } : {}) });

async function enrolled(members = 2): Promise<{ householdId: number; enrollmentId: number; personIds: number[] }> {
  const household = await newHousehold(members);
  const applicationId = await publicized(household.id, 'dibao_rural');
  const approved = await run((em) => approveApplication(em, ADMIN, { applicationId, startMonth: '2026-01' }));
  return { householdId: household.id, enrollmentId: approved.enrollment!.id, personIds: household.personIds };
}

beforeAll(async () => {
  db = await createTestDatabase();
  steps = caseSteps(db.orm);
  api = await startTestApi(db.orm);
  admin = await tokenFor('county_admin', '370115');
  village = (await value<{ code: string }>(`select code from region where parent_code = '370115104' order by code limit 1`)).code;
  await run((em) =>
    setStandard(em, ADMIN, {
      programCode: 'dibao_rural',
      countyCode: '370115',
      areaType: 'rural',
      effectiveMonth: '2025-01',
      amountFen: 70000,
    }),
  );
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('parallel identical requests leave one effect', () => {
  it('pays a 临时救助 case once when its approval is sent 20 times at once', async () => {
    const household = await newHousehold();
    const id = await publicized(household.id, 'temporary_relief', 50000);
    const answers = await burst(APPROVE, { input: { applicationId: String(id), amount: '500.00' } });
    expectOneSuccess(answers, 'TRANSITION_NOT_ALLOWED');
    expect(await count(`select 1 from payment where household_id = ? and kind = 'one_off'`, [household.id])).toBe(1);
    expect(
      await value<{ total: string }>(`select sum(amount_fen)::text as total from payment where household_id = ?`, [household.id]),
    ).toEqual({
      total: '50000',
    });
    expect(await count(`select 1 from audit_entry where action = 'approveApplication' and entity_id = ?`, [String(id)])).toBe(1);
  });

  it('enrolls a 低保 household once when its approval is sent 20 times at once', async () => {
    const household = await newHousehold();
    const id = await publicized(household.id, 'dibao_rural');
    const answers = await burst(APPROVE, { input: { applicationId: String(id), startMonth: '2026-02' } });
    expectOneSuccess(answers, 'TRANSITION_NOT_ALLOWED');
    expect(await count(`select 1 from enrollment where household_id = ? and status = 'active'`, [household.id])).toBe(1);
    expect(await count(`select 1 from application_event where application_id = ? and to_status = 'approved'`, [id])).toBe(1);
  });

  it('enrolls a household once when two of its applications are approved at once', async () => {
    const household = await newHousehold();
    const first = await publicized(household.id, 'dibao_rural');
    const second = await publicized(household.id, 'dibao_rural');
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        api.query('/graphql', APPROVE, {
          token: admin,
          variables: { input: { applicationId: String(i % 2 ? first : second), startMonth: '2026-02' } },
        }),
      ),
    );
    const codes = outcomes(answers);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
    expect(codes.filter((c) => c !== 'ok' && c !== 'TRANSITION_NOT_ALLOWED' && c !== 'ALREADY_ENROLLED')).toEqual([]);
    expect(await count(`select 1 from enrollment where household_id = ? and status = 'active'`, [household.id])).toBe(1);
  });

  it('registers a household once when the same registration is sent 20 times at once', async () => {
    const input = {
      villageCode: village,
      areaType: 'RURAL',
      members: [{ idNumber: idNumberFor('1971-05-05'), name: '郑国强', relation: 'HEAD' }],
    };
    const answers = await burst(REGISTER, { input });
    expectOneSuccess(answers, 'DUPLICATE_ID_NUMBER');
    expect(await count(`select 1 from person where id_number = ?`, [input.members[0]!.idNumber])).toBe(1);
    expect(
      await count(`select 1 from household_member m join person p on p.id = m.person_id where p.id_number = ?`, [
        input.members[0]!.idNumber,
      ]),
    ).toBe(1);
  });

  it('generates a payroll month once when it is sent 20 times at once', async () => {
    await enrolled();
    const answers = await burst(GENERATE, { input: { countyCode: '370115', programCode: 'dibao_rural', month: '2026-04' } });
    expectOneSuccess(answers, 'PAYROLL_EXISTS');
    expect(await count(`select 1 from payroll_batch where month = '2026-04-01' and program_code = 'dibao_rural'`)).toBe(1);
    expect(
      await count(
        `select enrollment_id from payment where month = '2026-04-01' and kind = 'regular' group by enrollment_id having count(*) > 1`,
      ),
    ).toBe(0);
  });

  it('takes back a month once when its full recovery is sent 20 times at once', async () => {
    const { enrollmentId } = await enrolled();
    const batch = await run((em) => generatePayroll(em, ADMIN, { countyCode: '370115', programCode: 'dibao_rural', month: '2026-05' }));
    const paid = await value<{ amount: string }>(
      `select amount_fen::text as amount from payment where enrollment_id = ? and month = '2026-05-01'`,
      [enrollmentId],
    );
    expect(batch.paymentCount).toBeGreaterThan(0);
    const answers = await burst(`mutation ($input: CorrectionInput!) { recordRecovery(input: $input) { payment { id amount } } }`, {
      input: { enrollmentId: String(enrollmentId), month: '2026-05', amount: (Number(paid.amount) / 100).toFixed(2), note: '重复发放追回' },
    });
    expectOneSuccess(answers, 'RECOVERY_EXCEEDS_NET');
    expect(
      await value<{ net: string }>(`select sum(amount_fen)::text as net from payment where enrollment_id = ? and month = '2026-05-01'`, [
        enrollmentId,
      ]),
    ).toEqual({
      net: '0',
    });
  });

  it('books back pay of a month up to its entitlement once when it is sent 20 times at once', async () => {
    const { enrollmentId } = await enrolled(2);
    // no payroll for 2026-06: the month's entitlement is 700.00 × 2
    const answers = await burst(`mutation ($input: CorrectionInput!) { recordBackPay(input: $input) { payment { id } } }`, {
      input: { enrollmentId: String(enrollmentId), month: '2026-06', amount: '1400.00', note: '漏发补发' },
    });
    expectOneSuccess(answers, 'ABOVE_ENTITLEMENT');
    expect(
      await value<{ net: string }>(`select sum(amount_fen)::text as net from payment where enrollment_id = ? and month = '2026-06-01'`, [
        enrollmentId,
      ]),
    ).toEqual({
      net: '140000',
    });
  });

  it('records a death once when it is sent 20 times at once', async () => {
    const { personIds, householdId } = await enrolled(3);
    const answers = await burst(`mutation ($input: RecordDeathInput!) { recordDeath(input: $input) { person { id deceasedOn } } }`, {
      input: { personId: String(personIds[2]), deceasedOn: addDays(today(), -3) },
    });
    expectOneSuccess(answers, 'TRANSITION_NOT_ALLOWED');
    expect(await count(`select 1 from enrollment where household_id = ? and status = 'active'`, [householdId])).toBe(1);
    expect(await count(`select 1 from enrollment where household_id = ?`, [householdId])).toBe(2);
  });

  it('decides a review once when the decision is sent 20 times at once', async () => {
    const { enrollmentId } = await enrolled(2);
    const campaign = await run((em) =>
      createReviewCampaign(em, ADMIN, {
        countyCode: '370115',
        name: `复核 ${enrollmentId}`,
        periodStart: addDays(today(), -5),
        periodEnd: addDays(today(), 20),
      }),
    );
    const task = await value<{ id: number }>('select id from review_task where campaign_id = ? and enrollment_id = ?', [
      campaign.id,
      enrollmentId,
    ]);
    await run((em) =>
      recordReviewVisit(em, ADMIN, {
        taskId: task.id,
        visitedOn: today(),
        form: { members: 2, health: '良好', monthlyIncomeFen: 20000, housing: '自有住房', employment: '务农' },
        neighbourCheck: '属实',
        committeeCheck: '属实',
      }),
    );
    const answers = await burst(`mutation ($input: DecideReviewInput!) { decideReview(input: $input) { task { outcome } } }`, {
      input: { taskId: String(task.id), outcome: 'ADJUST', reason: '收入增加', perCapitaIncome: '100.00' },
    });
    // the other 19 are told the review is decided (REVIEW_DECIDED), never ALREADY_ENROLLED
    expectOneSuccess(answers, 'REVIEW_DECIDED');
    expect(await count(`select 1 from enrollment where previous_enrollment_id = ?`, [enrollmentId])).toBe(1);
  });
});

describe('every other status change, sent 20 times at once, happens once', () => {
  const step = (name: string) => `mutation ($id: ID!) { ${name}(input: { applicationId: $id }) { application { id status } } }`;

  it('accepts an application once', async () => {
    const household = await newHousehold();
    const application = await run((em) =>
      submitApplication(em, ADMIN, { householdId: household.id, programCode: 'dibao_rural', channel: 'town_station' }),
    );
    expectOneSuccess(await burst(step('acceptApplication'), { id: String(application.id) }), 'TRANSITION_NOT_ALLOWED');
    expect(await count(`select 1 from application_event where application_id = ? and to_status = 'accepted'`, [application.id])).toBe(1);
  });

  it('approves, pays and refuses to discard a batch once each', async () => {
    await enrolled();
    const batch = await run((em) => generatePayroll(em, ADMIN, { countyCode: '370115', programCode: 'dibao_rural', month: '2026-09' }));
    const id = { id: String(batch.id) };
    expectOneSuccess(await burst(`mutation ($id: ID!) { approvePayroll(input: { batchId: $id }) { batch { id } } }`, id), 'PAYROLL_FROZEN');
    expectOneSuccess(
      await burst(`mutation ($id: ID!) { markPayrollPaid(input: { batchId: $id }) { batch { id } } }`, id),
      'TRANSITION_NOT_ALLOWED',
    );
    const discards = outcomes(await burst(`mutation ($id: ID!) { discardPayroll(input: { batchId: $id }) { batchId } }`, id));
    expect(new Set(discards)).toEqual(new Set(['PAYROLL_FROZEN']));
    expect(await value<{ status: string }>('select status from payroll_batch where id = ?', [batch.id])).toEqual({ status: 'paid' });
    expect(await count(`select 1 from audit_entry where entity = 'payroll_batch' and entity_id = ?`, [String(batch.id)])).toBe(3);
  });

  it('discards a draft batch once, and its payments with it', async () => {
    await enrolled();
    const batch = await run((em) => generatePayroll(em, ADMIN, { countyCode: '370115', programCode: 'dibao_rural', month: '2026-10' }));
    expectOneSuccess(
      await burst(`mutation ($id: ID!) { discardPayroll(input: { batchId: $id }) { batchId } }`, { id: String(batch.id) }),
      'NOT_FOUND',
    );
    expect(await count('select 1 from payment where batch_id = ?', [batch.id])).toBe(0);
    expect(await count(`select 1 from audit_entry where action = 'discardPayroll' and entity_id = ?`, [String(batch.id)])).toBe(1);
  });

  it('ends an enrollment once', async () => {
    const { enrollmentId } = await enrolled();
    const answers = await burst(`mutation ($input: EndEnrollmentInput!) { endEnrollment(input: $input) { enrollment { id status } } }`, {
      input: { enrollmentId: String(enrollmentId), lastMonth: '2026-06', reason: 'MOVED_AWAY' },
    });
    expectOneSuccess(answers, 'TRANSITION_NOT_ALLOWED');
    expect(await count(`select 1 from audit_entry where action = 'endEnrollment' and entity_id = ?`, [String(enrollmentId)])).toBe(1);
  });

  it('creates a re-review campaign once', async () => {
    const answers = await burst(
      `mutation ($input: CreateReviewCampaignInput!) { createReviewCampaign(input: $input) { campaign { id } } }`,
      {
        input: { countyCode: '370115', name: '2026年下半年低保复核', periodStart: addDays(today(), -1), periodEnd: addDays(today(), 30) },
      },
    );
    expectOneSuccess(answers, 'CAMPAIGN_EXISTS');
    expect(await count(`select 1 from review_campaign where name = '2026年下半年低保复核'`)).toBe(1);
  });

  it('adds a member once and ends a membership once', async () => {
    const household = await newHousehold(1);
    const idNumber = idNumberFor('2010-10-10');
    const added = await burst(`mutation ($input: AddHouseholdMemberInput!) { addHouseholdMember(input: $input) { member { id } } }`, {
      input: { householdId: String(household.id), idNumber, name: '周小宝', relation: 'CHILD' },
    });
    expectOneSuccess(added, 'DUPLICATE_ID_NUMBER');
    const member = await value<{ id: number }>(
      'select m.id from household_member m join person p on p.id = m.person_id where p.id_number = ?',
      [idNumber],
    );
    const ended = await burst(
      `mutation ($input: EndHouseholdMembershipInput!) { endHouseholdMembership(input: $input) { member { id } } }`,
      {
        input: { memberId: String(member.id), endDate: today() },
      },
    );
    expectOneSuccess(ended, 'TRANSITION_NOT_ALLOWED');
  });

  it('sets a standard of a month to one row, however often it is sent at once', async () => {
    const answers = await burst(`mutation ($input: SetStandardInput!) { setStandard(input: $input) { standard { id amount } } }`, {
      input: { programCode: 'dibao_rural', countyCode: '370115', areaType: 'RURAL', effectiveMonth: '2027-01', amount: '760.00' },
    });
    expect(new Set(outcomes(answers))).toEqual(new Set(['ok']));
    expect(await count(`select 1 from standard where program_code = 'dibao_rural' and effective_month = '2027-01-01'`)).toBe(1);
  });
});

describe('different mutations racing on one record leave a consistent ledger', () => {
  it('either approves or discards a draft batch, never both, when 10 of each race', async () => {
    await enrolled();
    const batch = await run((em) => generatePayroll(em, ADMIN, { countyCode: '370115', programCode: 'dibao_rural', month: '2026-07' }));
    const payments = batch.paymentCount;
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        api.query(
          '/graphql',
          i % 2
            ? `mutation ($id: ID!) { approvePayroll(input: { batchId: $id }) { batch { id status } } }`
            : `mutation ($id: ID!) { discardPayroll(input: { batchId: $id }) { batchId } }`,
          {
            token: admin,
            variables: { id: String(batch.id) },
          },
        ),
      ),
    );
    const codes = outcomes(answers);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
    expect(codes.filter((c) => c !== 'ok' && c !== 'PAYROLL_FROZEN' && c !== 'NOT_FOUND')).toEqual([]);
    const left = await count('select 1 from payroll_batch where id = ?', [batch.id]);
    const rows = await count('select 1 from payment where batch_id = ?', [batch.id]);
    if (left === 1) {
      expect(await value<{ status: string }>('select status from payroll_batch where id = ?', [batch.id])).toEqual({ status: 'approved' });
      expect(rows).toBe(payments);
    } else {
      expect(rows).toBe(0);
    }
  });

  it('either approves or rejects a case, never both, when 10 of each race', async () => {
    const household = await newHousehold();
    const id = await publicized(household.id, 'dibao_rural');
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        api.query(
          '/graphql',
          i % 2 ? APPROVE : `mutation ($input: RejectApplicationInput!) { rejectApplication(input: $input) { application { id status } } }`,
          {
            token: admin,
            variables: {
              input: i % 2 ? { applicationId: String(id), startMonth: '2026-02' } : { applicationId: String(id), reason: '收入超标' },
            },
          },
        ),
      ),
    );
    expectOneSuccess(answers, 'TRANSITION_NOT_ALLOWED');
    const { status } = await value<{ status: string }>('select status from application where id = ?', [id]);
    expect(await count(`select 1 from enrollment where application_id = ?`, [id])).toBe(status === 'approved' ? 1 : 0);
    expect(await count(`select 1 from application_event where application_id = ? and to_status in ('approved', 'rejected')`, [id])).toBe(1);
  });
});

describe('the database refuses what the checks would let through', () => {
  it('refuses a second active enrollment of a household in one program', async () => {
    const { enrollmentId } = await enrolled();
    await expect(
      db.orm.em.fork().execute(
        `insert into enrollment (program_code, household_id, county_code, village_code, area_type, amount_rule, covered_members, start_month)
         select program_code, household_id, county_code, village_code, area_type, amount_rule, covered_members, start_month from enrollment where id = ?`,
        [enrollmentId],
      ),
    ).rejects.toMatchObject({ constraint: 'enrollment_one_active_household' });
  });

  it('refuses deleting an approved batch or changing its payments', async () => {
    const batch = await run((em) => generatePayroll(em, ADMIN, { countyCode: '370115', programCode: 'dibao_rural', month: '2026-08' }));
    await db.orm.em.fork().execute(`update payroll_batch set status = 'approved' where id = ?`, [batch.id]);
    await expect(db.orm.em.fork().execute('delete from payroll_batch where id = ?', [batch.id])).rejects.toMatchObject({
      constraint: 'payroll_batch_frozen',
    });
    await expect(db.orm.em.fork().execute('delete from payment where batch_id = ?', [batch.id])).rejects.toMatchObject({
      constraint: 'payroll_batch_frozen',
    });
    await expect(
      db.orm.em.fork().execute('update payment set amount_fen = amount_fen * 2 where batch_id = ?', [batch.id]),
    ).rejects.toMatchObject({
      constraint: 'payroll_batch_frozen',
    });
  });

  it('refuses a recovery that takes a month below zero', async () => {
    const { enrollmentId } = await enrolled();
    await expect(
      db.orm.em.fork().execute(
        `insert into payment (enrollment_id, household_id, program_code, county_code, village_code, month, kind, amount_fen, created_by)
         select id, household_id, program_code, county_code, village_code, '2026-01-01', 'recovery', -1, 'test' from enrollment where id = ?`,
        [enrollmentId],
      ),
    ).rejects.toMatchObject({ constraint: 'payment_month_net_not_negative' });
  });
});
