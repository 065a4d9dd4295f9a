import {
  addDays,
  cutRelease,
  instantSeniorAllowance,
  recordReferralOutcome,
  referCase,
  registerHousehold,
  rejectApplication,
  setStandard,
  submitApplication,
  today,
  type EntityManager,
} from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberFor } from '../support/casework.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { ADMIN, buildLedger, type LedgerFixture } from '../support/ledger-fixture.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Data-driven assistance in public, the process figures (docs/cross-checks.md, "Public figures"):
 * applications by channel with the 秒批 share, median days to decision, 社会大救助 referrals by
 * department and outcome — frozen into a release per county and year, read only from it, small
 * cells suppressed by the one policy.
 *
 * The ledger (buildLedger, 济阳区, everything in the current year): 18 农村低保 (listed) approved
 * 30 days after applying, 8 重度残疾护理补贴 (counted) and 4 临时救助 (listed) likewise, all at a
 * town station; then, below, 尊老金 (listed) 12 by 秒批 in the app, 2 by 秒批 at a town station
 * and 1 applied for through a grid worker; 急难救助 (counted) 12 at the county centre (11 of them
 * rejected after 1 … 11 days) and 3 through grid workers.
 */
let db: TestDatabase;
let api: TestApi;
let fixture: LedgerFixture;
let release = '';
let households: number[] = [];
const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);
const rows = <T>(sql: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(sql, params);
const YEAR = Number(today().slice(0, 4));

async function publicQuery<T>(query: string, releaseId: string): Promise<T> {
  const answer = await api.query<T>('/public/graphql', query, { variables: { r: releaseId, y: YEAR } });
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}
const CHANNELS = `query ($r: ID, $y: Int!) { applicationChannels(countyCode: "370115", year: $y, releaseId: $r) {
  programCode year applications instant instantPercent channels { channel applications percent } } }`;
const TIMES = `query ($r: ID, $y: Int!) { decisionTimes(countyCode: "370115", year: $y, releaseId: $r) { programCode decision year medianDays } }`;
const REFERRALS = `query ($r: ID, $y: Int!) { referralFigures(countyCode: "370115", year: $y, releaseId: $r) { department outcome year cases amount } }`;

async function elder(village: string, birthDate: string) {
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
  fixture = await buildLedger(db.orm);
  households = (await rows<{ id: number }>(`select id from household where county_code = '370115' order by id`)).map((h) => h.id);
  // 农村低保 decided after 3, 6, …, 54 days (the fixture's applications in id order)
  await rows(
    `update application a set applied_on = a.decided_on - 3 * n.k
     from (select id, row_number() over (order by id)::int as k from application where program_code = 'dibao_rural') n
     where n.id = a.id`,
  );
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
  for (let i = 0; i < 14; i++) {
    const elderly = await elder(fixture.villages[i % fixture.villages.length]!, `19${30 + i}-03-0${1 + (i % 9)}`);
    await run((em) => instantSeniorAllowance(em, ADMIN, { ...elderly, channel: i < 12 ? 'app' : 'town_station' }));
  }
  const waiting = await elder(fixture.villages[0]!, '1940-05-05');
  await run((em) =>
    submitApplication(em, ADMIN, {
      householdId: waiting.householdId,
      programCode: 'senior_allowance',
      personId: waiting.personId,
      channel: 'grid_worker',
    }),
  );
  for (let i = 0; i < 15; i++) {
    const application = await run((em) =>
      submitApplication(em, ADMIN, {
        householdId: households[i]!,
        programCode: 'emergency_aid',
        channel: i < 12 ? 'county_centre' : 'grid_worker',
        appliedOn: addDays(today(), -(i + 1)),
      }),
    );
    if (i < 11) await run((em) => rejectApplication(em, ADMIN, application.id, '不符合急难救助条件'));
  }
  // referrals: 医保 11 granted 500 元 each and 1 refused; 教育 3 not answered yet
  for (let i = 0; i < 15; i++) {
    const referral = await run((em) =>
      referCase(em, ADMIN, { householdId: households[i]!, department: i < 12 ? 'medical_insurance' : 'education', request: '住院费用' }),
    );
    if (i < 11) await run((em) => recordReferralOutcome(em, ADMIN, { referralId: referral.id, outcome: 'granted', amountFen: 50_000 }));
    else if (i === 11)
      await run((em) => recordReferralOutcome(em, ADMIN, { referralId: referral.id, outcome: 'refused', note: '不在医保目录' }));
  }
  release = (await run((em) => cutRelease(em, { createdBy: 'test', note: '办理渠道、审批时长、转介' }))).id;
}, 240_000);

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('秒批 share and channels', () => {
  it('the release freezes applications by program and channel, with those approved by 秒批', async () => {
    expect(
      await rows(
        `select program_code, channel, disclosure, applications, instant from release_application_channel
         where release_id = ? and county_code = '370115' and year = ? order by program_code, channel`,
        [release, YEAR],
      ),
    ).toEqual([
      { program_code: 'dibao_rural', channel: 'town_station', disclosure: 'listed', applications: 18, instant: 0 },
      { program_code: 'disability_care', channel: 'town_station', disclosure: 'counted', applications: 8, instant: 0 },
      { program_code: 'emergency_aid', channel: 'county_centre', disclosure: 'counted', applications: 12, instant: 0 },
      { program_code: 'emergency_aid', channel: 'grid_worker', disclosure: 'counted', applications: 3, instant: 0 },
      { program_code: 'senior_allowance', channel: 'app', disclosure: 'listed', applications: 12, instant: 12 },
      { program_code: 'senior_allowance', channel: 'grid_worker', disclosure: 'listed', applications: 1, instant: 0 },
      { program_code: 'senior_allowance', channel: 'town_station', disclosure: 'listed', applications: 2, instant: 2 },
      { program_code: 'temporary_relief', channel: 'town_station', disclosure: 'listed', applications: 4, instant: 0 },
    ]);
  });

  it('publishes the 秒批 share per program and each channel’s share; a small channel takes a second one with it', async () => {
    const { applicationChannels } = await publicQuery<{ applicationChannels: { programCode: string }[] }>(CHANNELS, release);
    const byProgram = new Map(applicationChannels.map((p) => [p.programCode, p]));
    expect(byProgram.get('senior_allowance')).toEqual({
      programCode: 'senior_allowance',
      year: YEAR,
      applications: 15,
      instant: 14,
      instantPercent: 93.33,
      channels: [
        { channel: 'app', applications: 12, percent: 80 },
        { channel: 'grid_worker', applications: 1, percent: 6.67 },
        { channel: 'town_station', applications: 2, percent: 13.33 },
      ],
    });
    // counted: 3 through grid workers is suppressed, and the county centre with it (the total is published)
    expect(byProgram.get('emergency_aid')).toEqual({
      programCode: 'emergency_aid',
      year: YEAR,
      applications: 15,
      instant: 0,
      instantPercent: 0,
      channels: [
        { channel: 'county_centre', applications: null, percent: null },
        { channel: 'grid_worker', applications: null, percent: null },
      ],
    });
    // counted, 8 in all: suppressed as the application statistics suppress `received`
    expect(byProgram.get('disability_care')).toMatchObject({
      applications: null,
      channels: [{ channel: 'town_station', applications: null }],
    });
    expect(byProgram.get('dibao_rural')).toMatchObject({ applications: 18, instant: 0, instantPercent: 0 });
  });
});

