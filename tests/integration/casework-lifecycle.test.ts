import { addMonths, monthOfDate, today } from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCEPT,
  APPROVE,
  APPROVE_PAYROLL,
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
} from '../support/casework.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * The whole case lifecycle through the internal API, each step by the role that takes it, in
 * 仁风镇 (370115104) of 济阳区. Every amount is checked against the hand calculation beside it.
 */
let db: TestDatabase;
let api: TestApi;
let village: string;
const t = { admin: '', clerk: '', grid: '', auditor: '' };

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  const rows = await db.orm.em
    .fork()
    .execute<{ code: string }[]>(`select code from region where parent_code = '370115104' order by code limit 1`);
  village = rows[0]!.code;
  t.admin = await tokenFor('county_admin', '370115');
  t.clerk = await tokenFor('town_clerk', '370115104');
  t.grid = await tokenFor('grid_worker', village);
  t.auditor = await tokenFor('auditor', '370115');
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

interface Ids {
  householdId: string;
  applicationId: string;
  enrollmentId: string;
}

/** Registration by the grid worker through approval by the county, for one household. */
async function enroll(
  members: { name: string; birth: string; relation: string }[],
  incomes: object[],
  rigidExpenses: string,
): Promise<Ids & { verified: Record<string, unknown> }> {
  const registered = await ok<{ registerHousehold: { household: { id: string } } }>(api, t.grid, REGISTER, {
    input: {
      villageCode: village,
      areaType: 'RURAL',
      address: '仁风镇某村 3 组',
      members: members.map((m) => ({ idNumber: idNumberFor(m.birth), name: m.name, relation: m.relation })),
    },
  });
  const householdId = registered.registerHousehold.household.id;
  const submitted = await ok<{ submitApplication: { application: { id: string; status: string } } }>(api, t.grid, SUBMIT, {
    input: { householdId, programCode: 'dibao_rural', channel: 'GRID_WORKER', reason: '家庭收入低，申请农村低保' },
  });
  const applicationId = submitted.submitApplication.application.id;
  expect(submitted.submitApplication.application.status).toBe('APPLIED');
  expect(
    (await ok<{ acceptApplication: { application: { status: string } } }>(api, t.clerk, ACCEPT, { id: applicationId })).acceptApplication
      .application.status,
  ).toBe('ACCEPTED');
  const verified = await ok<{ verifyApplication: { application: Record<string, unknown> } }>(api, t.clerk, VERIFY, {
    input: { applicationId, incomes, rigidExpenses },
  });
  await ok(api, t.clerk, INVESTIGATE, { id: applicationId });
  await ok(api, t.clerk, PUBLICIZE, { id: applicationId, start: noticePostedDaysAgo(8) });
  const approved = await ok<{ approveApplication: { application: { status: string }; enrollment: { id: string; startMonth: string } } }>(
    api,
    t.admin,
    APPROVE,
    {
      input: { applicationId, startMonth: '2026-08' },
    },
  );
  expect(approved.approveApplication.application.status).toBe('APPROVED');
  expect(approved.approveApplication.enrollment.startMonth).toBe('2026-08');
  return {
    householdId,
    applicationId,
    enrollmentId: approved.approveApplication.enrollment.id,
    verified: verified.verifyApplication.application,
  };
}

async function payroll(month: string) {
  const generated = await ok<{ generatePayroll: { batch: { id: string; paymentCount: number; total: string; status: string } } }>(
    api,
    t.admin,
    GENERATE,
    {
      input: { countyCode: '370115', programCode: 'dibao_rural', month },
    },
  );
  return generated.generatePayroll.batch;
}

