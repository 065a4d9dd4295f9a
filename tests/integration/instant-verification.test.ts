import {
  acceptApplication,
  addDays,
  loadFeed,
  registerHousehold,
  setStandard,
  submitApplication,
  today,
  type EntityManager,
} from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberFor, ok, refused, VERIFY } from '../support/casework.js';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { ADMIN } from '../support/ledger-fixture.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Instant 核对: the feeds' report on each member at verification, confirmed or overridden, feeds the calculator's property rules. */
let db: TestDatabase;
let api: TestApi;
let admin = '';
let village = '';
const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);
const rows = <T>(sql: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(sql, params);

const REPORT = `query ($id: ID!) { feedReport(applicationId: $id) { ownsVehicle extraHousing members { personId vehicles properties businesses pensionMonthly disabilityLevel diedOn } } }`;
const CHECK = `mutation ($input: CheckFeedReportInput!) { checkFeedReport(input: $input) { check { confirmed ownsVehicle extraHousing overrideReason } } }`;

/** An accepted 低保 application of a two-member household: a car on the spouse, two flats on the head. */
async function acceptedWithCarAndFlats(deliveredOn: string) {
  const ids = [idNumberFor('1968-04-04'), idNumberFor('1970-05-05')];
  const household = await run((em) =>
    registerHousehold(em, ADMIN, {
      villageCode: village,
      areaType: 'rural',
      members: [
        { idNumber: ids[0]!, name: '赵立新', relation: 'head' },
        { idNumber: ids[1]!, name: '钱美华', relation: 'spouse' },
      ],
    }),
  );
  for (const [kind, text] of [
    ['vehicle', `身份证号,号牌号码\n${ids[1]},鲁A5T${deliveredOn.slice(8)}1\n`],
    ['real_estate', `身份证号,不动产权证号\n${ids[0]},第${deliveredOn}-1号\n${ids[0]},第${deliveredOn}-2号\n`],
  ] as const) {
    await run((em) =>
      loadFeed(em, ADMIN, { countyCode: '370115', kind, deliveredOn, fileName: `${kind}.csv`, content: Buffer.from(text) }),
    );
  }
  const application = await run((em) =>
    submitApplication(em, ADMIN, {
      householdId: household.id,
      programCode: 'dibao_rural',
      channel: 'town_station',
      appliedOn: addDays(today(), -3),
    }),
  );
  await run((em) => acceptApplication(em, ADMIN, application.id));
  return String(application.id);
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
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('instant 核对', () => {
  it('reports what each feed says about each member, and a confirmed report makes the calculator refuse for the car and the second flat', async () => {
    const id = await acceptedWithCarAndFlats(addDays(today(), -2));
    const { feedReport } = await ok<{ feedReport: { ownsVehicle: boolean; extraHousing: boolean; members: Record<string, unknown>[] } }>(
      api,
      admin,
      REPORT,
      {
        id,
      },
    );
    expect(feedReport).toMatchObject({ ownsVehicle: true, extraHousing: true });
    expect(feedReport.members.map((m) => [m['vehicles'], m['properties'], m['pensionMonthly'], m['diedOn']])).toEqual([
      [0, 2, '0.00', null],
      [1, 0, '0.00', null],
    ]);
    await ok(api, admin, CHECK, { input: { applicationId: id, confirm: true } });
    const verified = await ok<{ verifyApplication: { application: { assessedAmount: string } } }>(api, admin, VERIFY, {
      input: { applicationId: id, incomes: [] },
    });
    expect(verified.verifyApplication.application.assessedAmount).toBe('0.00');
    expect(await rows(`select action from audit_entry where entity = 'feed_check'`)).toEqual([{ action: 'confirmFeedReport' }]);
  });

  it('lets the caseworker override the facts with a reason, audited, and the calculator takes the override', async () => {
    const id = await acceptedWithCarAndFlats(addDays(today(), -1));
    expect((await refused(api, admin, CHECK, { input: { applicationId: id, confirm: false, ownsVehicle: false } })).code).toBe(
      'TEXT_REQUIRED',
    );
    const { checkFeedReport } = await ok<{ checkFeedReport: { check: Record<string, unknown> } }>(api, admin, CHECK, {
      input: {
        applicationId: id,
        confirm: false,
        ownsVehicle: false,
        extraHousing: false,
        overrideReason: '车辆已过户，第二套为拆迁安置房',
      },
    });
    expect(checkFeedReport.check).toEqual({
      confirmed: false,
      ownsVehicle: false,
      extraHousing: false,
      overrideReason: '车辆已过户，第二套为拆迁安置房',
    });
    const verified = await ok<{ verifyApplication: { application: { assessedAmount: string } } }>(api, admin, VERIFY, {
      input: { applicationId: id, incomes: [] },
    });
    expect(verified.verifyApplication.application.assessedAmount).toBe('1400.00');
    const audit = await rows<{ action: string; after: { facts: unknown[] } }>(
      `select action, after from audit_entry where action = 'overrideFeedReport'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after.facts).toHaveLength(2);
  });
});