describe('median days from application to decision', () => {
  it('freezes the median per program, approved and rejected apart; 秒批 counts 0 days; few counted cases are suppressed', async () => {
    expect(
      await rows(
        `select program_code, decision, cases, median_days::float as median from release_decision_time
         where release_id = ? and county_code = '370115' and year = ? order by program_code, decision`,
        [release, YEAR],
      ),
    ).toEqual([
      { program_code: 'dibao_rural', decision: 'approved', cases: 18, median: 28.5 },
      { program_code: 'disability_care', decision: 'approved', cases: 8, median: 30 },
      { program_code: 'emergency_aid', decision: 'rejected', cases: 11, median: 6 },
      { program_code: 'senior_allowance', decision: 'approved', cases: 14, median: 0 },
      { program_code: 'temporary_relief', decision: 'approved', cases: 4, median: 30 },
    ]);
    const { decisionTimes } = await publicQuery<{ decisionTimes: unknown[] }>(TIMES, release);
    expect(decisionTimes).toEqual(
      expect.arrayContaining([
        { programCode: 'dibao_rural', decision: 'approved', year: YEAR, medianDays: 28.5 },
        { programCode: 'disability_care', decision: 'approved', year: YEAR, medianDays: null },
        { programCode: 'emergency_aid', decision: 'rejected', year: YEAR, medianDays: 6 },
        { programCode: 'senior_allowance', decision: 'approved', year: YEAR, medianDays: 0 },
        // listed: never suppressed
        { programCode: 'temporary_relief', decision: 'approved', year: YEAR, medianDays: 30 },
      ]),
    );
    expect(decisionTimes).toHaveLength(5);
  });
});

describe('referrals by department and outcome', () => {
  it('publishes referrals with the amounts granted; small cells are null with their amount', async () => {
    expect(
      await rows(
        `select department, outcome, cases, amount_fen::int as amount from release_referral where release_id = ? order by department, outcome`,
        [release],
      ),
    ).toEqual([
      { department: 'education', outcome: 'pending', cases: 3, amount: 0 },
      { department: 'medical_insurance', outcome: 'granted', cases: 11, amount: 550_000 },
      { department: 'medical_insurance', outcome: 'refused', cases: 1, amount: 0 },
    ]);
    expect((await publicQuery<{ referralFigures: unknown[] }>(REFERRALS, release)).referralFigures).toEqual([
      { department: 'education', outcome: 'pending', year: YEAR, cases: null, amount: null },
      { department: 'medical_insurance', outcome: 'granted', year: YEAR, cases: 11, amount: '5500.00' },
      { department: 'medical_insurance', outcome: 'refused', year: YEAR, cases: null, amount: null },
    ]);
  });

  it('a referral answered after the cut moves no released figure; the next release has it', async () => {
    const referral = await run((em) =>
      referCase(em, ADMIN, { householdId: households[20]!, department: 'medical_insurance', request: '门诊慢病' }),
    );
    await run((em) => recordReferralOutcome(em, ADMIN, { referralId: referral.id, outcome: 'granted', amountFen: 20_000 }));
    const figure = (releaseId: string) =>
      publicQuery<{ referralFigures: { outcome: string; department: string }[] }>(REFERRALS, releaseId).then((d) =>
        d.referralFigures.find((f) => f.department === 'medical_insurance' && f.outcome === 'granted'),
      );
    expect(await figure(release)).toMatchObject({ cases: 11, amount: '5500.00' });
    const next = (await run((em) => cutRelease(em, { createdBy: 'test', note: '更新' }))).id;
    expect(await figure(next)).toMatchObject({ cases: 12, amount: '5700.00' });
  });
});
