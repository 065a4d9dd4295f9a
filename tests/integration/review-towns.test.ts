import {
  addDays,
  createReviewCampaign,
  cutRelease,
  REVIEW_STATISTIC_NAMES,
  REVIEW_STATISTICS,
  today,
  verifyRelease,
  type EntityManager,
} from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { ADMIN, buildLedger } from '../support/ledger-fixture.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Issue 18: 复核 outcomes per town. A release freezes every re-review statistic per town of the
 * campaign's county (the towns sum to the campaign), and the public API publishes them with the
 * one suppression policy, decided with the campaign's own figures.
 */
let db: TestDatabase;
let api: TestApi;
let release: string;
const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);
const columns = REVIEW_STATISTIC_NAMES.map((name) => REVIEW_STATISTICS[name].column);

beforeAll(async () => {
  db = await createTestDatabase();
  await buildLedger(db.orm, { households: 24 });
  api = await startTestApi(db.orm);
  const period = { periodStart: addDays(today(), -60), periodEnd: addDays(today(), 30) };
  await run((em) => createReviewCampaign(em, ADMIN, { countyCode: '370115', name: '低保复核', ...period, programCodes: ['dibao_rural'] }));
  await run((em) =>
    createReviewCampaign(em, ADMIN, { countyCode: '370115', name: '残疾人护理补贴复核', ...period, programCodes: ['disability_care'] }),
  );
  // outcomes as the casework would leave them: in 370115104 every other task cancelled, in 370115005 continued
  await db.orm.em.fork().execute(
    `update review_task t set outcome = case when left(t.village_code, 9) = '370115104' and t.id % 2 = 0 then 'cancel' else 'continue' end::review_outcome,
            decided_on = current_date`,
  );
  release = (await run((em) => cutRelease(em, { createdBy: 'test' }))).id;
}, 180_000);

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('a release', () => {
  it('freezes each campaign’s statistics per town of its county, the towns summing to the campaign, each as counted from its tasks', async () => {
    const em = db.orm.em.fork();
    const towns = await em.execute<Record<string, number | string>[]>(
      `select campaign_id, town_code, ${columns.join(', ')} from release_review_town where release_id = ? order by campaign_id, town_code`,
      [release],
    );
    const campaigns = await em.execute<Record<string, number>[]>(
      `select campaign_id, ${columns.join(', ')} from release_review_campaign where release_id = ? order by campaign_id`,
      [release],
    );
    const townCount = (await em.execute<{ n: number }[]>(`select count(*)::int as n from region where parent_code = '370115'`))[0]!.n;
    expect(campaigns.length).toBe(2);
    expect(towns.length).toBe(2 * townCount);
    for (const campaign of campaigns) {
      const own = towns.filter((t) => t['campaign_id'] === campaign['campaign_id']);
      for (const column of columns) {
        expect(
          own.reduce((sum, t) => sum + Number(t[column]), 0),
          column,
        ).toBe(campaign[column]);
      }
    }
    // independently: tasks and cancellations per town, from the tasks themselves
    const live = await em.execute<{ campaign_id: number; town_code: string; tasks: number; cancelled: number }[]>(
      `select campaign_id, left(village_code, 9) as town_code, count(*)::int as tasks, count(*) filter (where outcome = 'cancel')::int as cancelled
       from review_task group by 1, 2 order by 1, 2`,
    );
    expect(live.length).toBeGreaterThan(2);
    for (const l of live) {
      const t = towns.find((r) => r['campaign_id'] === l.campaign_id && r['town_code'] === l.town_code)!;
      expect([t['tasks'], t['cancelled_households']]).toEqual([l.tasks, l.cancelled]);
    }
    expect(towns.filter((t) => Number(t['cancelled_households']) > 0).map((t) => t['town_code'])).toEqual(
      expect.arrayContaining(['370115104']),
    );
    expect(await verifyRelease(em, release)).toEqual([]);
  });
});

describe('the public reviewCampaignTowns query', () => {
  interface Town {
    campaignId: string;
    townCode: string;
    reviewedHouseholds: number | null;
    cancelledHouseholds: number | null;
    cancelledPersons: number | null;
  }
  const query = `query ($r: ID) { reviewCampaignTowns(countyCode: "370115", releaseId: $r) { campaignId townCode reviewedHouseholds cancelledHouseholds cancelledPersons } }`;

  it('publishes the towns of a campaign of a listed program as frozen, and suppresses the small ones of a program counted only', async () => {
    const answer = await api.query<{ reviewCampaignTowns: Town[] }>('/public/graphql', query, { variables: { r: release } });
    expect(answer.errors).toBeUndefined();
    const em = db.orm.em.fork();
    const frozen = await em.execute<
      {
        campaign_id: number;
        town_code: string;
        reviewed_households: number;
        cancelled_households: number;
        cancelled_persons: number;
        name: string;
      }[]
    >(
      `select t.campaign_id, t.town_code, t.reviewed_households, t.cancelled_households, t.cancelled_persons, c.name
       from release_review_town t join release_review_campaign c using (release_id, campaign_id) where t.release_id = ? order by 1, 2`,
      [release],
    );
    const rows = answer.data!.reviewCampaignTowns;
    expect(rows.length).toBe(frozen.length);
    for (const f of frozen) {
      const row = rows.find((r) => Number(r.campaignId) === f.campaign_id && r.townCode === f.town_code)!;
      if (f.name === '低保复核') {
        expect(row).toEqual({
          campaignId: String(f.campaign_id),
          townCode: f.town_code,
          reviewedHouseholds: f.reviewed_households,
          cancelledHouseholds: f.cancelled_households,
          cancelledPersons: f.cancelled_persons,
        });
      } else {
        // counted only: 1 to 10 never shown; zeros are
        for (const [figure, n] of [
          [row.reviewedHouseholds, f.reviewed_households],
          [row.cancelledHouseholds, f.cancelled_households],
        ] as const) {
          expect(figure).toBe(n >= 1 && n <= 10 ? null : n);
        }
        if (row.cancelledHouseholds === null) expect(row.cancelledPersons).toBeNull();
      }
    }
    expect(rows.some((r) => r.reviewedHouseholds === null)).toBe(true);
  });
});
