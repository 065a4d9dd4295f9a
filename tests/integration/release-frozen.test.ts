import {
  addDays,
  createReviewCampaign,
  cutRelease,
  decideReview,
  recordReviewVisit,
  setStandard,
  today,
  type EntityManager,
} from '@xingfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/graphql-client.js';
import { ADMIN, buildLedger } from '../support/ledger-fixture.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * A release is a closed world: the standards and re-review results it publishes were copied into
 * it when it was cut, so a later standard or review decision moves no released figure; the next
 * release shows them.
 */
let db: TestDatabase;
let api: TestApi;
const run = <T>(work: (em: EntityManager) => Promise<T>) => db.orm.em.fork().transactional(work);

interface Figures {
  standards: { programCode: string; effectiveMonth: string; amount: string }[];
  reviewCampaigns: { name: string; reviewedHouseholds: number | null }[];
}
async function figures(releaseId: string): Promise<Figures> {
  const answer = await api.query<Figures>(
    '/public/graphql',
    `query ($r: ID) { standards(countyCode: "370115", releaseId: $r) { programCode effectiveMonth amount }
                      reviewCampaigns(countyCode: "370115", releaseId: $r) { name reviewedHouseholds } }`,
    { variables: { r: releaseId } },
  );
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}
const dibao = (f: Figures) => f.standards.filter((s) => s.programCode === 'dibao_rural');

beforeAll(async () => {
  db = await createTestDatabase();
  await buildLedger(db.orm, { households: 8 });
  api = await startTestApi(db.orm);
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('released standards and re-review results', () => {
  it('stay as cut when a standard is corrected and a review decided, and the next release shows the change', async () => {
    const campaign = await run((em) =>
      createReviewCampaign(em, ADMIN, {
        countyCode: '370115',
        name: '2026年低保复核',
        periodStart: addDays(today(), -3),
        periodEnd: addDays(today(), 30),
      }),
    );
    const first = (await run((em) => cutRelease(em, { createdBy: 'test', note: '首次' }))).id;
    const before = await figures(first);
    expect(dibao(before)).toEqual([{ programCode: 'dibao_rural', effectiveMonth: '2025-01', amount: '700.00' }]);
    expect(before.reviewCampaigns).toEqual([{ name: '2026年低保复核', reviewedHouseholds: 0 }]);

    await run((em) =>
      setStandard(em, ADMIN, {
        programCode: 'dibao_rural',
        countyCode: '370115',
        areaType: 'rural',
        effectiveMonth: '2025-01',
        amountFen: 71000,
      }),
    );
    const [task] = await db.orm.em
      .fork()
      .execute<{ id: number }[]>('select id from review_task where campaign_id = ? order by id limit 1', [campaign.id]);
    await run((em) =>
      recordReviewVisit(em, ADMIN, {
        taskId: task!.id,
        visitedOn: today(),
        form: { members: 2, health: '良好', monthlyIncomeFen: 0, housing: '自有', employment: '务农' },
        neighbourCheck: '属实',
        committeeCheck: '属实',
      }),
    );
    await run((em) => decideReview(em, ADMIN, { taskId: task!.id, outcome: 'continue', reason: '' }));

    expect(await figures(first)).toEqual(before);
    const second = (await run((em) => cutRelease(em, { createdBy: 'test', note: '更新' }))).id;
    const after = await figures(second);
    expect(dibao(after)).toEqual([{ programCode: 'dibao_rural', effectiveMonth: '2025-01', amount: '710.00' }]);
    expect(after.reviewCampaigns).toEqual([{ name: '2026年低保复核', reviewedHouseholds: 1 }]);
    expect(await figures(first)).toEqual(before);
  });
});

describe('releases cut before figures were frozen', () => {
  it('receive the figures of the day the migration runs, once', async () => {
    const { BACKFILL_FROZEN_FIGURES_SQL } = await import('@xingfu/domain');
    const release = (await run((em) => cutRelease(em, { createdBy: 'test', note: '旧发布' }))).id;
    const frozen = await figures(release);
    const em = db.orm.em.fork();
    await em.execute('delete from release_standard where release_id = ?', [release]);
    await em.execute('delete from release_review_campaign where release_id = ?', [release]);
    expect((await figures(release)).standards).toEqual([]);
    await em.execute(BACKFILL_FROZEN_FIGURES_SQL);
    await em.execute(BACKFILL_FROZEN_FIGURES_SQL);
    expect(await figures(release)).toEqual(frozen);
  });
});