describe('the case lifecycle of 农村低保 in 济阳区', () => {
  let first: Ids;
  let second: Ids;

  it('sets the rural standard: 700.00 yuan per person per month from 2025-01', async () => {
    const result = await ok<{ setStandard: { standard: { effectiveMonth: string; amount: string } } }>(api, t.admin, SET_STANDARD, {
      input: { programCode: 'dibao_rural', countyCode: '370115', areaType: 'RURAL', effectiveMonth: '2025-01', amount: '700.00' },
    });
    expect(result.setStandard.standard).toMatchObject({ effectiveMonth: '2025-01', amount: '700.00' });
  });

  it('takes a three-person household from application to enrollment with the hand-calculated amount', async () => {
    const enrolled = await enroll(
      [
        { name: '张三明', birth: '1960-05-01', relation: 'HEAD' },
        { name: '李秀英', birth: '1962-07-15', relation: 'SPOUSE' },
        { name: '张小强', birth: '2000-03-20', relation: 'CHILD' },
      ],
      [
        // wage 600.00 of which 100.00 employment cost is exempt → 500.00
        { kind: 'wage', monthly: '600.00', exempt: '100.00' },
        // informal income 1000.00 × labour coefficient 0.5 → 500.00
        { kind: 'informal', monthly: '1000.00', laborCoefficient: '0.5' },
      ],
      // rigid medical expenses 150.00 deducted
      '150.00',
    );
    first = enrolled;
    // counted 1000.00; (1000.00 − 150.00) / 3 = 283.333… → 283.33 (rounded down)
    // gap (700.00 − 283.33) × 3 = 416.67 × 3 = 1250.01
    expect(enrolled.verified).toMatchObject({
      status: 'VERIFIED',
      countedIncome: '1000.00',
      perCapitaIncome: '283.33',
      householdSize: 3,
      coveredMembers: 3,
      assessedAmount: '1250.01',
    });
  });

  it('enrolls a second, two-person household without income at 700.00 × 2 = 1400.00', async () => {
    const enrolled = await enroll(
      [
        { name: '王建国', birth: '1950-01-10', relation: 'HEAD' },
        { name: '赵桂兰', birth: '1952-11-02', relation: 'SPOUSE' },
      ],
      [],
      '0.00',
    );
    second = enrolled;
    expect(enrolled.verified).toMatchObject({ perCapitaIncome: '0.00', assessedAmount: '1400.00' });
  });

  it('pays three monthly batches, the third after a standard change to 760.00 from 2026-10', async () => {
    // 2026-08 and 2026-09 at 700.00: 1250.01 + 1400.00 = 2650.01
    const august = await payroll('2026-08');
    expect(august).toMatchObject({ paymentCount: 2, total: '2650.01', status: 'DRAFT' });
    await ok(api, t.admin, APPROVE_PAYROLL, { id: august.id });
    expect(await payroll('2026-09')).toMatchObject({ paymentCount: 2, total: '2650.01' });

    await ok(api, t.admin, SET_STANDARD, {
      input: { programCode: 'dibao_rural', countyCode: '370115', areaType: 'RURAL', effectiveMonth: '2026-10', amount: '760.00' },
    });
    // 2026-10 at 760.00: (760.00 − 283.33) × 3 = 1430.01 and 760.00 × 2 = 1520.00 → 2950.01
    const october = await payroll('2026-10');
    expect(october).toMatchObject({ paymentCount: 2, total: '2950.01' });

    // the approved August batch is frozen: the standard change did not touch it
    const ledger = await ok<{
      household: { enrollments: { payments: { month: string; amount: string; standard: string; kind: string }[] }[] };
    }>(api, t.clerk, `query ($id: ID!) { household(id: $id) { enrollments { payments { month amount standard kind } } } }`, {
      id: first.householdId,
    });
    expect(ledger.household.enrollments[0]!.payments).toEqual([
      { month: '2026-10', amount: '1430.01', standard: '760.00', kind: 'REGULAR' },
      { month: '2026-09', amount: '1250.01', standard: '700.00', kind: 'REGULAR' },
      { month: '2026-08', amount: '1250.01', standard: '700.00', kind: 'REGULAR' },
    ]);
  });

  it('re-reviews both households: one adjusted from next month, one cancelled', async () => {
    const thisMonth = monthOfDate(today());
    const nextMonth = addMonths(thisMonth, 1);
    const created = await ok<{ createReviewCampaign: { campaign: { id: string } } }>(
      api,
      t.admin,
      `mutation ($input: CreateReviewCampaignInput!) { createReviewCampaign(input: $input) { campaign { id } } }`,
      {
        input: {
          countyCode: '370115',
          name: '低保对象年度复核',
          periodStart: `${today().slice(0, 4)}-01-01`,
          periodEnd: `${today().slice(0, 4)}-12-31`,
        },
      },
    );
    const campaignId = created.createReviewCampaign.campaign.id;
    const tasks = await ok<{
      reviewCampaign: { tasks: { totalCount: number; edges: { node: { id: string; household: { id: string } } }[] } };
    }>(
      api,
      t.clerk,
      `query ($id: ID!) { reviewCampaign(id: $id) { tasks(first: 10) { totalCount edges { node { id household { id } } } } } }`,
      { id: campaignId },
    );
    expect(tasks.reviewCampaign.tasks.totalCount).toBe(2);
    const taskOf = (householdId: string) => tasks.reviewCampaign.tasks.edges.find((e) => e.node.household.id === householdId)!.node.id;

    for (const [householdId, income] of [
      [first.householdId, '1200.00'],
      [second.householdId, '3000.00'],
    ] as const) {
      await ok(api, t.grid, `mutation ($input: ScheduleReviewVisitInput!) { scheduleReviewVisit(input: $input) { task { id } } }`, {
        input: { taskId: taskOf(householdId), appointmentAt: new Date().toISOString() },
      });
      await ok(api, t.grid, `mutation ($input: RecordReviewVisitInput!) { recordReviewVisit(input: $input) { task { visitedOn } } }`, {
        input: {
          taskId: taskOf(householdId),
          visitedOn: today(),
          form: { members: 3, health: '户主慢性病', monthlyIncome: income, housing: '自有砖房', employment: '务农、零工' },
          neighbourCheck: '邻居反映情况属实',
          committeeCheck: '村委会核实无误',
        },
      });
    }
    const decide = `mutation ($input: DecideReviewInput!) { decideReview(input: $input) { task { outcome newEnrollment { startMonth perCapitaIncome coveredMembers } } } }`;
    const adjusted = await ok<{
      decideReview: { task: { outcome: string; newEnrollment: { startMonth: string; perCapitaIncome: string } } };
    }>(api, t.admin, decide, {
      input: { taskId: taskOf(first.householdId), outcome: 'ADJUST', reason: '零工收入增加', perCapitaIncome: '400.00' },
    });
    expect(adjusted.decideReview.task).toEqual({
      outcome: 'ADJUST',
      newEnrollment: { startMonth: nextMonth, perCapitaIncome: '400.00', coveredMembers: 3 },
    });
    await ok(api, t.admin, decide, {
      input: { taskId: taskOf(second.householdId), outcome: 'CANCEL', reason: '子女就业，家庭收入超过标准' },
    });

    // next month: only the adjusted household, (760.00 − 400.00) × 3 = 1080.00; the cancelled one is gone
    expect(await payroll(nextMonth)).toMatchObject({ paymentCount: 1, total: '1080.00' });

    const stats = await ok<{ reviewCampaign: { statistics: Record<string, number> } }>(
      api,
      t.auditor,
      `query ($id: ID!) { reviewCampaign(id: $id) { statistics { reviewedHouseholds cancelledHouseholds cancelledPersons adjustedHouseholds adjustedPersons newlyApprovedHouseholds newlyApprovedPersons } } }`,
      { id: campaignId },
    );
    expect(stats.reviewCampaign.statistics).toEqual({
      reviewedHouseholds: 2,
      cancelledHouseholds: 1,
      cancelledPersons: 2,
      adjustedHouseholds: 1,
      adjustedPersons: 3,
      newlyApprovedHouseholds: 2,
      newlyApprovedPersons: 5,
    });
  });

  it('answers ledger rows and enrollments of mutations and lists with their amounts and programs', async () => {
    const backPay = await ok<{ recordBackPay: { payment: { kind: string; month: string; amount: string; standard: string | null } } }>(
      api,
      t.admin,
      `mutation ($input: CorrectionInput!) { recordBackPay(input: $input) { payment { kind month amount standard } } }`,
      { input: { enrollmentId: first.enrollmentId, month: '2026-08', amount: '120.00', note: '补发 8 月差额' } },
    );
    expect(backPay.recordBackPay.payment).toEqual({ kind: 'BACK_PAY', month: '2026-08', amount: '120.00', standard: null });

    const listed = await ok<{
      enrollments: {
        edges: { node: { id: string; status: string; program: { code: string; name: string }; payments: { amount: string }[] } }[];
      };
    }>(
      api,
      t.clerk,
      `query ($region: String) { enrollments(regionCode: $region, first: 10) { edges { node { id status program { code name } payments { amount } } } } }`,
      { region: village },
    );
    const active = listed.enrollments.edges.map((e) => e.node).filter((n) => n.status === 'ACTIVE');
    expect(active).toHaveLength(1);
    expect(active[0]!.program).toEqual({ code: 'dibao_rural', name: '农村低保' });
    const original = listed.enrollments.edges.find((e) => e.node.id === first.enrollmentId)!.node;
    expect(original.payments.map((p) => p.amount)).toContain('120.00');

    const ended = await ok<{ endEnrollment: { enrollment: { status: string; exitReason: string; program: { code: string } } } }>(
      api,
      t.admin,
      `mutation ($input: EndEnrollmentInput!) { endEnrollment(input: $input) { enrollment { status exitReason program { code } } } }`,
      { input: { enrollmentId: active[0]!.id, lastMonth: addMonths(monthOfDate(today()), 1), reason: 'MOVED_AWAY' } },
    );
    expect(ended.endEnrollment.enrollment).toEqual({ status: 'ENDING', exitReason: 'MOVED_AWAY', program: { code: 'dibao_rural' } });
  });

  it('grants per-case aid (急难救助) as a one-off ledger row with the amount approved', async () => {
    const registered = await ok<{ registerHousehold: { household: { id: string } } }>(api, t.grid, REGISTER, {
      input: {
        villageCode: village,
        areaType: 'RURAL',
        address: '仁风镇某村 5 组',
        members: [{ idNumber: idNumberFor('1971-02-02'), name: '王建国', relation: 'HEAD' }],
      },
    });
    const submitted = await ok<{ submitApplication: { application: { id: string } } }>(api, t.grid, SUBMIT, {
      input: {
        householdId: registered.registerHousehold.household.id,
        programCode: 'emergency_aid',
        channel: 'GRID_WORKER',
        reason: '房屋失火',
      },
    });
    const applicationId = submitted.submitApplication.application.id;
    await ok(api, t.clerk, ACCEPT, { id: applicationId });
    await ok(api, t.clerk, VERIFY, { input: { applicationId, incomes: [], rigidExpenses: '0.00' } });
    await ok(api, t.clerk, INVESTIGATE, { id: applicationId });
    await ok(api, t.clerk, PUBLICIZE, { id: applicationId, start: noticePostedDaysAgo(8) });
    const approved = await ok<{ approveApplication: { enrollment: unknown; payment: { kind: string; amount: string } } }>(
      api,
      t.admin,
      APPROVE,
      {
        input: { applicationId, amount: '1500.00' },
      },
    );
    expect(approved.approveApplication.enrollment).toBeNull();
    expect(approved.approveApplication.payment).toMatchObject({ kind: 'ONE_OFF', amount: '1500.00' });
  });

  it('records every step in the audit log, readable by the auditor', async () => {
    const audit = await ok<{ auditEntries: { edges: { node: { action: string; actorRole: string } }[] } }>(
      api,
      t.auditor,
      `query ($id: String!) { auditEntries(entity: "application", entityId: $id, first: 50) { edges { node { action actorRole } } } }`,
      { id: first.applicationId },
    );
    expect(audit.auditEntries.edges.map((e) => `${e.node.action}:${e.node.actorRole}`)).toEqual([
      'submitApplication:grid_worker',
      'acceptApplication:town_clerk',
      'verifyApplication:town_clerk',
      'investigateApplication:town_clerk',
      'publicizeApplication:town_clerk',
      'approveApplication:county_admin',
    ]);
  });
});
