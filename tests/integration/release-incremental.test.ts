import { cutRelease, type DomainError, recordCorrection, verifyRelease, type Actor, type EntityManager } from '@xingfu/domain';
import { seedDatabase } from '@xingfu/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { ADMIN, buildLedger } from '../support/ledger-fixture.js';
import { tokenFor } from '../support/staff.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * A cut recomputes only what changed since the previous release (docs/disclosure.md,
 * “Incremental and county-scoped cuts”): the program years with new payments and the households
 * whose rows changed; everything else is carried. `verifyRelease` recomputes every figure from the
 * ledger, so it proves the carried figures equal a full cut's.
 */
let db: TestDatabase;
let api: TestApi;
const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);
const QIHE: Actor = { subject: 'qihe-admin', role: 'county_admin', regionCode: '371425' };

async function correctOne(actor: Actor, county: string): Promise<void> {
  const [row] = await db.orm.em.fork().execute<{ enrollment_id: number; month: string }[]>(
    `select p.enrollment_id, to_char(p.month, 'YYYY-MM') as month from payment p
     join program pr on pr.code = p.program_code and pr.disclosure = 'listed' and pr.frequency = 'monthly'
     where p.county_code = ? and p.kind = 'regular' and p.amount_fen > 1000 order by p.id limit 1`,
    [county],
  );
  await run((em) =>
    recordCorrection(em, actor, 'recovery', { enrollmentId: row!.enrollment_id, month: row!.month, amountFen: 100, note: '多发追回' }),
  );
}

const countyRows = async (release: string, county: string) =>
  (
    await db.orm.em.fork().execute<{ rows: string }[]>(
      `select md5(string_agg(x::text, '|' order by x::text)) as rows from (
         select region_code, program_code, period_kind, period, households, persons, amount_fen, suppressed from rollup_aggregate
         where release_id = ? and left(region_code, 6) = ?
         union all
         select village_code, program_code, to_char(month, 'YYYY-MM'), public_id, null, covered_members, amount_fen, null from listing_row
         where release_id = ? and left(village_code, 6) = ?) x`,
      [release, county, release, county],
    )
  )[0]!.rows;

beforeAll(async () => {
  db = await createTestDatabase();
  await buildLedger(db.orm);
  await seedDatabase({ databaseUrl: db.url, preset: 'qihe-2023', scale: 0.02 });
  api = await startTestApi(db.orm);
}, 240_000);
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('a release cut after a correction', () => {
  it('recomputes only the corrected program year and household, carries the rest, and equals the ledger in every figure', async () => {
    const first = await run((em) => cutRelease(em, { createdBy: 'test' }));
    expect(first.counties.map((c) => [c.countyCode, c.how])).toEqual([
      ['370115', 'full'],
      ['371425', 'full'],
    ]);
    await correctOne(ADMIN, '370115');
    const stored = async () =>
      (
        await db.orm.em
          .fork()
          .execute<{ aggregates: number; listing: number }[]>(
            'select (select count(*) from rollup_aggregate_version)::int as aggregates, (select count(*) from listing_row_version)::int as listing',
          )
      )[0]!;
    const storedBefore = await stored();
    const second = await run((em) => cutRelease(em, { createdBy: 'test', note: '更正' }));
    expect(second.counties).toEqual([
      { countyCode: '370115', how: 'partial', families: 1, households: 1 },
      { countyCode: '371425', how: 'carried', families: 0, households: 0 },
    ]);
    expect(second.listingRows).toBe(first.listingRows);
    expect(second.aggregateRows).toBe(first.aggregateRows);
    expect(second.changes).toBe(1);
    // rows are shared between releases: the second stored the one program year and the one
    // household it recomputed, not a copy of everything it holds
    const storedAfter = await stored();
    const [family] = await db.orm.em
      .fork()
      .execute<{ n: number }[]>(
        `select count(*)::int as n from rollup_aggregate_version where from_seq = (select seq from disclosure_release where id = ?)`,
        [second.id],
      );
    expect(family!.n).toBeGreaterThan(0);
    expect(storedAfter.aggregates - storedBefore.aggregates).toBe(family!.n);
    expect(family!.n).toBeLessThan(first.aggregateRows / 2);
    expect(storedAfter.listing - storedBefore.listing).toBeLessThanOrEqual(24);
    expect(await countyRows(second.id, '371425')).toBe(await countyRows(first.id, '371425'));
    // the first release still holds what it published
    expect(await countyRows(first.id, '370115')).not.toBe(await countyRows(second.id, '370115'));
    expect(await verifyRelease(db.orm.em.fork(), second.id)).toEqual([]);
  }, 120_000);
});

