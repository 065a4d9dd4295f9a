import {
  acceptApplication,
  addDays,
  approveApplication,
  approvePayroll,
  generatePayroll,
  investigateApplication,
  loadFeed,
  publicizeApplication,
  registerHousehold,
  runCrossCheck,
  setStandard,
  submitApplication,
  today,
  verifyApplication,
  type EntityManager,
} from '@xingfu/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { idNumberFor, ok } from '../support/casework.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { ADMIN } from '../support/ledger-fixture.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Adjusting an enrollment from a cross-check hit books the difference of the months already paid
 * at the wrong amount: recovery (追回) where the new amount is lower, back pay (补发) where it is
 * higher, as ledger entries of the enrollment that paid them.
 */
let db: TestDatabase;
let api: TestApi;
let admin = '';
const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);
const rows = <T>(sql: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(sql, params);
const households: { enrollmentId: number; idNumbers: string[] }[] = [];

const DECIDE = `mutation ($input: DecideCrossCheckHitInput!) {
  decideCrossCheckHit(input: $input) { hit { id status recovered backPaid newEnrollment { id } } }
}`;

async function enrolled(village: string, births: string[], incomeFen: number) {
  const idNumbers = births.map((b) => idNumberFor(b));
  const household = await run((em) =>
    registerHousehold(em, ADMIN, {
      villageCode: village,
      areaType: 'rural',
      startDate: '2020-01-01',
      members: idNumbers.map((idNumber, i) => ({
        idNumber,
        name: ['王建国', '李秀兰', '王小军'][i]!,
        relation: i === 0 ? 'head' : 'spouse',
      })),
    }),
  );
  const application = await run((em) =>
    submitApplication(em, ADMIN, {
      householdId: household.id,
      programCode: 'dibao_rural',
      channel: 'town_station',
      appliedOn: addDays(today(), -20),
    }),
  );
  await run((em) => acceptApplication(em, ADMIN, application.id));
  await run((em) => verifyApplication(em, ADMIN, { applicationId: application.id, incomes: [{ kind: 'wage', monthlyFen: incomeFen }] }));
  await run((em) => investigateApplication(em, ADMIN, application.id, '入户核实'));
  await run((em) => publicizeApplication(em, ADMIN, application.id, addDays(today(), -10)));
  const { enrollment } = await run((em) => approveApplication(em, ADMIN, { applicationId: application.id, startMonth: '2026-01' }));
  households.push({ enrollmentId: enrollment!.id, idNumbers });
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  admin = await tokenFor('county_admin', '370115');
  await run((em) =>
    setStandard(em, ADMIN, {
      programCode: 'dibao_rural',
      countyCode: '370115',
      areaType: 'rural',
      effectiveMonth: '2025-01',
      amountFen: 70000,
    }),
  );
  const [village] = await rows<{ code: string }>(`select code from region where parent_code = '370115104' order by code limit 1`);
  // two households of two, each with a verified income of 400 元 a month (200 per person): paid (700 − 200) × 2 = 1,000 元
  await enrolled(village!.code, ['1958-05-05', '1960-06-06'], 40000);
  await enrolled(village!.code, ['1959-05-05', '1961-06-06'], 40000);
  for (const month of ['2026-01', '2026-02', '2026-03']) {
    const batch = await run((em) => generatePayroll(em, ADMIN, { countyCode: '370115', programCode: 'dibao_rural', month }));
    await run((em) => approvePayroll(em, ADMIN, batch.id));
  }
  await run((em) =>
    loadFeed(em, ADMIN, {
      countyCode: '370115',
      kind: 'pension',
      deliveredOn: '2026-04-01',
      fileName: 'pension.csv',
      content: Buffer.from(['身份证号,类别,月金额', ...households.map((h) => `${h.idNumbers[0]},养老金,1600.00`)].join('\n')),
    }),
  );
  await run((em) => runCrossCheck(em, ADMIN, { countyCode: '370115', month: '2026-04' }));
}, 120_000);

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const hitOf = async (enrollmentId: number) =>
  (
    await rows<{ id: number }>(`select id from cross_check_hit where enrollment_id = ? and rule_code = 'income_above_line'`, [enrollmentId])
  )[0]!.id;
const corrections = (enrollmentId: number) =>
  rows<{ month: string; kind: string; amount: string }>(
    `select to_char(month, 'YYYY-MM') as month, kind::text as kind, amount_fen::text as amount from payment
     where enrollment_id = ? and batch_id is null order by month, id`,
    [enrollmentId],
  );
const netByMonth = (enrollmentId: number) =>
  rows<{ month: string; net: string }>(
    `select to_char(month, 'YYYY-MM') as month, sum(amount_fen)::text as net from payment where enrollment_id = ? group by month order by month`,
    [enrollmentId],
  );

it('recovers the difference of each month already paid when the adjusted amount is lower', async () => {
  const { enrollmentId } = households[0]!;
  // per capita income now 500 元: (700 − 500) × 2 = 400 元 a month from February; 600 元 too much for February and March
  const decided = await ok<{ decideCrossCheckHit: { hit: { status: string; recovered: string; backPaid: string } } }>(api, admin, DECIDE, {
    input: {
      hitId: String(await hitOf(enrollmentId)),
      outcome: 'ADJUST',
      reason: '养老金计入收入',
      fromMonth: '2026-02',
      perCapitaIncome: '500.00',
    },
  });
  expect(decided.decideCrossCheckHit.hit).toMatchObject({ status: 'ADJUSTED', recovered: '1200.00', backPaid: '0.00' });
  expect(await corrections(enrollmentId)).toEqual([
    { month: '2026-02', kind: 'recovery', amount: '-60000' },
    { month: '2026-03', kind: 'recovery', amount: '-60000' },
  ]);
  expect(await netByMonth(enrollmentId)).toEqual([
    { month: '2026-01', net: '100000' },
    { month: '2026-02', net: '40000' },
    { month: '2026-03', net: '40000' },
  ]);
  expect(
    await rows(`select recovered_fen::int as r, back_paid_fen::int as b from cross_check_hit where id = ?`, [await hitOf(enrollmentId)]),
  ).toEqual([{ r: 120000, b: 0 }]);
  expect((await rows<{ n: number }>(`select count(*)::int as n from audit_entry where action = 'recordRecovery'`))[0]!.n).toBe(2);
});

it('pays back the difference of each month already paid when the adjusted amount is higher', async () => {
  const { enrollmentId } = households[1]!;
  // per capita income now 0: 700 × 2 = 1,400 元 a month from March; 400 元 short for March
  const decided = await ok<{ decideCrossCheckHit: { hit: { recovered: string; backPaid: string } } }>(api, admin, DECIDE, {
    input: {
      hitId: String(await hitOf(enrollmentId)),
      outcome: 'ADJUST',
      reason: '工资已停发',
      fromMonth: '2026-03',
      perCapitaIncome: '0.00',
    },
  });
  expect(decided.decideCrossCheckHit.hit).toMatchObject({ recovered: '0.00', backPaid: '400.00' });
  expect(await corrections(enrollmentId)).toEqual([{ month: '2026-03', kind: 'back_pay', amount: '40000' }]);
  expect((await netByMonth(enrollmentId)).map((m) => m.net)).toEqual(['100000', '100000', '140000']);
});
