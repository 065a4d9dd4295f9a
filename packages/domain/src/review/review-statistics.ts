/**
 * The statistics of a re-review campaign, declared once (e.g. 滨海县 2021: 7209 reviewed; 477
 * households / 775 persons cancelled; …). Everything else derives from this table: the live
 * statistics query (`reviewStatisticsSql`), the columns a release freezes them into
 * (release_review_campaign, and per town release_review_town; release-figures.ts), the public read model and its suppression
 * (`publishCampaignCounts`), and the GraphQL types of both schemas.
 *
 * - `column`: the column of release_review_campaign that freezes it.
 * - `sql`: how it is counted over `review_campaign c join region r left join review_task t left
 *   join enrollment e left join newly n`, grouped by campaign and region `r` — the county, or each
 *   of its towns (`reviewStatisticsSql`), so that one declaration gives both. Persons are the
 *   covered members of the enrollment under review; `n` holds, per campaign and region, the
 *   approvals (households, covered members) of the campaign's programs in the region during the
 *   campaign's period, counted once set-based rather than per region.
 * - `decidedBy`: for a published figure, the households figure whose count decides whether it is
 *   suppressed (persons go with their households); null for a figure the public schema does not
 *   show (the households that simply continued, the number of tasks).
 */
export const REVIEW_STATISTICS = {
  tasks: { column: 'tasks', sql: 'count(t.id)', decidedBy: null },
  reviewedHouseholds: { column: 'reviewed_households', sql: 'count(t.outcome)', decidedBy: 'reviewedHouseholds' },
  continuedHouseholds: { column: 'continued_households', sql: `count(*) filter (where t.outcome = 'continue')`, decidedBy: null },
  cancelledHouseholds: {
    column: 'cancelled_households',
    sql: `count(*) filter (where t.outcome = 'cancel')`,
    decidedBy: 'cancelledHouseholds',
  },
  cancelledPersons: {
    column: 'cancelled_persons',
    sql: `coalesce(sum(e.covered_members) filter (where t.outcome = 'cancel'), 0)`,
    decidedBy: 'cancelledHouseholds',
  },
  adjustedHouseholds: {
    column: 'adjusted_households',
    sql: `count(*) filter (where t.outcome = 'adjust')`,
    decidedBy: 'adjustedHouseholds',
  },
  adjustedPersons: {
    column: 'adjusted_persons',
    sql: `coalesce(sum(e.covered_members) filter (where t.outcome = 'adjust'), 0)`,
    decidedBy: 'adjustedHouseholds',
  },
  newlyApprovedHouseholds: {
    column: 'newly_approved_households',
    sql: `coalesce(max(n.households), 0)`,
    decidedBy: 'newlyApprovedHouseholds',
  },
  newlyApprovedPersons: {
    column: 'newly_approved_persons',
    sql: `coalesce(max(n.persons), 0)`,
    decidedBy: 'newlyApprovedHouseholds',
  },
} as const satisfies Record<string, { column: string; sql: string; decidedBy: string | null }>;

export type ReviewStatistic = keyof typeof REVIEW_STATISTICS;

/** A campaign's statistics, one number per figure of REVIEW_STATISTICS. */
export type ReviewStatistics = Record<ReviewStatistic, number>;

/** The figures the public schema shows (suppressed by the policy of the programs reviewed). */
export type PublishedReviewStatistic = {
  [K in ReviewStatistic]: (typeof REVIEW_STATISTICS)[K]['decidedBy'] extends null ? never : K;
}[ReviewStatistic];

/** Every figure, in the order bureaus publish them. */
export const REVIEW_STATISTIC_NAMES = Object.keys(REVIEW_STATISTICS) as ReviewStatistic[];

/** The published figures, in the same order. */
export const PUBLISHED_REVIEW_STATISTICS = REVIEW_STATISTIC_NAMES.filter(
  (name): name is PublishedReviewStatistic => REVIEW_STATISTICS[name].decidedBy !== null,
);

/** The frozen columns of release_review_campaign, named as the figures (`reviewed_households as "reviewedHouseholds"`, …). */
export function reviewStatisticColumns(names: readonly ReviewStatistic[], table = ''): string {
  return names.map((name) => `${table && `${table}.`}${REVIEW_STATISTICS[name].column} as "${name}"`).join(', ');
}
