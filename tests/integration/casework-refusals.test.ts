import { makeIdNumber } from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCEPT,
  APPROVE,
  GENERATE,
  INVESTIGATE,
  PUBLICIZE,
  REGISTER,
  REJECT,
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

/** Each bad input gets its typed error and changes nothing. */
let db: TestDatabase;
let api: TestApi;
let renfengVillage: string;
let huiheVillage: string;
const t = { admin: '', clerk: '', huiheClerk: '', grid: '', auditor: '' };

/** Rows of every table a refusal could have touched, to prove it changed nothing. */
async function ledgerCounts(): Promise<Record<string, number>> {
  const tables = [
    'household',
    'person',
    'household_member',
    'application',
    'application_event',
    'objection',
    'enrollment',
    'payroll_batch',
    'payment',
    'audit_entry',
  ];
  const rows = await db.orm.em
    .fork()
    .execute<{ t: string; n: number }[]>(
      tables.map((table) => `select '${table}' as t, count(*)::int as n from ${table}`).join(' union all '),
    );
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

async function expectRefusal(token: string, query: string, variables: Record<string, unknown>, code: string, message?: RegExp) {
  const before = await ledgerCounts();
  const error = await refused(api, token, query, variables);
  expect(error.code).toBe(code);
  if (message) expect(error.message).toMatch(message);
  expect(await ledgerCounts()).toEqual(before);
  return error;
}

const household = (village: string, ...births: string[]) => ({
  input: {
    villageCode: village,
    areaType: 'RURAL',
    members: births.map((birth, i) => ({
      idNumber: idNumberFor(birth),
      name: i === 0 ? '孙志刚' : '周丽',
      relation: i === 0 ? 'HEAD' : 'SPOUSE',
    })),
  },
});

/** An application taken up to a status, step by step. */
async function applicationAt(status: 'accepted' | 'publicized', programCode = 'dibao_rural', village = renfengVillage) {
  const h = await ok<{ registerHousehold: { household: { id: string; members: { person: { id: string } }[] } } }>(
    api,
    t.clerk,
    REGISTER,
    household(village, '1958-02-03', '1961-09-09'),
  );
  const householdId = h.registerHousehold.household.id;
  const a = await ok<{ submitApplication: { application: { id: string } } }>(api, t.clerk, SUBMIT, {
    input: { householdId, programCode, channel: 'TOWN_STATION' },
  });
  const id = a.submitApplication.application.id;
  await ok(api, t.clerk, ACCEPT, { id });
  if (status === 'publicized') {
    await ok(api, t.clerk, VERIFY, { input: { applicationId: id, incomes: [{ kind: 'pension', monthly: '200.00' }] } });
    await ok(api, t.clerk, INVESTIGATE, { id });
    await ok(api, t.clerk, PUBLICIZE, { id, start: noticePostedDaysAgo(10) });
  }
  return { id, householdId, personIds: h.registerHousehold.household.members.map((m) => m.person.id) };
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  const first = async (town: string) =>
    (await db.orm.em.fork().execute<{ code: string }[]>(`select code from region where parent_code = ? order by code limit 1`, [town]))[0]!
      .code;
  renfengVillage = await first('370115104');
  huiheVillage = await first('370115005');
  t.admin = await tokenFor('county_admin', '370115');
  t.clerk = await tokenFor('town_clerk', '370115104');
  t.huiheClerk = await tokenFor('town_clerk', '370115005');
  t.grid = await tokenFor('grid_worker', renfengVillage);
  t.auditor = await tokenFor('auditor', '370115');
  for (const [programCode, amount] of [
    ['dibao_rural', '700.00'],
    ['tekun_dispersed', '1000.00'],
  ] as const) {
    await ok(api, t.admin, SET_STANDARD, {
      input: { programCode, countyCode: '370115', areaType: 'RURAL', effectiveMonth: '2025-01', amount },
    });
  }
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('registry refusals', () => {
  it('refuses an ID number with a wrong check digit', async () => {
    const valid = makeIdNumber('370115', '1970-01-01', 1);
    const wrong = valid.slice(0, 17) + (valid.endsWith('1') ? '2' : '1');
    const input = household(renfengVillage, '1970-01-01');
    input.input.members[0]!.idNumber = wrong;
    await expectRefusal(t.clerk, REGISTER, input, 'INVALID_ID_NUMBER', /check/);
  });

  it('refuses an unknown village', async () => {
    await expectRefusal(t.admin, REGISTER, household('370115999999', '1970-01-01'), 'UNKNOWN_REGION', /370115999999/);
  });

  it('refuses an ID number already registered', async () => {
    const first = household(renfengVillage, '1971-04-04');
    await ok(api, t.clerk, REGISTER, first);
    await expectRefusal(t.clerk, REGISTER, first, 'DUPLICATE_ID_NUMBER');
  });
});

describe('lifecycle refusals', () => {
  it('refuses a negative income', async () => {
    const { id } = await applicationAt('accepted');
    await expectRefusal(
      t.clerk,
      VERIFY,
      { input: { applicationId: id, incomes: [{ kind: 'wage', monthly: '-100.00' }] } },
      'INVALID_AMOUNT',
    );
    const status = await ok<{ application: { status: string } }>(api, t.clerk, `query ($id: ID!) { application(id: $id) { status } }`, {
      id,
    });
    expect(status.application.status).toBe('ACCEPTED');
  });

  it('refuses approving a rejected case', async () => {
    const { id } = await applicationAt('accepted');
    await ok(api, t.clerk, REJECT, { id, reason: '家庭人均收入高于保障标准' });
    await expectRefusal(t.admin, APPROVE, { input: { applicationId: id } }, 'TRANSITION_NOT_ALLOWED', /rejected/);
  });

  it('refuses steps out of order', async () => {
    const { id } = await applicationAt('accepted');
    await expectRefusal(t.clerk, PUBLICIZE, { id }, 'TRANSITION_NOT_ALLOWED', /investigated/);
  });

  it('refuses approval after an upheld objection', async () => {
    const { id } = await applicationAt('publicized');
    const objection = await ok<{ recordObjection: { objection: { id: string } } }>(
      api,
      t.grid,
      `mutation ($id: ID!) { recordObjection(input: { applicationId: $id, content: "申请人有一辆营运货车" }) { objection { id } } }`,
      { id },
    );
    await ok(
      api,
      t.admin,
      `mutation ($id: ID!) { resolveObjection(input: { objectionId: $id, upheld: true, resolution: "核实属实" }) { objection { upheld } } }`,
      {
        id: objection.recordObjection.objection.id,
      },
    );
    await expectRefusal(t.admin, APPROVE, { input: { applicationId: id } }, 'OBJECTION_UPHELD');
  });

  it('refuses approval by a town clerk: approving is for the county', async () => {
    const { id } = await applicationAt('publicized');
    await expectRefusal(t.clerk, APPROVE, { input: { applicationId: id } }, 'FORBIDDEN', /county_admin/);
  });

  it('refuses a second enrollment in an excluding program (低保 and 特困)', async () => {
    const dibao = await applicationAt('publicized');
    await ok(api, t.admin, APPROVE, { input: { applicationId: dibao.id, startMonth: '2026-01' } });
    const tekun = await ok<{ submitApplication: { application: { id: string } } }>(api, t.clerk, SUBMIT, {
      input: { householdId: dibao.householdId, programCode: 'tekun_dispersed', personId: dibao.personIds[0], channel: 'TOWN_STATION' },
    });
    const id = tekun.submitApplication.application.id;
    await ok(api, t.clerk, ACCEPT, { id });
    await ok(api, t.clerk, VERIFY, { input: { applicationId: id, incomes: [] } });
    await ok(api, t.clerk, INVESTIGATE, { id });
    await ok(api, t.clerk, PUBLICIZE, { id, start: noticePostedDaysAgo(10) });
    await expectRefusal(t.admin, APPROVE, { input: { applicationId: id } }, 'PROGRAM_EXCLUSION', /农村低保/);
  });
});

describe('payroll refusals', () => {
  it('refuses generating a month twice, adding nothing', async () => {
    const input = { input: { countyCode: '370115', programCode: 'dibao_rural', month: '2026-03' } };
    await ok(api, t.admin, GENERATE, input);
    await expectRefusal(t.admin, GENERATE, input, 'PAYROLL_EXISTS');
  });

  it('refuses a recovery larger than what was paid', async () => {
    const enrollments = await db.orm.em
      .fork()
      .execute<{ id: number }[]>(`select id from enrollment where program_code = 'dibao_rural' limit 1`);
    await expectRefusal(
      t.admin,
      `mutation ($input: CorrectionInput!) { recordRecovery(input: $input) { payment { id } } }`,
      { input: { enrollmentId: String(enrollments[0]!.id), month: '2026-03', amount: '99999.00', note: '多发追回' } },
      'RECOVERY_EXCEEDS_NET',
    );
  });
});

describe('region scoping', () => {
  it('answers a clerk of 回河街道 asking for a household of 仁风镇 as if it did not exist', async () => {
    const { id, householdId } = await applicationAt('accepted');
    const elsewhere = await expectRefusal(
      t.huiheClerk,
      `query ($id: ID!) { household(id: $id) { id members { person { name } } } }`,
      { id: householdId },
      'NOT_FOUND',
    );
    const missing = await expectRefusal(t.huiheClerk, `query ($id: ID!) { household(id: $id) { id } }`, { id: '99999999' }, 'NOT_FOUND');
    expect(elsewhere.message.replace(householdId, 'N')).toBe(missing.message.replace('99999999', 'N'));
    await expectRefusal(t.huiheClerk, `query ($id: ID!) { application(id: $id) { status } }`, { id }, 'NOT_FOUND');
    await expectRefusal(
      t.huiheClerk,
      VERIFY,
      { input: { applicationId: id, incomes: [{ kind: 'wage', monthly: '100.00' }] } },
      'NOT_FOUND',
    );
    const list = await ok<{ households: { totalCount: number } }>(api, t.huiheClerk, `{ households { totalCount } }`);
    expect(list.households.totalCount).toBe(0);
    await expectRefusal(t.huiheClerk, `{ households(regionCode: "370115104") { totalCount } }`, {}, 'OUT_OF_SCOPE');
  });

  it('lets the 回河街道 clerk register only in 回河街道', async () => {
    await ok(api, t.huiheClerk, REGISTER, household(huiheVillage, '1980-08-08'));
    await expectRefusal(t.huiheClerk, REGISTER, household(renfengVillage, '1981-08-08'), 'OUT_OF_SCOPE');
  });

  it('lets auditors read but not change', async () => {
    await expectRefusal(
      t.auditor,
      GENERATE,
      { input: { countyCode: '370115', programCode: 'dibao_rural', month: '2026-04' } },
      'FORBIDDEN',
    );
    const audit = await ok<{ auditEntries: { totalCount: number } }>(api, t.auditor, `{ auditEntries(first: 1) { totalCount } }`);
    expect(audit.auditEntries.totalCount).toBeGreaterThan(0);
    await expectRefusal(t.clerk, `{ auditEntries(first: 1) { totalCount } }`, {}, 'FORBIDDEN');
  });
});

describe('bounds', () => {
  it('refuses a page larger than 100', async () => {
    await expectRefusal(t.admin, `{ households(first: 1000) { totalCount } }`, {}, 'INVALID_PAGE_SIZE', /between 1 and 100/);
  });

  it('refuses an operation above the cost limit', async () => {
    const error = await refused(
      api,
      t.admin,
      `{ households(first: 100) { edges { node { members { person { name } } enrollments { payments { amount } } applications { events { note } incomes { kind } } } } } }`,
    );
    expect(error.code).toBe('QUERY_TOO_COMPLEX');
    expect(error.message).toMatch(/above the limit of 50000/);
  });
});
