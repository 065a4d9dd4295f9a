import {
  addDays,
  approveApplication,
  approvePayroll,
  cutRelease,
  generatePayroll,
  registerHousehold,
  setStandard,
  today,
  type EntityManager,
} from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberFor, ok } from '../support/casework.js';
import { caseSteps } from '../support/case-steps.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { ADMIN } from '../support/ledger-fixture.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * A death stops pay from the month after it: the household's amount is recomputed for the members
 * left, payroll pays it, and the 幸福清单 of the next released month shows it.
 */
let db: TestDatabase;
let api: TestApi;
let admin = '';
let village = '';
const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);
const rows = <T>(sql: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(sql, params);

async function enrolledHousehold(names: string[], programCode = 'dibao_rural', startMonth = '2026-01') {
  const household = await run((em) =>
    registerHousehold(em, ADMIN, {
      villageCode: village,
      areaType: 'rural',
      startDate: '2020-01-01',
      members: names.map((name, i) => ({
        idNumber: idNumberFor(`19${55 + i}-06-0${i + 1}`),
        name,
        relation: i === 0 ? ('head' as const) : i === 1 ? ('spouse' as const) : ('child' as const),
      })),
    }),
  );
  const applicationId = await caseSteps(db.orm).publicized({ householdId: household.id, programCode });
  await run((em) => approveApplication(em, ADMIN, { applicationId, startMonth }));
  const persons = await rows<{ id: number }>('select person_id as id from household_member where household_id = ? order by id', [
    household.id,
  ]);
  return { householdId: household.id, publicId: household.publicId, personIds: persons.map((p) => p.id) };
}

async function payMonth(month: string) {
  const batch = await run((em) => generatePayroll(em, ADMIN, { countyCode: '370115', programCode: 'dibao_rural', month }));
  await run((em) => approvePayroll(em, ADMIN, batch.id));
}

const paid = async (householdId: number, month: string) =>
  (
    await rows<{ total: string | null }>(`select sum(amount_fen)::text as total from payment where household_id = ? and month = ?::date`, [
      householdId,
      `${month}-01`,
    ])
  )[0]!.total;

const RECORD_DEATH = `mutation ($input: RecordDeathInput!) { recordDeath(input: $input) { person { id deceasedOn } } }`;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  admin = await tokenFor('county_admin', '370115');
  village = (await rows<{ code: string }>(`select code from region where parent_code = '370115104' order by code limit 1`))[0]!.code;
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

describe('a death mid-year', () => {
  it('pays the month of death in full and the members left from the next month, and the 幸福清单 shows it', async () => {
    const family = await enrolledHousehold(['王德胜', '李桂英', '王小明']);
    await payMonth('2026-01');
    await payMonth('2026-02');
    expect(await paid(family.householdId, '2026-02')).toBe('210000');

    await ok(api, admin, RECORD_DEATH, { input: { personId: String(family.personIds[1]), deceasedOn: '2026-03-14' } });
    await payMonth('2026-03');
    await payMonth('2026-04');
    expect(await paid(family.householdId, '2026-03')).toBe('210000');
    expect(await paid(family.householdId, '2026-04')).toBe('140000');

    const enrollments = await rows<{
      status: string;
      covered_members: number;
      start_month: string;
      end_month: string | null;
      exit_reason: string | null;
    }>(
      `select status, covered_members, to_char(start_month, 'YYYY-MM') as start_month, to_char(end_month, 'YYYY-MM') as end_month, exit_reason
       from enrollment where household_id = ? order by id`,
      [family.householdId],
    );
    expect(enrollments).toEqual([
      { status: 'ended', covered_members: 3, start_month: '2026-01', end_month: '2026-03', exit_reason: 'adjusted' },
      { status: 'active', covered_members: 2, start_month: '2026-04', end_month: null, exit_reason: null },
    ]);
    const audit = await rows<{ action: string }>(
      `select action from audit_entry where action in ('recordDeath', 'endEnrollment', 'createEnrollment') and at > now() - interval '1 minute' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['recordDeath', 'endEnrollment', 'createEnrollment']));

    const release = await run((em) => cutRelease(em, { createdBy: 'test', note: '死亡停发', asOf: addDays(today(), 0) }));
    const list = await api.query<{ happinessList: { edges: { node: { publicId: string; coveredMembers: number; total: string } }[] } }>(
      '/public/graphql',
      `query ($v: String!, $m: Month!, $r: ID) { happinessList(villageCode: $v, month: $m, releaseId: $r, first: 50) { edges { node { publicId coveredMembers total } } } }`,
      { variables: { v: village, m: '2026-04', r: release.id } },
    );
    expect(list.errors).toBeUndefined();
    expect(list.data?.happinessList.edges.map((e) => e.node).find((row) => row.publicId === family.publicId)).toMatchObject({
      coveredMembers: 2,
      total: '1400.00',
    });
  });

  it('ends the enrollment of a household whose last member died, and payroll pays nothing after the month of death', async () => {
    const alone = await enrolledHousehold(['孤老汉'], 'dibao_rural', '2026-05');
    await payMonth('2026-05');
    await ok(api, admin, RECORD_DEATH, { input: { personId: String(alone.personIds[0]), deceasedOn: '2026-05-20' } });
    await payMonth('2026-06');
    expect(await paid(alone.householdId, '2026-05')).toBe('70000');
    expect(await paid(alone.householdId, '2026-06')).toBeNull();
    expect(await rows(`select status, exit_reason from enrollment where household_id = ?`, [alone.householdId])).toEqual([
      { status: 'ended', exit_reason: 'deceased' },
    ]);
  });

  it('refuses a date of death in the future or before the membership began, changing nothing', async () => {
    const family = await enrolledHousehold(['赵大山', '钱小红']);
    for (const deceasedOn of [addDays(today(), 2), '1999-12-31']) {
      const result = await api.query('/graphql', RECORD_DEATH, {
        token: admin,
        variables: { input: { personId: String(family.personIds[1]), deceasedOn } },
      });
      expect(result.errors?.[0]?.extensions?.['code']).toBe('INVALID_DATE');
    }
    expect(await rows(`select count(*)::int as n from person where id = ? and deceased_on is not null`, [family.personIds[1]])).toEqual([
      { n: 0 },
    ]);
    expect(await rows(`select count(*)::int as n from enrollment where household_id = ?`, [family.householdId])).toEqual([{ n: 1 }]);
  });
});
