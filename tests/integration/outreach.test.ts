import {
  acceptApplication,
  addDays,
  loadFeed,
  recordDeath,
  registerHousehold,
  rejectApplication,
  setStandard,
  submitApplication,
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

/** 政策找人: each list finds the eligible who receive nothing, and one action turns a candidate into an application. */
let db: TestDatabase;
let api: TestApi;
let admin = '';
let village = '';
const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);
const rows = <T>(sql: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(sql, params);
const yearsAgo = (years: number, days = 0) => {
  const d = addDays(today(), days);
  return `${Number(d.slice(0, 4)) - years}${d.slice(4)}`;
};

const LIST = `query ($kind: OutreachKind!) {
  outreachCandidates(kind: $kind, first: 50) { totalCount edges { node { id programCode reason person { name } household { id } } } }
}`;
const APPLY = `mutation ($input: ApplyForCandidateInput!) { applyForCandidate(input: $input) { application { id status instant outreach } } }`;
const list = async (kind: string) =>
  (
    await ok<{ outreachCandidates: { edges: { node: { id: string; programCode: string; reason: string } }[] } }>(api, admin, LIST, { kind })
  ).outreachCandidates.edges.map((e) => e.node);

const people: Record<string, { personIds: number[]; idNumbers: string[]; householdId: number }> = {};
async function household(key: string, members: { birth: string; relation: 'head' | 'spouse' | 'child'; level?: number }[]) {
  const idNumbers = members.map((m) => idNumberFor(m.birth));
  const h = await run((em) =>
    registerHousehold(em, ADMIN, {
      villageCode: village,
      areaType: 'rural',
      startDate: members
        .map((m) => m.birth)
        .sort()
        .at(-1)!,
      members: members.map((m, i) => ({
        idNumber: idNumbers[i]!,
        name: ['刘大成', '陈桂花', '刘小宝'][i]!,
        relation: m.relation,
        disabilityLevel: m.level ?? null,
        disabilityCategory: m.level ? '肢体' : null,
      })),
    }),
  );
  const personIds = (
    await rows<{ id: number }>('select person_id as id from household_member where household_id = ? order by id', [h.id])
  ).map((r) => r.id);
  people[key] = { personIds, idNumbers, householdId: h.id };
}

async function verified(key: string, monthlyFen: number) {
  const application = await run((em) =>
    submitApplication(em, ADMIN, {
      householdId: people[key]!.householdId,
      programCode: 'dibao_rural',
      channel: 'town_station',
      appliedOn: addDays(today(), -5),
    }),
  );
  await run((em) => acceptApplication(em, ADMIN, application.id));
  await run((em) => verifyApplication(em, ADMIN, { applicationId: application.id, incomes: [{ kind: 'wage', monthlyFen }] }));
  await run((em) => rejectApplication(em, ADMIN, application.id, '申请人暂缓申请'));
}

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
  await run((em) =>
    setStandard(em, ADMIN, {
      programCode: 'senior_allowance',
      countyCode: '370115',
      areaType: 'rural',
      tier: '80',
      effectiveMonth: '2025-01',
      amountFen: 10000,
    }),
  );
  await household('senior', [{ birth: yearsAgo(85), relation: 'head' }]);
  await household('young', [{ birth: yearsAgo(80, 3), relation: 'head' }]);
  await household('disabled', [
    { birth: '1970-01-01', relation: 'head', level: 1 },
    { birth: '1972-01-01', relation: 'spouse', level: 3 },
  ]);
  await household('orphaned', [
    { birth: '1985-01-01', relation: 'head' },
    { birth: '1987-01-01', relation: 'spouse' },
    { birth: yearsAgo(10), relation: 'child' },
  ]);
  await household('cared', [
    { birth: '1986-01-01', relation: 'head' },
    { birth: '1988-01-01', relation: 'spouse' },
    { birth: yearsAgo(9), relation: 'child' },
  ]);
  await household('poor', [
    { birth: '1975-01-01', relation: 'head' },
    { birth: '1976-01-01', relation: 'spouse' },
  ]);
  await household('earning', [
    { birth: '1977-01-01', relation: 'head' },
    { birth: '1978-01-01', relation: 'spouse' },
  ]);
  await run((em) => recordDeath(em, ADMIN, people['orphaned']!.personIds[0]!, '2025-06-01'));
  await run((em) => recordDeath(em, ADMIN, people['cared']!.personIds[0]!, '2025-06-01'));
  await run((em) =>
    loadFeed(em, ADMIN, {
      countyCode: '370115',
      kind: 'incarceration',
      deliveredOn: addDays(today(), -1),
      fileName: 'prison.csv',
      content: Buffer.from(`身份证号,入监日期\n${people['orphaned']!.idNumbers[1]},2024-03-01\n`),
    }),
  );
  await run((em) =>
    loadFeed(em, ADMIN, {
      countyCode: '370115',
      kind: 'disability',
      deliveredOn: addDays(today(), -1),
      fileName: 'cdpf.csv',
      content: Buffer.from(`身份证号,残疾等级\n${people['disabled']!.idNumbers[1]},二级\n`),
    }),
  );
  await verified('poor', 100000); // 500 yuan per person, below 700
  await verified('earning', 200000); // 1000 yuan per person
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('政策找人', () => {
  it('lists 80-year-olds without 尊老金, and not a 79-year-old', async () => {
    expect((await list('SENIOR')).map((c) => Number(c.id))).toEqual([people['senior']!.personIds[0]]);
  });

  it('lists the severely disabled by the ledger or the 残联 feed without 护理补贴', async () => {
    expect((await list('SEVERE_DISABILITY')).map((c) => Number(c.id))).toEqual(people['disabled']!.personIds);
  });

  it('lists a child whose parents died or are in prison, not one with a parent at home', async () => {
    const found = await list('UNATTENDED_CHILD');
    expect(found.map((c) => Number(c.id))).toEqual([people['orphaned']!.personIds[2]]);
    expect(found[0]!.programCode).toBe('unattended_child_allowance');
  });

  it('lists households whose counted income fell below the standard', async () => {
    expect((await list('LOW_INCOME')).map((c) => Number(c.id))).toEqual([people['poor']!.personIds[0]]);
  });

  it('turns a candidate into an application with one action (a senior’s approved at once), and takes them off the list', async () => {
    const senior = await ok<{ applyForCandidate: { application: { id: string; status: string; instant: boolean; outreach: boolean } } }>(
      api,
      admin,
      APPLY,
      { input: { kind: 'SENIOR', personId: String(people['senior']!.personIds[0]), channel: 'GRID_WORKER' } },
    );
    expect(senior.applyForCandidate.application).toMatchObject({ status: 'APPROVED', instant: true, outreach: true });
    const child = await ok<{ applyForCandidate: { application: { id: string; status: string; outreach: boolean } } }>(api, admin, APPLY, {
      input: { kind: 'UNATTENDED_CHILD', personId: String(people['orphaned']!.personIds[2]), channel: 'GRID_WORKER' },
    });
    expect(child.applyForCandidate.application).toMatchObject({ status: 'APPLIED', outreach: true });
    expect(
      await rows(`select program_code, person_id, reason like '政策找人%' as marked from application where id = ?`, [
        Number(child.applyForCandidate.application.id),
      ]),
    ).toEqual([{ program_code: 'unattended_child_allowance', person_id: people['orphaned']!.personIds[2], marked: true }]);
    expect(await list('SENIOR')).toEqual([]);
    expect(await list('UNATTENDED_CHILD')).toEqual([]);
    const again = await refused(api, admin, APPLY, {
      input: { kind: 'UNATTENDED_CHILD', personId: String(people['orphaned']!.personIds[2]), channel: 'GRID_WORKER' },
    });
    expect(again.code).toBe('NOT_ELIGIBLE');
  });
});
