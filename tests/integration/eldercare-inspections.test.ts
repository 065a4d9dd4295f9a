import { addDays, today } from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, refused } from '../support/casework.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Safety inspections and the rectification ledger (docs/eldercare.md): hazards fixed on the spot
 * or entered with a deadline and a responsible person; a follow-up (回头看) closes or keeps them
 * open; overdue hazards listed for the county; every step audited, locked and typed.
 */
let db: TestDatabase;
let api: TestApi;
let admin: string;
let facilityId: string;

const INSPECT = `mutation ($input: RecordInspectionInput!) { recordInspection(input: $input) {
  inspection { id inspectedOn jointWithFireBrigade checklist { category passed } hazards { id category state deadline responsible closedOn overdue } }
} }`;
const FOLLOW_UP = `mutation ($input: RecordHazardFollowUpInput!) { recordHazardFollowUp(input: $input) {
  hazard { id state closedOn deadline followUps { visitedOn rectified } }
} }`;
const OVERDUE = `query ($region: String) { overdueHazards(regionCode: $region, first: 50) { totalCount edges { node { id category deadline facility { name } } } } }`;

const count = async (sql: string, params: unknown[] = []) =>
  Number((await db.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from (${sql}) t`, params))[0]!.n);

const daysAgo = (days: number) => addDays(today(), -days);

type Inspected = { recordInspection: { inspection: { id: string; hazards: { id: string; state: string; overdue: boolean }[] } } };

function inspect(hazards: Record<string, unknown>[], inspectedOn = daysAgo(60)) {
  return {
    input: {
      facilityId,
      inspectedOn,
      team: '县民政局、县消防救援大队联合检查组',
      jointWithFireBrigade: true,
      checklist: [
        { category: 'FIRE', passed: false, note: '灭火器过期' },
        { category: 'ELECTRICITY', passed: false },
        { category: 'GAS', passed: true },
        { category: 'FOOD', passed: true },
        { category: 'EVACUATION', passed: true },
        { category: 'EMERGENCY_PLAN', passed: true },
      ],
      hazards,
    },
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  admin = await tokenFor('county_admin', '370115');
  const [village] = await db.orm.em
    .fork()
    .execute<{ code: string }[]>(`select code from region where parent_code = '370115104' order by code limit 1`);
  const data = await ok<{ registerFacility: { facility: { id: string } } }>(
    api,
    admin,
    `mutation ($input: RegisterFacilityInput!) { registerFacility(input: $input) { facility { id } } }`,
    {
      input: { kind: 'PUBLIC_HOME', name: '仁风镇敬老院', operator: '仁风镇人民政府', villageCode: village!.code, openedOn: '2010-05-01' },
    },
  );
  facilityId = data.registerFacility.facility.id;
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('an inspection', () => {
  it('records its checklist and hazards: fixed on the spot (closed that day) or in the ledger; one audit entry', async () => {
    const audited = await count(`select 1 from audit_entry where action = 'recordInspection'`);
    const data = await ok<Inspected>(
      api,
      admin,
      INSPECT,
      inspect([
        { category: 'FIRE', description: '灭火器过期', fixedOnSpot: true },
        {
          category: 'ELECTRICITY',
          description: '私拉电线给电动车充电',
          fixedOnSpot: false,
          deadline: daysAgo(30),
          responsible: '院长 王某',
        },
      ]),
    );
    const hazards = data.recordInspection.inspection.hazards;
    expect(hazards.map((h) => [h.state, h.overdue])).toEqual([
      ['FIXED_ON_SPOT', false],
      ['OPEN', true],
    ]);
    expect(await count(`select 1 from elder_hazard where state = 'fixed_on_spot' and closed_on = found_on`)).toBe(1);
    expect(await count(`select 1 from audit_entry where action = 'recordInspection'`)).toBe(audited + 1);
  });

  it('with a ledger hazard lacking a deadline or a responsible person: TEXT_REQUIRED, no inspection and no hazard written', async () => {
    const inspections = await count(`select 1 from elder_inspection`);
    const hazards = await count(`select 1 from elder_hazard`);
    for (const hazard of [
      { category: 'GAS', description: '燃气软管老化', fixedOnSpot: false, deadline: daysAgo(1) },
      { category: 'GAS', description: '燃气软管老化', fixedOnSpot: false, responsible: '厨师长' },
    ]) {
      const error = await refused(api, admin, INSPECT, inspect([{ category: 'FOOD', description: '留样不全', fixedOnSpot: true }, hazard]));
      expect(error.code).toBe('TEXT_REQUIRED');
    }
    const early = await refused(
      api,
      admin,
      INSPECT,
      inspect([{ category: 'GAS', description: '燃气软管老化', fixedOnSpot: false, deadline: daysAgo(90), responsible: '厨师长' }]),
    );
    expect(early.code).toBe('INVALID_DATE');
    expect(await count(`select 1 from elder_inspection`)).toBe(inspections);
    expect(await count(`select 1 from elder_hazard`)).toBe(hazards);
  });

  it('of a facility outside the caller’s region: NOT_FOUND, nothing written', async () => {
    const clerk = await tokenFor('town_clerk', '370115005');
    const inspections = await count(`select 1 from elder_inspection`);
    const error = await refused(api, clerk, INSPECT, inspect([]));
    expect(error.code).toBe('NOT_FOUND');
    expect(await count(`select 1 from elder_inspection`)).toBe(inspections);
  });
});

describe('a follow-up visit (回头看)', () => {
  async function ledgerHazard(deadline: string): Promise<string> {
    const data = await ok<Inspected>(
      api,
      admin,
      INSPECT,
      inspect(
        [{ category: 'EVACUATION', description: '安全出口堆放杂物', fixedOnSpot: false, deadline, responsible: '后勤主管' }],
        daysAgo(20),
      ),
    );
    return data.recordInspection.inspection.hazards[0]!.id;
  }

  it('before the hazard was found: INVALID_DATE, the hazard still open and no follow-up written', async () => {
    const id = await ledgerHazard(daysAgo(5));
    const error = await refused(api, admin, FOLLOW_UP, { input: { hazardId: id, visitedOn: daysAgo(21), rectified: true } });
    expect(error.code).toBe('INVALID_DATE');
    expect(await count(`select 1 from elder_hazard where id = ? and state = 'open' and closed_on is null`, [id])).toBe(1);
    expect(await count(`select 1 from elder_hazard_follow_up where hazard_id = ?`, [id])).toBe(0);
  });

  it('not rectified keeps the hazard open with its new deadline; rectified closes it; a closed hazard takes no follow-up', async () => {
    const id = await ledgerHazard(daysAgo(10));
    const open = await ok<{ recordHazardFollowUp: { hazard: { state: string; deadline: string } } }>(api, admin, FOLLOW_UP, {
      input: { hazardId: id, visitedOn: daysAgo(9), rectified: false, note: '仍有杂物', newDeadline: daysAgo(2) },
    });
    expect(open.recordHazardFollowUp.hazard).toMatchObject({ state: 'OPEN', deadline: daysAgo(2) });
    const closed = await ok<{ recordHazardFollowUp: { hazard: { state: string; closedOn: string; followUps: unknown[] } } }>(
      api,
      admin,
      FOLLOW_UP,
      { input: { hazardId: id, visitedOn: daysAgo(1), rectified: true } },
    );
    expect(closed.recordHazardFollowUp.hazard).toMatchObject({ state: 'RECTIFIED', closedOn: daysAgo(1) });
    expect(closed.recordHazardFollowUp.hazard.followUps).toHaveLength(2);
    const again = await refused(api, admin, FOLLOW_UP, { input: { hazardId: id, visitedOn: today(), rectified: true } });
    expect(again.code).toBe('TRANSITION_NOT_ALLOWED');
    expect(await count(`select 1 from elder_hazard_follow_up where hazard_id = ?`, [id])).toBe(2);
    expect(await count(`select 1 from audit_entry where action = 'recordHazardFollowUp' and entity_id = ?`, [id])).toBe(2);
  });

  it('sent many times at once closes the hazard once: one follow-up row, one audit entry', async () => {
    const id = await ledgerHazard(daysAgo(3));
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.query('/graphql', FOLLOW_UP, { token: admin, variables: { input: { hazardId: id, visitedOn: today(), rectified: true } } }),
      ),
    );
    expect(answers.filter((a) => !a.errors).length).toBe(1);
    expect(answers.filter((a) => a.errors?.[0]?.extensions?.['code'] === 'TRANSITION_NOT_ALLOWED').length).toBe(7);
    expect(await count(`select 1 from elder_hazard_follow_up where hazard_id = ?`, [id])).toBe(1);
    expect(await count(`select 1 from audit_entry where action = 'recordHazardFollowUp' and entity_id = ?`, [id])).toBe(1);
  });
});

describe('overdue hazards', () => {
  it('are the open ones past their deadline, listed for the county and not for another town', async () => {
    const data = await ok<Inspected>(
      api,
      admin,
      INSPECT,
      inspect(
        [
          { category: 'FOOD', description: '食品留样不足48小时', fixedOnSpot: false, deadline: daysAgo(3), responsible: '食堂负责人' },
          {
            category: 'EMERGENCY_PLAN',
            description: '应急预案未演练',
            fixedOnSpot: false,
            deadline: addDays(today(), 10),
            responsible: '院长',
          },
        ],
        daysAgo(15),
      ),
    );
    const [late, notYet] = data.recordInspection.inspection.hazards;
    const overdue = await ok<{ overdueHazards: { edges: { node: { id: string } }[] } }>(api, admin, OVERDUE, {});
    const ids = overdue.overdueHazards.edges.map((e) => e.node.id);
    expect(ids).toContain(late!.id);
    expect(ids).not.toContain(notYet!.id);
    const expected = await count(`select 1 from elder_hazard where state = 'open' and deadline < ?`, [today()]);
    expect(ids).toHaveLength(expected);
    const otherTown = await ok<{ overdueHazards: { totalCount: number } }>(api, await tokenFor('town_clerk', '370115005'), OVERDUE, {});
    expect(otherTown.overdueHazards.totalCount).toBe(0);
  });
});