describe('a county-scoped release', () => {
  it('publishes that county’s changes and carries every other county as the previous release had it', async () => {
    await correctOne(ADMIN, '370115');
    await correctOne(QIHE, '371425');
    const [before] = await db.orm.em.fork().execute<{ id: string }[]>('select id from disclosure_release order by seq desc limit 1');
    const qihe = await run((em) => cutRelease(em, { createdBy: 'qihe-admin', countyCode: '371425' }));
    expect(qihe.counties.map((c) => [c.countyCode, c.how])).toEqual([
      ['370115', 'carried'],
      ['371425', 'partial'],
    ]);
    expect(await countyRows(qihe.id, '370115')).toBe(await countyRows(before!.id, '370115'));
    // 济阳区's correction is not published yet: verify names it, and only it
    const pending = await verifyRelease(db.orm.em.fork(), qihe.id);
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((d) => /"(region_code|village_code|county_code)": "370115/.test(d.key))).toBe(true);
    const jiyang = await run((em) => cutRelease(em, { createdBy: 'test', countyCode: '370115' }));
    expect(jiyang.counties.find((c) => c.countyCode === '370115')?.how).toBe('partial');
    expect(await verifyRelease(db.orm.em.fork(), jiyang.id)).toEqual([]);
  }, 120_000);
});

describe('identical cuts asked at once', () => {
  it('leave one release; the others are refused with NOTHING_TO_RELEASE and write nothing', async () => {
    await correctOne(QIHE, '371425');
    const count = async () => (await db.orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from disclosure_release'))[0]!.n;
    const releases = await count();
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => run((em) => cutRelease(em, { createdBy: 'qihe-admin', countyCode: '371425', onlyIfChanged: true }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.map((r) => (r.reason as DomainError).code)).toEqual(Array(5).fill('NOTHING_TO_RELEASE'));
    expect(await count()).toBe(releases + 1);
  }, 120_000);
});

describe('the cutRelease mutation', () => {
  const CUT = `mutation ($note: String!) { cutRelease(input: { note: $note }) { id changes counties { countyCode how families households } } }`;
  type Cut = { cutRelease: { id: string; changes: number; counties: { countyCode: string; how: string }[] } };

  it('lets a county administrator publish its own county, audited; clerks and auditors may not', async () => {
    await correctOne(ADMIN, '370115');
    for (const role of ['town_clerk', 'auditor'] as const) {
      const refused = await api.query<Cut>('/graphql', CUT, {
        variables: { note: '发布' },
        token: await tokenFor(role, role === 'auditor' ? '370115' : '370115104'),
      });
      expect(refused.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    }
    const answer = await api.query<Cut>('/graphql', CUT, {
      variables: { note: '更正追回' },
      token: await tokenFor('county_admin', '370115'),
    });
    expect(answer.errors).toBeUndefined();
    const cut = answer.data!.cutRelease;
    expect(cut.counties.map((c) => [c.countyCode, c.how])).toEqual([
      ['370115', 'PARTIAL'],
      ['371425', 'CARRIED'],
    ]);
    expect(cut.changes).toBe(1);
    const [entry] = await db.orm.em
      .fork()
      .execute<{ actor: string; region_code: string }[]>(
        `select actor, region_code from audit_entry where action = 'cutRelease' and entity_id = ?`,
        [cut.id],
      );
    expect(entry).toEqual({ actor: 'county_admin@370115', region_code: '370115' });
    expect(await verifyRelease(db.orm.em.fork(), cut.id)).toEqual([]);
  }, 120_000);

  it('answers NOTHING_TO_RELEASE to repeated requests: eight at once after one correction leave one release', async () => {
    await correctOne(QIHE, '371425');
    const token = await tokenFor('county_admin', '371425');
    const count = async () => (await db.orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from disclosure_release'))[0]!.n;
    const releases = await count();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => api.query<Cut>('/graphql', CUT, { variables: { note: '发布' }, token })),
    );
    expect(answers.filter((a) => a.data?.cutRelease).length).toBe(1);
    expect(answers.filter((a) => a.errors?.[0]?.extensions?.['code'] === 'NOTHING_TO_RELEASE').length).toBe(7);
    expect(await count()).toBe(releases + 1);
    const audited = await db.orm.em
      .fork()
      .execute<{ n: number }[]>(`select count(*)::int as n from audit_entry where action = 'cutRelease' and region_code = '371425'`);
    expect(audited[0]!.n).toBe(1);
  }, 120_000);
});
