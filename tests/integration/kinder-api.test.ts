import {
  acceptApplication,
  addMonths,
  approveApplication,
  exitEnrollment,
  generatePayroll,
  monthOfDate,
  registerHousehold,
  setStandard,
  submitApplication,
  today,
  type EntityManager,
} from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberFor, ok, refused } from '../support/casework.js';
import { caseSteps } from '../support/case-steps.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { ADMIN } from '../support/ledger-fixture.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * The API as a client app uses it: payments name who was paid and filter by household,
 * enrollment and months; the audit log filters by actor and time; counts are integers derived
 * from the household; payloads answer; statuses and refusals say what they mean.
 */
let db: TestDatabase;
let steps: ReturnType<typeof caseSteps>;
let api: TestApi;
let admin = '';
let auditor = '';
let village = '';

const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);
const rows = <T>(sql: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(sql, params);

let births = 0;
async function newHousehold(members = 2): Promise<number> {
  const household = await run((em) =>
    registerHousehold(em, ADMIN, {
      villageCode: village,
      areaType: 'rural',
      startDate: '2020-01-01',
      members: Array.from({ length: members }, (_, i) => ({
        idNumber: idNumberFor(`19${60 + (births++ % 30)}-04-1${i}`),
        name: i === 0 ? '孙建国' : '李秀兰',
        relation: i === 0 ? ('head' as const) : ('spouse' as const),
      })),
    }),
  );
  return household.id;
}

async function enrolled(members = 2): Promise<{ householdId: number; enrollmentId: number }> {
  const householdId = await newHousehold(members);
  const applicationId = await steps.publicized({ householdId, programCode: 'dibao_rural' });
  const approved = await run((em) => approveApplication(em, ADMIN, { applicationId, startMonth: '2026-01' }));
  return { householdId, enrollmentId: approved.enrollment!.id };
}

beforeAll(async () => {
  db = await createTestDatabase();
  steps = caseSteps(db.orm);
  api = await startTestApi(db.orm);
  admin = await tokenFor('county_admin', '370115');
  auditor = await tokenFor('auditor', '370115');
  village = await steps.village();
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

describe('payments say who was paid', () => {
  const PAYMENTS = `query ($h: ID, $e: ID, $from: Month, $to: Month) {
    payments(householdId: $h, enrollmentId: $e, fromMonth: $from, toMonth: $to, first: 100) {
      totalCount edges { node { month kind amount enrollment { id status } household { id } } }
    }
  }`;
  type Answer = {
    payments: {
      totalCount: number;
      edges: { node: { month: string; kind: string; amount: string; enrollment: { id: string } | null; household: { id: string } } }[];
    };
  };

  it('filters the ledger by household, enrollment and months, each row linked to its enrollment and household', async () => {
    const a = await enrolled();
    const b = await enrolled();
    for (const month of ['2026-02', '2026-03', '2026-04']) {
      await run((em) => generatePayroll(em, ADMIN, { countyCode: '370115', programCode: 'dibao_rural', month }));
    }
    const ofA = await ok<Answer>(api, admin, PAYMENTS, { h: String(a.householdId) });
    expect(ofA.payments.totalCount).toBe(3);
    for (const { node } of ofA.payments.edges) {
      expect(node.household.id).toBe(String(a.householdId));
      expect(node.enrollment?.id).toBe(String(a.enrollmentId));
    }
    const ofB = await ok<Answer>(api, admin, PAYMENTS, { e: String(b.enrollmentId), from: '2026-03', to: '2026-04' });
    expect(ofB.payments.edges.map((e) => [e.node.month, e.node.household.id])).toEqual([
      ['2026-03', String(b.householdId)],
      ['2026-04', String(b.householdId)],
    ]);
    const stored = await rows<{ n: number }>(
      `select count(*)::int as n from payment where enrollment_id = ? and month between '2026-03-01' and '2026-04-01'`,
      [b.enrollmentId],
    );
    expect(ofB.payments.totalCount).toBe(stored[0]!.n);
  });

  it('shows a one-off payment without an enrollment, with its household', async () => {
    const householdId = await newHousehold(1);
    const applicationId = await steps.publicized({ householdId, programCode: 'temporary_relief', requestedAmountFen: 30000 });
    await run((em) => approveApplication(em, ADMIN, { applicationId, amountFen: 30000 }));
    const answer = await ok<Answer>(api, admin, PAYMENTS, { h: String(householdId) });
    expect(answer.payments.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ kind: 'ONE_OFF', amount: '300.00', enrollment: null, household: { id: String(householdId) } }),
    ]);
  });
});

describe('the audit log filters by actor and time', () => {
  it('answers only the entries of an actor, and only those inside the period', async () => {
    const clerk = await tokenFor('town_clerk', '370115104', 'clerk-wang');
    const householdId = await newHousehold(1);
    const before = new Date();
    await ok(api, clerk, `mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { application { id } } }`, {
      input: { householdId: String(householdId), programCode: 'dibao_rural', channel: 'TOWN_STATION' },
    });
    const QUERY = `query ($actor: String, $from: DateTimeISO, $until: DateTimeISO) {
      auditEntries(actor: $actor, from: $from, until: $until, first: 100) { totalCount edges { node { actor action } } }
    }`;
    type Entries = { auditEntries: { totalCount: number; edges: { node: { actor: string; action: string } }[] } };
    const mine = await ok<Entries>(api, auditor, QUERY, { actor: 'clerk-wang' });
    expect(mine.auditEntries.edges.map((e) => e.node)).toEqual([{ actor: 'clerk-wang', action: 'submitApplication' }]);
    const since = await ok<Entries>(api, auditor, QUERY, { from: before.toISOString() });
    expect(since.auditEntries.edges.map((e) => e.node.actor)).toEqual(['clerk-wang']);
    const untilThen = await ok<Entries>(api, auditor, QUERY, { actor: 'clerk-wang', until: before.toISOString() });
    expect(untilThen.auditEntries.totalCount).toBe(0);
  });
});

