import { addDays, approvePayroll, generatePayroll, registerHousehold, setStandard, today, type EntityManager } from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberFor, ok, refused } from '../support/casework.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { ADMIN } from '../support/ledger-fixture.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** 尊老金 秒批: approved in the request that applies when the ID number shows 80 years; tiers move up in the birthday month. */
let db: TestDatabase;
let api: TestApi;
let clerk = '';
let village = '';
const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);
const rows = <T>(sql: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(sql, params);

const APPLY = `mutation ($input: ApplySeniorAllowanceInput!) {
  applySeniorAllowance(input: $input) { application { id status instant publicityEnd } enrollment { id startMonth status } }
}`;
/** The same date `years` years earlier. */
const yearsBefore = (date: string, years: number) => `${Number(date.slice(0, 4)) - years}${date.slice(4)}`;
const thisMonth = () => today().slice(0, 7);
const nextMonth = () => {
  const [y, m] = thisMonth().split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

async function elder(birthDate: string) {
  const household = await run((em) =>
    registerHousehold(em, ADMIN, {
      villageCode: village,
      areaType: 'rural',
      startDate: '2000-01-01',
      members: [{ idNumber: idNumberFor(birthDate), name: '张老汉', relation: 'head' }],
    }),
  );
  const [person] = await rows<{ id: number }>('select person_id as id from household_member where household_id = ?', [household.id]);
  return { householdId: household.id, personId: person!.id };
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  clerk = await tokenFor('county_admin', '370115');
  village = (await rows<{ code: string }>(`select code from region where parent_code = '370115104' order by code limit 1`))[0]!.code;
  for (const [tier, amountFen] of [
    ['80', 10000],
    ['90', 20000],
    ['100', 50000],
  ] as const) {
    await run((em) =>
      setStandard(em, ADMIN, {
        programCode: 'senior_allowance',
        countyCode: '370115',
        areaType: 'rural',
        tier,
        effectiveMonth: '2025-01',
        amountFen,
      }),
    );
  }
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('尊老金 秒批', () => {
  it('approves a person who is 80 today in the request that applies, with no 公示, audited', async () => {
    const { householdId, personId } = await elder(yearsBefore(today(), 80));
    const answer = await ok<{
      applySeniorAllowance: {
        application: { id: string; status: string; instant: boolean; publicityEnd: string | null };
        enrollment: { startMonth: string; status: string };
      };
    }>(api, clerk, APPLY, { input: { householdId: String(householdId), personId: String(personId), channel: 'APP' } });
    expect(answer.applySeniorAllowance.application).toMatchObject({ status: 'APPROVED', instant: true, publicityEnd: null });
    expect(answer.applySeniorAllowance.enrollment).toMatchObject({ startMonth: thisMonth(), status: 'ACTIVE' });
    const id = Number(answer.applySeniorAllowance.application.id);
    expect(
      await rows(`select status, tier, assessed_amount_fen::int as amount, publicity_start from application where id = ?`, [id]),
    ).toEqual([{ status: 'approved', tier: '80', amount: 10000, publicity_start: null }]);
    expect(await rows(`select from_status, to_status from application_event where application_id = ? order by id`, [id])).toEqual([
      { from_status: null, to_status: 'applied' },
      { from_status: 'applied', to_status: 'approved' },
    ]);
    expect(await rows(`select tier from enrollment where application_id = ?`, [id])).toEqual([{ tier: '80' }]);
    expect(
      (await rows<{ action: string }>(`select action from audit_entry where entity_id = ? and action = 'instantApproval'`, [String(id)]))
        .length,
    ).toBe(1);
    const again = await refused(api, clerk, APPLY, {
      input: { householdId: String(householdId), personId: String(personId), channel: 'APP' },
    });
    expect(again.code).toBe('ALREADY_ENROLLED');
  });

  it('refuses a person who turns 80 tomorrow with BELOW_AGE_TIER, recording nothing', async () => {
    const { householdId, personId } = await elder(yearsBefore(addDays(today(), 1), 80));
    const refusal = await refused(api, clerk, APPLY, {
      input: { householdId: String(householdId), personId: String(personId), channel: 'APP' },
    });
    expect(refusal.code).toBe('BELOW_AGE_TIER');
    expect(await rows(`select count(*)::int as n from application where household_id = ?`, [householdId])).toEqual([{ n: 0 }]);
    expect(await rows(`select count(*)::int as n from enrollment where household_id = ?`, [householdId])).toEqual([{ n: 0 }]);
  });

  it('moves the tier up from 80 to 90 in the month of the 90th birthday', async () => {
    const birth = yearsBefore(`${nextMonth()}-15`, 90);
    const { householdId, personId } = await elder(birth);
    await ok(api, clerk, APPLY, { input: { householdId: String(householdId), personId: String(personId), channel: 'TOWN_STATION' } });
    for (const month of [thisMonth(), nextMonth()]) {
      const batch = await run((em) => generatePayroll(em, ADMIN, { countyCode: '370115', programCode: 'senior_allowance', month }));
      await run((em) => approvePayroll(em, ADMIN, batch.id));
    }
    expect(
      await rows(
        `select to_char(p.month, 'YYYY-MM') as month, p.amount_fen::int as amount, e.tier from payment p join enrollment e on e.id = p.enrollment_id
         where p.household_id = ? order by p.month`,
        [householdId],
      ),
    ).toEqual([
      { month: thisMonth(), amount: 10000, tier: '80' },
      { month: nextMonth(), amount: 20000, tier: '90' },
    ]);
  });
});
