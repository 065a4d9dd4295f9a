import { outreachCandidates, runCrossCheck, type Actor, type OutreachKind } from '@xingfu/domain';
import { FEED_LOADER, seedDatabase, type SeedReport } from '@xingfu/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * The demo feeds (docs/cross-checks.md, "Demo feeds"): on a freshly loaded demo county a
 * cross-check run hits exactly the planted persons, rule by rule, and 政策找人 lists exactly the
 * planted persons on top of what the ledger alone gives.
 */
let db: TestDatabase;
const reports: SeedReport[] = [];
const COUNTIES = ['370115', '371425'];
const actorOf = (county: string): Actor => ({ subject: 'fixture', role: 'county_admin', regionCode: county });
const rows = <T>(sql: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(sql, params);

async function candidates(county: string, kind: OutreachKind): Promise<number[]> {
  const found = await db.orm.em
    .fork()
    .transactional((em) => outreachCandidates(em, actorOf(county), { regionCode: county, kind, afterPersonId: 0, limit: 100_000 }));
  return found.rows.map((r) => r.personId);
}

beforeAll(async () => {
  db = await createTestDatabase();
  // a series (jiyang: three years) and a single year
  for (const preset of ['jiyang-2022', 'jiyang-2023', 'jiyang-2024', 'qihe-2023']) {
    reports.push(await seedDatabase({ databaseUrl: db.url, preset, scale: 0.05 }));
  }
}, 300_000);

afterAll(async () => {
  await db?.drop();
});

const plantedOf = (county: string) => reports.filter((r) => r.countyCode === county).at(-1)!.feeds.planted;

describe.each(COUNTIES)('county %s', (county) => {
  it('plants a few cases of every kind, small feeds of every department, one delivery per feed', async () => {
    const planted = plantedOf(county);
    for (const persons of [...Object.values(planted.crossCheck), ...Object.values(planted.outreach)]) {
      expect(persons.length).toBeGreaterThan(0);
    }
    const deliveries = await rows<{ kind: string; rows: number }>(
      `select d.kind, count(r.id)::int as rows from feed_delivery d join feed_record r on r.delivery_id = d.id
       where d.county_code = ? and d.loaded_by = ? group by d.kind order by d.kind::text`,
      [county, FEED_LOADER],
    );
    expect(deliveries.map((d) => d.kind)).toEqual([
      'business',
      'death',
      'disability',
      'housing_fund',
      'incarceration',
      'pension',
      'real_estate',
      'vehicle',
    ]);
    expect(deliveries.every((d) => d.rows >= 5 && d.rows <= 60)).toBe(true);
  });

  it('a cross-check run hits exactly the planted persons, rule by rule', async () => {
    const run = await db.orm.em.fork().transactional((em) => runCrossCheck(em, actorOf(county), { countyCode: county, month: '2026-01' }));
    const hits = await rows<{ rule_code: string; persons: number[] }>(
      `select rule_code, array_agg(distinct person_id order by person_id) as persons from cross_check_hit where run_id = ? group by rule_code`,
      [run.id],
    );
    const byRule = Object.fromEntries(hits.map((h) => [h.rule_code, h.persons]));
    const planted = plantedOf(county).crossCheck;
    for (const [rule, persons] of Object.entries(planted)) {
      expect(byRule[rule] ?? [], rule).toEqual([...persons].sort((a, b) => a - b));
    }
    expect(Object.keys(byRule).sort()).toEqual(Object.keys(planted).sort());
  });

  it('政策找人 adds exactly the planted persons to the lists the feeds feed, and changes no other list', async () => {
    const kinds: OutreachKind[] = ['senior', 'severe_disability', 'unattended_child', 'low_income'];
    const withFeeds = Object.fromEntries(await Promise.all(kinds.map(async (k) => [k, await candidates(county, k)] as const)));
    // the ledger alone: the same lists without the generated deliveries
    const em = db.orm.em.fork();
    await em.begin();
    await em.execute(`delete from feed_delivery where county_code = ? and loaded_by = ?`, [county, FEED_LOADER]);
    const without: Record<string, number[]> = {};
    for (const kind of kinds) {
      without[kind] = (
        await outreachCandidates(em, actorOf(county), { regionCode: county, kind, afterPersonId: 0, limit: 100_000 })
      ).rows.map((r) => r.personId);
    }
    await em.rollback();
    const planted = plantedOf(county).outreach as Record<string, number[]>;
    for (const kind of kinds) {
      const added = withFeeds[kind]!.filter((id) => !without[kind]!.includes(id));
      const removed = without[kind]!.filter((id) => !withFeeds[kind]!.includes(id));
      expect(added, kind).toEqual([...(planted[kind] ?? [])].sort((a, b) => a - b));
      expect(removed, kind).toEqual([]);
    }
  });
});

it('the same seed on the same ledger plants the same cases', async () => {
  const again = await seedDatabase({ databaseUrl: db.url, preset: 'qihe-2023', scale: 0.05, replace: true });
  expect(again.feeds.planted).toEqual(plantedOf('371425'));
}, 120_000);
