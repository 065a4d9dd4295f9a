import { addDays, endHouseholdMembership, makeIdNumber, registerHousehold, setStandard, today, type EntityManager } from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberFor, REGISTER, VERIFY } from '../support/casework.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { ADMIN } from '../support/ledger-fixture.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * One scope rule for persons: a person belongs to the region of their latest membership, current
 * or ended, and every read and write checks it. A record of another region and a missing one get
 * the same answer, so no staff token can learn whether a citizen is registered elsewhere.
 */
let db: TestDatabase;
let api: TestApi;
const t = { jiyangAdmin: '', binhaiAdmin: '', binhaiAuditor: '', binhaiClerk: '' };
let village = '';
const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);
const rows = <T>(sql: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(sql, params);

const PERSON = `query ($n: String!) { personByIdNumber(idNumber: $n) { id name idNumber phone birthDate } }`;
const RECORD_DEATH = `mutation ($input: RecordDeathInput!) { recordDeath(input: $input) { person { id deceasedOn } } }`;

/** A person of 济阳区 whose membership has ended (moved out): no current household. */
let movedOut = { id: 0, idNumber: '' };
let household = { id: 0, headId: 0 };

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  t.jiyangAdmin = await tokenFor('county_admin', '370115');
  t.binhaiAdmin = await tokenFor('county_admin', '320922');
  t.binhaiAuditor = await tokenFor('auditor', '320922');
  t.binhaiClerk = await tokenFor('town_clerk', '320922001');
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
  const registered = await run((em) =>
    registerHousehold(em, ADMIN, {
      villageCode: village,
      areaType: 'rural',
      startDate: '2020-01-01',
      members: [
        { idNumber: idNumberFor('1962-02-02'), name: '孙建设', relation: 'head', phone: '13900001111' },
        { idNumber: idNumberFor('1990-09-09'), name: '孙晓燕', relation: 'child', phone: '13900002222' },
      ],
    }),
  );
  const members = await rows<{ id: number; person_id: number; id_number: string; relation: string }>(
    `select m.id, m.person_id, p.id_number, m.relation from household_member m join person p on p.id = m.person_id where m.household_id = ? order by m.id`,
    [registered.id],
  );
  household = { id: registered.id, headId: members[0]!.person_id };
  const child = members[1]!;
  await run((em) => endHouseholdMembership(em, ADMIN, child.id, addDays(today(), -5)));
  movedOut = { id: child.person_id, idNumber: child.id_number };
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('persons without a current household stay in their region', () => {
  it('shows a moved-out person to the admin of their county', async () => {
    const answer = await api.query<{ personByIdNumber: { name: string } | null }>('/graphql', PERSON, {
      token: t.jiyangAdmin,
      variables: { n: movedOut.idNumber },
    });
    expect(answer.data?.personByIdNumber?.name).toBe('孙晓燕');
  });

  it.each([
    ['county admin', 'binhaiAdmin'],
    ['auditor', 'binhaiAuditor'],
    ['town clerk', 'binhaiClerk'],
  ] as const)('answers a %s of another county null for a moved-out person, as for a number never registered', async (_role, key) => {
    const never = makeIdNumber('370115', '1988-08-08', 999);
    for (const n of [movedOut.idNumber, never]) {
      const answer = await api.query('/graphql', PERSON, { token: t[key], variables: { n } });
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ personByIdNumber: null });
    }
  });

  it('refuses a clerk of another county recording the death of a moved-out person, as for a missing one, changing nothing', async () => {
    const elsewhere = await api.query('/graphql', RECORD_DEATH, {
      token: t.binhaiClerk,
      variables: { input: { personId: String(movedOut.id), deceasedOn: today() } },
    });
    const missing = await api.query('/graphql', RECORD_DEATH, {
      token: t.binhaiClerk,
      variables: { input: { personId: '99999999', deceasedOn: today() } },
    });
    expect(elsewhere.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect(missing.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect(elsewhere.errors?.[0]?.message.replace(String(movedOut.id), 'N')).toBe(missing.errors?.[0]?.message.replace('99999999', 'N'));
    expect(await rows(`select deceased_on from person where id = ?`, [movedOut.id])).toEqual([{ deceased_on: null }]);
    expect(await rows(`select count(*)::int as n from audit_entry where action = 'recordDeath'`)).toEqual([{ n: 0 }]);
  });

  it('answers a household of another county like a missing one', async () => {
    const query = `query ($id: ID!) { household(id: $id) { id } }`;
    const elsewhere = await api.query('/graphql', query, { token: t.binhaiAdmin, variables: { id: String(household.id) } });
    const missing = await api.query('/graphql', query, { token: t.binhaiAdmin, variables: { id: '99999999' } });
    expect(elsewhere.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect(elsewhere.errors?.[0]?.message.replace(String(household.id), 'N')).toBe(missing.errors?.[0]?.message.replace('99999999', 'N'));
  });
});

describe('bounds of the registry', () => {
  it('refuses incomes of a person who is not a member of the household', async () => {
    const applicationId = (
      await api.query<{ submitApplication: { application: { id: string } } }>(
        '/graphql',
        `mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { application { id } } }`,
        {
          token: t.jiyangAdmin,
          variables: { input: { householdId: String(household.id), programCode: 'dibao_rural', channel: 'TOWN_STATION' } },
        },
      )
    ).data!.submitApplication.application.id;
    await api.query('/graphql', `mutation ($id: ID!) { acceptApplication(input: { applicationId: $id }) { application { id } } }`, {
      token: t.jiyangAdmin,
      variables: { id: applicationId },
    });
    const answer = await api.query('/graphql', VERIFY, {
      token: t.jiyangAdmin,
      variables: { input: { applicationId, incomes: [{ kind: 'wage', monthly: '3000.00', personId: String(movedOut.id) }] } },
    });
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('NOT_A_MEMBER');
    expect(await rows(`select count(*)::int as n from application_income where application_id = ?`, [Number(applicationId)])).toEqual([
      { n: 0 },
    ]);
  });

  it('refuses a household of more than 20 members and membership dates outside 1900 to today', async () => {
    const members = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        idNumber: idNumberFor(`1970-01-${String(i + 1).padStart(2, '0')}`),
        name: '多成员',
        relation: i === 0 ? 'HEAD' : 'CHILD',
      }));
    const big = await api.query('/graphql', REGISTER, {
      token: t.jiyangAdmin,
      variables: { input: { villageCode: village, areaType: 'RURAL', members: members(21) } },
    });
    expect(big.errors?.[0]?.extensions?.['code']).toBe('HOUSEHOLD_TOO_LARGE');
    for (const startDate of ['9999-12-31', addDays(today(), 1), '1899-12-31']) {
      const answer = await api.query('/graphql', REGISTER, {
        token: t.jiyangAdmin,
        variables: { input: { villageCode: village, areaType: 'RURAL', startDate, members: members(1) } },
      });
      expect(['INVALID_DATE', 'BAD_USER_INPUT']).toContain(answer.errors?.[0]?.extensions?.['code']);
    }
    expect(await rows(`select count(*)::int as n from person where name = '多成员'`)).toEqual([{ n: 0 }]);
  });
});

describe('tokens', () => {
  it('refuses a token whose region does not exist, before anything is read', async () => {
    const ghost = await tokenFor('county_admin', '379999');
    const answer = await api.query('/graphql', PERSON, { token: ghost, variables: { n: movedOut.idNumber } });
    expect(answer.status).toBe(401);
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(answer.errors?.[0]?.message).toMatch(/379999/);
    expect(answer.data ?? null).toBeNull();
  });
});
