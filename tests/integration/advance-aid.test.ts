import {
  acceptApplication,
  addDays,
  approveApplication,
  investigateApplication,
  publicizeApplication,
  registerHousehold,
  today,
  verifyApplication,
  type EntityManager,
} from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberFor, ok, refused } from '../support/casework.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { ADMIN } from '../support/ledger-fixture.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * 临时救助 先行救助: a town grants per-case aid first within the county ceiling, paid at once;
 * the review completes it through the normal steps or rejects it, which recovers the amount.
 */
let db: TestDatabase;
let api: TestApi;
let clerk = '';
let admin = '';
const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);
const rows = <T>(sql: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(sql, params);
const TOWN = '370115104';
let village = '';
let names = 0;

const GRANT = `mutation ($input: GrantAdvanceAidInput!) { grantAdvanceAid(input: $input) { application { id status advance } paid } }`;
const CEILING = `mutation ($input: SetAdvanceAidCeilingInput!) { setAdvanceAidCeiling(input: $input) }`;
const grant = (householdId: number, amount: string, extra: Record<string, unknown> = {}) => ({
  input: { householdId: String(householdId), amount, reason: '住房失火，基本生活暂时困难', channel: 'TOWN_STATION', ...extra },
});

async function household(): Promise<number> {
  names++;
  const h = await run((em) =>
    registerHousehold(em, ADMIN, {
      villageCode: village,
      areaType: 'rural',
      startDate: '2020-01-01',
      members: [
        { idNumber: idNumberFor('1970-03-03'), name: ['王建国', '李秀兰', '张志强', '刘桂芳', '陈国华'][names % 5]!, relation: 'head' },
      ],
    }),
  );
  return h.id;
}

const effects = async (householdId: number) =>
  (
    await rows<{ applications: number; payments: number; net: string; grants: number }>(
      `select (select count(*) from application where household_id = ?)::int as applications,
              (select count(*) from payment where household_id = ?)::int as payments,
              (select coalesce(sum(amount_fen), 0) from payment where household_id = ?)::text as net,
              (select count(*) from audit_entry where action = 'grantAdvanceAid'
                 and entity_id in (select id::text from application where household_id = ?))::int as grants`,
      [householdId, householdId, householdId, householdId],
    )
  )[0]!;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  clerk = await tokenFor('town_clerk', TOWN);
  admin = await tokenFor('county_admin', '370115');
  village = (await rows<{ code: string }>(`select code from region where parent_code = ? order by code limit 1`, [TOWN]))[0]!.code;
}, 120_000);

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('granting first', () => {
  it('pays at once within the ceiling: an application under review, a one-off entry, audited', async () => {
    const id = await household();
    const granted = await ok<{ grantAdvanceAid: { application: { id: string; status: string; advance: boolean }; paid: string } }>(
      api,
      clerk,
      GRANT,
      grant(id, '800.00'),
    );
    expect(granted.grantAdvanceAid).toMatchObject({ application: { status: 'APPLIED', advance: true }, paid: '800.00' });
    expect(await effects(id)).toEqual({ applications: 1, payments: 1, net: '80000', grants: 1 });
    expect(await rows(`select kind::text as kind, application_id is not null as named from payment where household_id = ?`, [id])).toEqual([
      { kind: 'one_off', named: true },
    ]);
    expect((await rows<{ n: number }>(`select count(*)::int as n from audit_entry where action = 'recordOneOffPayment'`))[0]!.n).toBe(1);
  });

  it('refuses above the county ceiling with a typed error and records nothing; the county raises its ceiling', async () => {
    const id = await household();
    const above = await refused(api, clerk, GRANT, grant(id, '1000.01'));
    expect(above.code).toBe('ADVANCE_ABOVE_CEILING');
    expect(await effects(id)).toEqual({ applications: 0, payments: 0, net: '0', grants: 0 });
    expect((await refused(api, clerk, CEILING, { input: { countyCode: '370115', ceiling: '2000.00' } })).code).toBe('FORBIDDEN');
    expect(
      (await ok<{ setAdvanceAidCeiling: string }>(api, admin, CEILING, { input: { countyCode: '370115', ceiling: '2000.00' } }))
        .setAdvanceAidCeiling,
    ).toBe('2000.00');
    await ok(api, clerk, GRANT, grant(id, '1500.00'));
    expect(await effects(id)).toEqual({ applications: 1, payments: 1, net: '150000', grants: 1 });
    expect((await refused(api, clerk, GRANT, grant(await household(), '2000.01'))).code).toBe('ADVANCE_ABOVE_CEILING');
    expect((await rows<{ n: number }>(`select count(*)::int as n from audit_entry where action = 'setAdvanceAidCeiling'`))[0]!.n).toBe(1);
  });

  it('only per-case aid is granted first', async () => {
    const id = await household();
    expect((await refused(api, clerk, GRANT, grant(id, '100.00', { programCode: 'dibao_rural' }))).code).toBe('ADVANCE_NOT_ALLOWED');
    expect(await effects(id)).toEqual({ applications: 0, payments: 0, net: '0', grants: 0 });
  });

  it('20 identical requests at once pay once; the others are refused with ADVANCE_UNDER_WAY', async () => {
    const id = await household();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        api.query<{ grantAdvanceAid: unknown }>('/graphql', GRANT, { token: clerk, variables: grant(id, '500.00') }),
      ),
    );
    const codes = results.map((r) => (r.errors?.[0]?.extensions?.['code'] as string | undefined) ?? 'OK');
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c === 'ADVANCE_UNDER_WAY')).toHaveLength(19);
    expect(await effects(id)).toEqual({ applications: 1, payments: 1, net: '50000', grants: 1 });
  });
});

