import {
  acceptApplication,
  addDays,
  approveApplication,
  cutRelease,
  investigateApplication,
  publicizeApplication,
  submitApplication,
  today,
  verifyApplication,
  verifyRelease,
  type EntityManager,
} from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { ADMIN, buildLedger } from '../support/ledger-fixture.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Issue 18: 公示 on the site. A release freezes the applications under public notice on its as-of
 * date — listed programs only, the head's name masked as the 幸福清单 masks it — and the public
 * API serves them per town, page by page; a notice that has closed is in no later release.
 */
let db: TestDatabase;
let api: TestApi;
const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);
const ids: Record<string, number> = {};

interface Notice {
  villageCode: string;
  maskedName: string;
  householdSize: number;
  programCode: string;
  programName: string;
  proposedAmount: string | null;
  publicityStart: string;
  publicityEnd: string;
}
type Page = { publicity: { edges: { cursor: string; node: Notice }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
const PAGE = `query ($t: String!, $r: ID, $first: Int, $after: String) { publicity(townCode: $t, releaseId: $r, first: $first, after: $after) {
  edges { cursor node { villageCode maskedName householdSize programCode programName proposedAmount publicityStart publicityEnd } }
  pageInfo { hasNextPage endCursor } } }`;

async function notices(town: string, release?: string, first = 1): Promise<Notice[]> {
  const out: Notice[] = [];
  let after: string | null = null;
  for (;;) {
    const answer: { data?: Page; errors?: unknown } = await api.query<Page>('/public/graphql', PAGE, {
      variables: { t: town, r: release ?? null, first, after },
    });
    expect(answer.errors).toBeUndefined();
    out.push(...answer.data!.publicity.edges.map((e) => e.node));
    if (!answer.data!.publicity.pageInfo.hasNextPage) return out;
    after = answer.data!.publicity.pageInfo.endCursor;
  }
}

/** An application taken to 公示 starting `daysAgo` days ago. */
async function onNotice(householdId: number, programCode: string, daysAgo: number, requestedAmountFen?: number): Promise<number> {
  const application = await run((em) =>
    submitApplication(em, ADMIN, { householdId, programCode, channel: 'town_station', appliedOn: addDays(today(), -daysAgo - 20) }),
  );
  await run((em) => acceptApplication(em, ADMIN, application.id));
  await run((em) =>
    verifyApplication(em, ADMIN, {
      applicationId: application.id,
      incomes: [],
      ...(requestedAmountFen ? { requestedAmountFen } : {}),
    }),
  );
  await run((em) => investigateApplication(em, ADMIN, application.id, '入户核实'));
  await run((em) => publicizeApplication(em, ADMIN, application.id, addDays(today(), -daysAgo)));
  return application.id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  await buildLedger(db.orm, { households: 12 });
  api = await startTestApi(db.orm);
  const households = await db.orm.em.fork().execute<{ id: number }[]>(`select id from household order by id`);
  const h = (i: number) => households[i]!.id;
  // households 3, 7 and 11 have no 低保 (the fixture leaves every fourth out)
  ids['open104'] = await onNotice(h(7), 'dibao_rural', 2); // 370115104, on notice
  ids['open005'] = await onNotice(h(3), 'dibao_rural', 0); // 370115005, posted today
  ids['closed'] = await onNotice(h(11), 'dibao_rural', 9); // 370115104, notice over, not yet approved
  ids['relief'] = await onNotice(h(1), 'temporary_relief', 1, 80000); // 370115104, on notice
}, 180_000);

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('a release', () => {
  it('freezes the applications of listed programs on notice on its as-of date, the head’s name masked as in the 幸福清单', async () => {
    const release = (await run((em) => cutRelease(em, { createdBy: 'test' }))).id;
    const em = db.orm.em.fork();
    const frozen = await em.execute<
      { application_id: number; town_code: string; masked_name: string; head: string; household_size: number }[]
    >(
      `select n.application_id, n.town_code, n.masked_name, n.household_size,
              (select mask_name(pe.name) from household_member hm join person pe on pe.id = hm.person_id
               where hm.household_id = a.household_id and hm.relation = 'head' and hm.end_date is null) as head
       from release_publicity n join application a on a.id = n.application_id where n.release_id = ? order by n.application_id`,
      [release],
    );
    expect(frozen.map((f) => f.application_id).sort()).toEqual([ids['open104'], ids['open005'], ids['relief']].sort());
    for (const f of frozen) {
      expect(f.masked_name).toBe(f.head);
      expect(f.masked_name).toMatch(/^\p{Script=Han}+\*+\p{Script=Han}?$/u);
      expect(f.household_size).toBe(2);
    }
    expect(await verifyRelease(em, release)).toEqual([]);
  });

  it('publishes no application of a program counted only, on notice or not', async () => {
    const em = db.orm.em.fork();
    await em.execute(`update program set disclosure = 'counted' where code = 'temporary_relief'`);
    try {
      const release = (await run((tx) => cutRelease(tx, { createdBy: 'test' }))).id;
      const codes = await em.execute<{ program_code: string }[]>(`select program_code from release_publicity where release_id = ?`, [
        release,
      ]);
      expect(codes.map((c) => c.program_code)).toEqual(['dibao_rural', 'dibao_rural']);
      expect((await notices('370115104', release)).map((n) => n.programCode)).toEqual(['dibao_rural']);
    } finally {
      await em.execute(`update program set disclosure = 'listed' where code = 'temporary_relief'`);
    }
  });
});

describe('the public publicity query', () => {
  it('serves a town’s notices page by page, and the release’s answer stays when the case moves on; the next release drops a closed notice', async () => {
    const release = (await run((em) => cutRelease(em, { createdBy: 'test' }))).id;
    const town = await notices('370115104', release);
    expect(town.map((n) => n.programCode).sort()).toEqual(['dibao_rural', 'temporary_relief']);
    const relief = town.find((n) => n.programCode === 'temporary_relief')!;
    expect(relief).toMatchObject({
      householdSize: 2,
      programName: '临时救助',
      proposedAmount: '800.00',
      publicityStart: addDays(today(), -1),
      publicityEnd: addDays(today(), 6),
    });
    expect(await notices('370115005', release, 50)).toHaveLength(1);
    expect(await notices('370115001', release)).toEqual([]);

    // the notice closes and the case is approved: the release still shows what it froze, a new one does not
    await db.orm.em
      .fork()
      .execute(`update application set publicity_start = publicity_start - 7, publicity_end = publicity_end - 7 where id = ?`, [
        ids['relief'],
      ]);
    await run((em) => approveApplication(em, ADMIN, { applicationId: ids['relief']!, startMonth: today().slice(0, 7) }));
    expect(await notices('370115104', release)).toEqual(town);
    const next = (await run((em) => cutRelease(em, { createdBy: 'test' }))).id;
    expect((await notices('370115104', next)).map((n) => n.programCode)).toEqual(['dibao_rural']);
  });

  it('refuses anything but a town code, a page size outside 1–50 and a cursor it did not give out', async () => {
    for (const [variables, code] of [
      [{ t: '370115' }, 'INVALID_REGION_CODE'],
      [{ t: '370115104', first: 51 }, 'INVALID_PAGE_SIZE'],
      [{ t: '370115104', after: 'bm90LWEtY3Vyc29y' }, 'INVALID_CURSOR'],
    ] as const) {
      const answer = await api.query('/public/graphql', PAGE, { variables });
      expect(answer.errors?.[0]?.extensions?.['code'], JSON.stringify(variables)).toBe(code);
    }
  });
});
