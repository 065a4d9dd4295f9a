import { addDays, approvePayroll, cutRelease, generatePayroll, today, type EntityManager } from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type GraphQLResponse, type TestApi } from '../support/graphql-client.js';
import { ADMIN, buildLedger, type LedgerFixture } from '../support/ledger-fixture.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Issue 15: countyHappinessList returned a whole county's 幸福清单 (~18,000 masked rows) in one
 * answer, for any released month. The rule (docs/disclosure.md): the 幸福清单 is served per
 * village, for the month a release lists (its latest released month of the county), page by page
 * with a bounded page size; there is no county-wide or bulk query.
 */
let db: TestDatabase;
let api: TestApi;
let fixture: LedgerFixture;
let first: string;
let second: string;
const asOf = addDays(today(), 40);
const thisMonth = today().slice(0, 7);
const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);

interface Node {
  publicId: string;
  maskedName: string;
  villageCode: string;
  programs: { programCode: string }[];
}
interface Page {
  happinessList: { edges: { cursor: string; node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const PAGE = `query ($v: String!, $m: Month!, $r: ID, $first: Int, $after: String) {
  happinessList(villageCode: $v, month: $m, releaseId: $r, first: $first, after: $after) {
    edges { cursor node { publicId maskedName villageCode programs { programCode } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const page = (variables: Record<string, unknown>) => api.query<Page>('/public/graphql', PAGE, { variables });
const code = (answer: Pick<GraphQLResponse, 'errors'>) => answer.errors?.[0]?.extensions?.['code'];

async function all(village: string, month: string, size: number, releaseId?: string): Promise<{ nodes: Node[]; requests: number }> {
  const nodes: Node[] = [];
  let after: string | null = null;
  for (let requests = 1; ; requests++) {
    const answer = await page({ v: village, m: month, r: releaseId ?? null, first: size, after });
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    const list = answer.data!.happinessList;
    expect(list.edges.length).toBeLessThanOrEqual(size);
    nodes.push(...list.edges.map((e) => e.node));
    if (!list.pageInfo.hasNextPage) return { nodes, requests };
    expect(list.pageInfo.endCursor).toBe(list.edges.at(-1)!.cursor);
    after = list.pageInfo.endCursor;
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.orm);
  fixture = await buildLedger(db.orm);
  first = (await run((em) => cutRelease(em, { createdBy: 'test', note: '一', asOf }))).id;
  // 低保 paid this month too: the next release lists every 低保 household in this month
  const batch = await run((em) => generatePayroll(em, ADMIN, { countyCode: '370115', programCode: 'dibao_rural', month: thisMonth }));
  await run((em) => approvePayroll(em, ADMIN, batch.id));
  second = (await run((em) => cutRelease(em, { createdBy: 'test', note: '二', asOf }))).id;
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('the 幸福清单 through the public API', () => {
  it('has no county-wide query any more', async () => {
    const answer = await api.query('/public/graphql', `{ countyHappinessList(countyCode: "370115", month: "${thisMonth}") { publicId } }`);
    expect(code(answer)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('pages through a village: every household once, in public id order, the same rows whatever the page size', async () => {
    for (const village of fixture.villages) {
      const whole = await all(village, thisMonth, 50);
      expect(whole.requests).toBe(1);
      const oneByOne = await all(village, thisMonth, 1);
      expect(oneByOne.nodes).toEqual(whole.nodes);
      expect(oneByOne.requests).toBe(Math.max(whole.nodes.length, 1));
      const ids = whole.nodes.map((n) => n.publicId);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual(ids);
      for (const node of whole.nodes) {
        expect(node.villageCode).toBe(village);
        expect(node.maskedName).toContain('*');
      }
    }
    const households = (await Promise.all(fixture.villages.map((v) => all(v, thisMonth, 50)))).flatMap((r) => r.nodes);
    const [ledger] = await db.orm.em
      .fork()
      .execute<{ n: number }[]>(
        `select count(distinct household_id)::int as n from payment p join program g on g.code = p.program_code and g.disclosure = 'listed' where month = ?::date`,
        [`${thisMonth}-01`],
      );
    expect(households).toHaveLength(ledger!.n);
    expect(households.length).toBeGreaterThan(10);
  });

  it.each([0, -1, 51, 1000])('refuses a page size of %i with INVALID_PAGE_SIZE', async (size) => {
    const answer = await page({ v: fixture.villages[0], m: thisMonth, first: size });
    expect(code(answer)).toBe('INVALID_PAGE_SIZE');
  });

  it.each([
    ['garbage', 'not a cursor'],
    ['another API’s', Buffer.from('id:1').toString('base64url')],
    ['an upper-case id', Buffer.from('pid:ABCDEFGHJK').toString('base64url')],
    ['an overlong one', 'x'.repeat(65)],
  ])('refuses %s cursor with INVALID_CURSOR', async (_what, after) => {
    const answer = await page({ v: fixture.villages[0], m: thisMonth, first: 5, after });
    expect(code(answer)).toBe('INVALID_CURSOR');
  });

  it('lists only the month a release lists (its latest of the county); an earlier release lists its own', async () => {
    const earlier = await page({ v: fixture.villages[0], m: fixture.months[1], first: 5 });
    expect(code(earlier)).toBe('NOT_FOUND');
    expect(earlier.errors?.[0]?.extensions?.['month']).toBe(thisMonth); // the month it lists
    const unreleased = await page({ v: fixture.villages[0], m: asOf.slice(0, 7), first: 5 });
    expect(code(unreleased)).toBe('NOT_FOUND');
    // the first release's latest month is this month too, with the one-off aid only
    const own = await all(fixture.villages[0]!, thisMonth, 50, first);
    for (const node of own.nodes) expect(node.programs.map((p) => p.programCode)).not.toContain('dibao_rural');
    const latest = await all(fixture.villages[0]!, thisMonth, 50, second);
    expect(latest.nodes.length).toBeGreaterThan(own.nodes.length);
  });

  it('refuses a town or a county code: a list is per village', async () => {
    for (const region of ['370115', '370115104']) {
      const answer = await page({ v: region, m: thisMonth, first: 5 });
      expect(code(answer)).toBe('INVALID_REGION_CODE');
    }
  });

  it('answers NOT_FOUND for a village of a county the release does not publish', async () => {
    const [village] = await db.orm.em
      .fork()
      .execute<{ code: string }[]>(`select code from region where level = 'village' and code like '320922%' order by code limit 1`);
    const answer = await page({ v: village!.code, m: thisMonth, first: 5 });
    expect(code(answer)).toBe('NOT_FOUND');
  });
});
