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
  setStandard,
  submitApplication,
  today,
  verifyApplication,
  type Actor,
  type EntityManager,
  type FeedKind,
} from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberFor, ok, refused } from '../support/casework.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { ADMIN } from '../support/ledger-fixture.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Cross-check runs: each rule finds its planted cases and nothing else; runs at once raise each
 * hit once; a death in the feed stops pay from the next month through the hit workflow.
 */
let db: TestDatabase;
let api: TestApi;
let admin = '';
const ZHANGQIU: Actor = { subject: 'fixture', role: 'county_admin', regionCode: '370114' };
const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);
const rows = <T>(sql: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(sql, params);

interface Planted {
  householdId: number;
  enrollmentId: number;
  personIds: number[];
  idNumbers: string[];
}
const planted: Record<string, Planted> = {};

async function villageOf(town: string): Promise<string> {
  return (await rows<{ code: string }>(`select code from region where parent_code = ? order by code limit 1`, [town]))[0]!.code;
}

/** A household registered and enrolled (applied, verified, publicized, approved from 2026-01). */
async function enrolled(
  actor: Actor,
  village: string,
  births: string[],
  options: { programCode?: string; disabilityLevel?: number; personProgram?: boolean } = {},
): Promise<Planted> {
  const county = village.slice(0, 6);
  const idNumbers = births.map((b) => idNumberFor(b, county));
  const household = await run((em) =>
    registerHousehold(em, actor, {
      villageCode: village,
      areaType: 'rural',
      startDate: '2020-01-01',
      members: idNumbers.map((idNumber, i) => ({
        idNumber,
        name: ['王建国', '李秀兰', '王小军'][i]!,
        relation: i === 0 ? ('head' as const) : i === 1 ? ('spouse' as const) : ('child' as const),
        disabilityLevel: i === 0 ? (options.disabilityLevel ?? null) : null,
        disabilityCategory: i === 0 && options.disabilityLevel ? '肢体' : null,
      })),
    }),
  );
  const personIds = (
    await rows<{ id: number }>('select person_id as id from household_member where household_id = ? order by id', [household.id])
  ).map((p) => p.id);
  const programCode = options.programCode ?? 'dibao_rural';
  const application = await run((em) =>
    submitApplication(em, actor, {
      householdId: household.id,
      programCode,
      personId: options.personProgram ? personIds[0]! : null,
      channel: 'town_station',
      appliedOn: addDays(today(), -20),
    }),
  );
  await run((em) => acceptApplication(em, actor, application.id));
  await run((em) => verifyApplication(em, actor, { applicationId: application.id, incomes: [] }));
  await run((em) => investigateApplication(em, actor, application.id, '入户核实'));
  await run((em) => publicizeApplication(em, actor, application.id, addDays(today(), -10)));
  const { enrollment } = await run((em) => approveApplication(em, actor, { applicationId: application.id, startMonth: '2026-01' }));
  return { householdId: household.id, enrollmentId: enrollment!.id, personIds, idNumbers };
}

async function feed(kind: FeedKind, header: string, lines: string[], deliveredOn = '2026-04-01') {
  const report = await run((em) =>
    loadFeed(em, ADMIN, {
      countyCode: '370115',
      kind,
      deliveredOn,
      fileName: `${kind}.csv`,
      content: Buffer.from([header, ...lines].join('\n')),
    }),
  );
  expect(report.problems).toEqual([]);
}

const RUN = `mutation ($input: RunCrossCheckInput!) { runCrossCheck(input: $input) { id hitCount newHitCount rules { code version found added } } }`;
const HITS = `query ($region: String, $status: CrossCheckStatus, $rule: String) {
  crossCheckHits(regionCode: $region, status: $status, ruleCode: $rule, first: 100) {
    totalCount edges { node { id ruleCode ruleVersion evidence status dueOn overdue recovered stopMonth enrollment { id } household { id } } }
  }
}`;
const DECIDE = `mutation ($input: DecideCrossCheckHitInput!) {
  decideCrossCheckHit(input: $input) { hit { id status stopMonth recovered outcomeReason decidedOn newEnrollment { id coveredMembers startMonth } } }
}`;
interface HitNode {
  id: string;
  ruleCode: string;
  evidence: string;
  status: string;
  dueOn: string;
  overdue: boolean;
  recovered: string;
  enrollment: { id: string };
  household: { id: string };
}
const hits = async (token: string, variables: Record<string, unknown> = {}) =>
  (await ok<{ crossCheckHits: { totalCount: number; edges: { node: HitNode }[] } }>(api, token, HITS, variables)).crossCheckHits.edges.map(
    (e) => e.node,
  );

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  admin = await tokenFor('county_admin', '370115');
  for (const [actor, county] of [
    [ADMIN, '370115'],
    [ZHANGQIU, '370114'],
  ] as const) {
    for (const [programCode, amountFen] of [
      ['dibao_rural', 70000],
      ['disability_care', 10000],
    ] as const) {
      await run((em) =>
        setStandard(em, actor, { programCode, countyCode: county, areaType: 'rural', effectiveMonth: '2025-01', amountFen }),
      );
    }
  }
  const renfeng = await villageOf('370115104');
  const other = await villageOf('370115005');
  planted['deceased_paid'] = await enrolled(ADMIN, renfeng, ['1948-03-03']);
  planted['disability_lowered'] = await enrolled(ADMIN, renfeng, ['1966-04-04'], {
    programCode: 'disability_care',
    disabilityLevel: 1,
    personProgram: true,
  });
  planted['income_above_line'] = await enrolled(ADMIN, other, ['1958-05-05', '1960-06-06']);
  planted['vehicle'] = await enrolled(ADMIN, other, ['1975-07-07', '1977-08-08']);
  planted['property'] = await enrolled(ADMIN, renfeng, ['1970-09-09', '1972-10-10']);
  planted['excluded_pair'] = await enrolled(ADMIN, renfeng, ['1950-11-11']);
  planted['duplicate_county'] = await enrolled(ADMIN, other, ['1980-01-21', '1982-02-22']);
  const clean = await enrolled(ADMIN, renfeng, ['1955-12-12', '1957-12-13'], {});
  const cleanCare = await enrolled(ADMIN, other, ['1968-02-02'], {
    programCode: 'disability_care',
    disabilityLevel: 2,
    personProgram: true,
  });
  // 特困 for the same person as a 低保 household (as an import of old records left it: written directly)
  await rows(
    `insert into enrollment (program_code, household_id, person_id, county_code, village_code, area_type, amount_rule, covered_members, start_month)
     select 'tekun_dispersed', household_id, ?, county_code, village_code, area_type, 'standard', 1, '2026-02-01' from enrollment where id = ?`,
    [planted['excluded_pair'].personIds[0], planted['excluded_pair'].enrollmentId],
  );
  // the spouse moved to a 低保 household of 章丘区 and is still counted in 济阳区
  const zhangqiu = await enrolled(ZHANGQIU, await villageOf('370114001'), ['1956-03-03']);
  const mover = planted['duplicate_county'].personIds[1]!;
  await rows(`update household_member set end_date = '2026-02-10' where person_id = ?`, [mover]);
  await rows(`insert into household_member (household_id, person_id, relation, start_date) values (?, ?, 'spouse', '2026-02-11')`, [
    zhangqiu.householdId,
    mover,
  ]);

  for (const month of ['2026-01', '2026-02', '2026-03']) {
    for (const programCode of ['dibao_rural', 'disability_care']) {
      const batch = await run((em) => generatePayroll(em, ADMIN, { countyCode: '370115', programCode, month }));
      await run((em) => approvePayroll(em, ADMIN, batch.id));
    }
  }

  await feed('death', '身份证号,死亡日期', [
    `${planted['deceased_paid'].idNumbers[0]},2026-01-20`,
    `${idNumberFor('1930-01-01')},2026-02-01`,
  ]);
  await feed('disability', '身份证号,残疾等级', [`${planted['disability_lowered'].idNumbers[0]},三级`, `${cleanCare.idNumbers[0]},二级`]);
  await feed('pension', '身份证号,类别,月金额', [
    `${planted['income_above_line'].idNumbers[0]},养老金,1600.00`,
    `${clean.idNumbers[0]},养老金,300.00`,
  ]);
  await feed('vehicle', '身份证号,号牌号码', [`${planted['vehicle'].idNumbers[1]},鲁A8K123`]);
  await feed('real_estate', '身份证号,不动产权证号', [
    `${planted['property'].idNumbers[0]},鲁(2019)济阳区不动产权第0001号`,
    `${planted['property'].idNumbers[1]},鲁(2021)济阳区不动产权第0002号`,
    `${clean.idNumbers[0]},鲁(2015)济阳区不动产权第0003号`,
  ]);
  // an older vehicle delivery is superseded by the later one
  await feed('vehicle', '身份证号,号牌号码', [`${clean.idNumbers[1]},鲁A00001`], '2026-03-01');
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('a cross-check run', () => {
  it('raises each finding once when runs of the county go at the same time', async () => {
    const runs = await Promise.all(
      Array.from({ length: 6 }, () =>
        ok<{ runCrossCheck: { hitCount: number; newHitCount: number } }>(api, admin, RUN, {
          input: { countyCode: '370115', month: '2026-03' },
        }),
      ),
    );
    expect(runs.map((r) => r.runCrossCheck.hitCount)).toEqual(Array(6).fill(7));
    expect(runs.reduce((sum, r) => sum + r.runCrossCheck.newHitCount, 0)).toBe(7);
    expect(
      await rows(`select count(*)::int as n, count(distinct (rule_code, enrollment_id, person_id))::int as d from cross_check_hit`),
    ).toEqual([{ n: 7, d: 7 }]);
    expect(await rows(`select count(*)::int as n from audit_entry where action = 'runCrossCheck'`)).toEqual([{ n: 6 }]);
  });

  it('finds each rule’s planted cases and nothing else', async () => {
    const found = await rows<{ rule_code: string; enrollment_id: number; person_id: number; evidence: string }>(
      `select rule_code, enrollment_id, person_id, evidence from cross_check_hit order by rule_code, enrollment_id`,
    );
    const expected = [
      ['deceased_paid', planted['deceased_paid']!, 0],
      ['disability_lowered', planted['disability_lowered']!, 0],
      ['duplicate_county', planted['duplicate_county']!, 1],
      ['excluded_pair', planted['excluded_pair']!, 0],
      ['income_above_line', planted['income_above_line']!, 0],
      ['vehicle_or_property', planted['vehicle']!, 1],
      ['vehicle_or_property', planted['property']!, 0],
    ] as const;
    expect(found.map((f) => [f.rule_code, f.person_id])).toEqual(
      expected
        .map(([rule, p, member]) => [rule, p.personIds[member]!, p.enrollmentId] as const)
        .sort((a, b) => a[0].localeCompare(b[0]) || a[2] - b[2])
        .map(([rule, person]) => [rule, person]),
    );
    const excluded = found.find((f) => f.rule_code === 'excluded_pair')!;
    expect(excluded.enrollment_id).not.toBe(planted['excluded_pair']!.enrollmentId); // the later of the pair
    expect(found.find((f) => f.rule_code === 'deceased_paid')!.evidence).toBe('死亡日期 2026-01-20');
    for (const f of found) expect(f.evidence).not.toMatch(/\d{17}[\dX]/);
  });

  it('shows staff the hits of their region only', async () => {
    const clerk = await tokenFor('town_clerk', '370115104');
    const town = await hits(clerk);
    expect(town.length).toBeGreaterThan(0);
    expect(town.every((h) => h.enrollment.id !== String(planted['vehicle']!.enrollmentId))).toBe(true);
    expect(await hits(admin)).toHaveLength(7);
    expect((await refused(api, clerk, RUN, { input: { countyCode: '370115', month: '2026-03' } })).code).toBe('FORBIDDEN');
  });

  it('stops pay from the month after a death in the feed, takes back what was paid since, and raises the hit no more', async () => {
    const family = planted['deceased_paid']!;
    const [hit] = await hits(admin, { rule: 'deceased_paid' });
    expect(hit).toMatchObject({ status: 'OPEN', overdue: false, dueOn: addDays(today(), 30) });
    const decided = await ok<{ decideCrossCheckHit: { hit: { status: string; stopMonth: string; recovered: string } } }>(
      api,
      admin,
      DECIDE,
      {
        input: { hitId: hit!.id, outcome: 'STOP', reason: '公安死亡数据核实', recover: true },
      },
    );
    expect(decided.decideCrossCheckHit.hit).toMatchObject({ status: 'STOPPED', stopMonth: '2026-02', recovered: '1400.00' });
    expect(
      await rows(
        `select to_char(month, 'YYYY-MM') as month, sum(amount_fen)::int as net from payment where enrollment_id = ? group by month order by month`,
        [family.enrollmentId],
      ),
    ).toEqual([
      { month: '2026-01', net: 70000 },
      { month: '2026-02', net: 0 },
      { month: '2026-03', net: 0 },
    ]);
    expect(
      await rows(`select status, to_char(end_month, 'YYYY-MM') as end_month, exit_reason from enrollment where id = ?`, [
        family.enrollmentId,
      ]),
    ).toEqual([{ status: 'ended', end_month: '2026-01', exit_reason: 'deceased' }]);
    expect(await rows(`select to_char(deceased_on, 'YYYY-MM-DD') as d from person where id = ?`, [family.personIds[0]])).toEqual([
      { d: '2026-01-20' },
    ]);
    const batch = await run((em) => generatePayroll(em, ADMIN, { countyCode: '370115', programCode: 'dibao_rural', month: '2026-04' }));
    expect(
      await rows(`select count(*)::int as n from payment where batch_id = ? and household_id = ?`, [batch.id, family.householdId]),
    ).toEqual([{ n: 0 }]);
    expect(
      (
        await rows<{ action: string }>(
          `select action from audit_entry where action in ('decideCrossCheckHit', 'recordDeath', 'recordRecovery')`,
        )
      )
        .map((a) => a.action)
        .sort(),
    ).toEqual(['decideCrossCheckHit', 'recordDeath', 'recordRecovery', 'recordRecovery']);
    expect((await refused(api, admin, DECIDE, { input: { hitId: hit!.id, outcome: 'DISMISS', reason: '再次' } })).code).toBe('HIT_DECIDED');
    const again = await ok<{ runCrossCheck: { newHitCount: number; rules: { code: string; found: number }[] } }>(api, admin, RUN, {
      input: { countyCode: '370115', month: '2026-04' },
    });
    expect(again.runCrossCheck.newHitCount).toBe(0);
    expect(again.runCrossCheck.rules.find((r) => r.code === 'deceased_paid')!.found).toBe(0);
  });

  it('adjusts from a month, and dismisses only with a reason', async () => {
    const [income] = await hits(admin, { rule: 'income_above_line' });
    const adjusted = await ok<{
      decideCrossCheckHit: { hit: { status: string; newEnrollment: { coveredMembers: number; startMonth: string } } };
    }>(api, admin, DECIDE, {
      input: { hitId: income!.id, outcome: 'ADJUST', reason: '养老金计入收入', fromMonth: '2026-05', perCapitaIncome: '500.00' },
    });
    expect(adjusted.decideCrossCheckHit.hit).toMatchObject({
      status: 'ADJUSTED',
      newEnrollment: { coveredMembers: 2, startMonth: '2026-05' },
    });
    expect(
      await rows(`select status, to_char(end_month, 'YYYY-MM') as end_month from enrollment where id = ?`, [
        planted['income_above_line']!.enrollmentId,
      ]),
    ).toEqual([{ status: 'ended', end_month: '2026-04' }]);
    const [vehicle] = await hits(admin, { rule: 'vehicle_or_property', status: 'OPEN' });
    expect((await refused(api, admin, DECIDE, { input: { hitId: vehicle!.id, outcome: 'DISMISS', reason: ' ' } })).code).toBe(
      'TEXT_REQUIRED',
    );
    await ok(api, admin, DECIDE, { input: { hitId: vehicle!.id, outcome: 'DISMISS', reason: '车辆已于2025年转让，交管数据未更新' } });
    expect(await rows(`select status, outcome_reason from cross_check_hit where id = ?`, [Number(vehicle!.id)])).toEqual([
      { status: 'dismissed', outcome_reason: '车辆已于2025年转让，交管数据未更新' },
    ]);
  });
});