describe('completed afterwards', () => {
  it('the normal steps approve it at the amount paid, paying nothing more', async () => {
    const id = await household();
    const granted = await ok<{ grantAdvanceAid: { application: { id: string } } }>(api, clerk, GRANT, grant(id, '600.00'));
    const applicationId = Number(granted.grantAdvanceAid.application.id);
    await run((em) => acceptApplication(em, ADMIN, applicationId));
    await run((em) => verifyApplication(em, ADMIN, { applicationId, incomes: [] }));
    await run((em) => investigateApplication(em, ADMIN, applicationId, '入户核实：火灾属实'));
    await run((em) => publicizeApplication(em, ADMIN, applicationId, addDays(today(), -10)));
    await expect(run((em) => approveApplication(em, ADMIN, { applicationId, amountFen: 90000 }))).rejects.toMatchObject({
      code: 'INVALID_AMOUNT',
    });
    const approved = await run((em) => approveApplication(em, ADMIN, { applicationId }));
    expect(approved.application.status).toBe('approved');
    expect(await effects(id)).toEqual({ applications: 1, payments: 1, net: '60000', grants: 1 });
    // a new advance may follow once the first is decided
    await ok(api, clerk, GRANT, grant(id, '100.00'));
    expect((await effects(id)).applications).toBe(2);
  });

  it('rejected on review, what was paid is recovered once', async () => {
    const id = await household();
    const granted = await ok<{ grantAdvanceAid: { application: { id: string } } }>(api, clerk, GRANT, grant(id, '700.00'));
    const applicationId = granted.grantAdvanceAid.application.id;
    const REJECT = `mutation ($id: ID!) { rejectApplication(input: { applicationId: $id, reason: "核实：火灾损失已由保险赔付" }) { application { status } } }`;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => api.query('/graphql', REJECT, { token: clerk, variables: { id: applicationId } })),
    );
    expect(results.filter((r) => !r.errors?.length)).toHaveLength(1);
    expect(
      await rows(`select kind::text as kind, amount_fen::text as amount from payment where household_id = ? order by id`, [id]),
    ).toEqual([
      { kind: 'one_off', amount: '70000' },
      { kind: 'recovery', amount: '-70000' },
    ]);
    expect(await effects(id)).toMatchObject({ applications: 1, payments: 2, net: '0' });
  });
});