describe('verification counts the household', () => {
  const VERIFY = `mutation ($input: VerifyApplicationInput!) { verifyApplication(input: $input) { application { householdSize coveredMembers } } }`;
  async function accepted(members: number): Promise<number> {
    const householdId = await newHousehold(members);
    const application = await run((em) =>
      submitApplication(em, ADMIN, { householdId, programCode: 'dibao_rural', channel: 'town_station' }),
    );
    await run((em) => acceptApplication(em, ADMIN, application.id));
    return application.id;
  }

  it('derives household size and covered members from the current members', async () => {
    const id = await accepted(3);
    const answer = await ok<{ verifyApplication: { application: Record<string, number> } }>(api, admin, VERIFY, {
      input: { applicationId: String(id), incomes: [] },
    });
    expect(answer.verifyApplication.application).toEqual({ householdSize: 3, coveredMembers: 3 });
  });

  it('refuses other counts without a reason, and audits the reason given', async () => {
    const id = await accepted(3);
    const refusal = await refused(api, admin, VERIFY, { input: { applicationId: String(id), incomes: [], householdSize: 2 } });
    expect(refusal.code).toBe('OVERRIDE_REASON_REQUIRED');
    expect((await rows<{ status: string }>('select status from application where id = ?', [id]))[0]!.status).toBe('accepted');
    const answer = await ok<{ verifyApplication: { application: Record<string, number> } }>(api, admin, VERIFY, {
      input: { applicationId: String(id), incomes: [], householdSize: 2, overrideReason: '长子常年在外务工，不共同生活' },
    });
    expect(answer.verifyApplication.application).toEqual({ householdSize: 2, coveredMembers: 2 });
    const audit = await rows<{ after: Record<string, unknown> }>(
      `select after from audit_entry where action = 'verifyApplication' and entity_id = ?`,
      [String(id)],
    );
    expect(audit.map((a) => a.after['overrideReason'])).toEqual(['长子常年在外务工，不共同生活']);
  });

  it('refuses a fractional household size before running anything (the field is an Int)', async () => {
    const id = await accepted(2);
    const answer = await api.query('/graphql', VERIFY, {
      token: admin,
      variables: { input: { applicationId: String(id), incomes: [], householdSize: 2.5, overrideReason: '?' } },
    });
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect((await rows<{ status: string }>('select status from application where id = ?', [id]))[0]!.status).toBe('accepted');
  });
});

describe('payloads and statuses say what happened', () => {
  it('discardPayroll answers the batch it discarded', async () => {
    await enrolled();
    const batch = await run((em) => generatePayroll(em, ADMIN, { countyCode: '370115', programCode: 'dibao_rural', month: '2026-06' }));
    const answer = await ok<{ discardPayroll: Record<string, unknown> }>(
      api,
      admin,
      `mutation ($id: ID!) { discardPayroll(input: { batchId: $id }) { batchId countyCode programCode month paymentsRemoved } }`,
      { id: String(batch.id) },
    );
    expect(answer.discardPayroll).toEqual({
      batchId: String(batch.id),
      countyCode: '370115',
      programCode: 'dibao_rural',
      month: '2026-06',
      paymentsRemoved: batch.paymentCount,
    });
    expect(await rows('select 1 from payroll_batch where id = ?', [batch.id])).toEqual([]);
  });

  it('an enrollment ended with this month is ENDING until the month passes, one ended last month ENDED', async () => {
    const thisMonth = monthOfDate(today());
    const ending = await enrolled();
    const ended = await enrolled();
    await run((em) => exitEnrollment(em, ADMIN, { enrollmentId: ending.enrollmentId, lastMonth: thisMonth, reason: 'moved_away' }));
    await run((em) =>
      exitEnrollment(em, ADMIN, { enrollmentId: ended.enrollmentId, lastMonth: addMonths(thisMonth, -1), reason: 'moved_away' }),
    );
    const answer = await ok<{ enrollments: { edges: { node: { id: string; status: string; endMonth: string } }[] } }>(
      api,
      admin,
      `{ enrollments(first: 100) { edges { node { id status endMonth } } } }`,
    );
    const byId = new Map(answer.enrollments.edges.map((e) => [e.node.id, e.node]));
    expect(byId.get(String(ending.enrollmentId))).toMatchObject({ status: 'ENDING', endMonth: thisMonth });
    expect(byId.get(String(ended.enrollmentId))).toMatchObject({ status: 'ENDED' });
    const stored = await rows<{ status: string }>('select status from enrollment where id in (?, ?)', [
      ending.enrollmentId,
      ended.enrollmentId,
    ]);
    expect(stored.map((s) => s.status)).toEqual(['ended', 'ended']);
  });
});

describe('refusals in good English and in Chinese', () => {
  it('tells an auditor “An auditor may not …”, with the meaning in Chinese', async () => {
    const answer = await api.query('/graphql', `mutation { discardPayroll(input: { batchId: "1" }) { batchId } }`, { token: auditor });
    expect(answer.errors?.[0]?.message).toMatch(/^An auditor may not managePayroll/);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', messageZh: '您的角色无权办理这项业务。' });
  });
});
