/**
 * The statistics of a re-review campaign, declared once (e.g. 滨海县 2021: 7209 reviewed; 477
 * households / 775 persons cancelled; …). Everything else derives from this table: the live
 * statistics query (`reviewStatisticsSql`), the columns a release freezes them into
 * (release_review_campaign, and per town release_review_town; release-figures.ts), the public read model and its suppression
 * (`publishCampaignCounts`), and the GraphQL types of both schemas.
 *
 * - `column`: the column of release_review_campaign that freezes it.
 * - `sql`: how it is counted over `review_campaign c join region r left join review_task t left
 *   join enrollment e`, grouped by campaign and region `r` — the county, or each of its towns
 *   (`reviewStatisticsSql`), so that one declaration gives both. Persons are the covered members
 *   of the enrollment under review; newly approved are the campaign programs' approvals in the
 *   region during the period.
 * - `decidedBy`: for a published figure, the households figure whose count decides whether it is
 *   suppressed (persons go with their households); null for a figure the public schema does not
 *   show (the households that simply continued, the number of tasks).
 */
const NEWLY_APPROVED = `from application a where a.county_code = c.county_code and left(a.village_code, length(r.code)) = r.code and a.status = 'approved'
          and a.program_code in (select distinct e2.program_code from review_task t2 join enrollment e2 on e2.id = t2.enrollment_id where t2.campaign_id = c.id)
          and a.decided_on between c.period_start and c.period_end`;

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
    sql: `(select count(*) ${NEWLY_APPROVED})`,
    decidedBy: 'newlyApprovedHouseholds',
  },
  newlyApprovedPersons: {
    column: 'newly_approved_persons',
    sql: `(select coalesce(sum(a.covered_members), 0) ${NEWLY_APPROVED})`,
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
