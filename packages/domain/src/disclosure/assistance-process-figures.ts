import type { FrozenTable } from './release-figures.js';

/**
 * Data-driven assistance in public, the remaining figures (docs/cross-checks.md, "Public
 * figures"; docs/disclosure.md), per county and each year the release publishes months of,
 * copied into three release tables when a release is cut (every `?` is the release id):
 *
 * - `release_application_channel`: applications made in the year by program and channel (county
 *   centre, town station, grid worker, app) and, of them, those approved by 秒批 (`instant`).
 * - `release_decision_time`: applications decided in the year by program and decision (approved,
 *   rejected): how many and the median of the days from application to decision (0 for 秒批).
 * - `release_referral`: 社会大救助 referrals made in the year by department and outcome (granted,
 *   refused, pending — not decided yet), with the amount the department granted.
 *
 * Programs hidden from the public are left out; each row keeps its program's policy (referrals:
 * counted). The public API decides every number through the one suppression policy
 * (public-counts.ts: `publishChannelCounts`, `publishDecisionTimes`, `publishReferralCounts`).
 */

const YEARS = `(select distinct county_code, extract(year from month)::int as year from release_period where release_id = ?)`;
const COUNTIES = `(select county_code from release_period where release_id = ?)`;
const inYear = (column: string) => `${column} >= make_date(y.year, 1, 1) and ${column} < make_date(y.year + 1, 1, 1)`;

export const FREEZE_APPLICATION_CHANNELS_SQL = `
  insert into release_application_channel (release_id, county_code, year, program_code, channel, disclosure, applications, instant)
  select ?, a.county_code, y.year, a.program_code, a.channel::text, p.disclosure, count(*)::int,
         count(*) filter (where a.instant and a.status = 'approved')::int
  from application a
  join program p on p.code = a.program_code and p.disclosure <> 'hidden'
  join ${YEARS} y on y.county_code = a.county_code and ${inYear('a.applied_on')}
  where a.county_code in ${COUNTIES}
  group by a.county_code, y.year, a.program_code, a.channel, p.disclosure`;

export const FREEZE_DECISION_TIMES_SQL = `
  insert into release_decision_time (release_id, county_code, year, program_code, decision, disclosure, cases, median_days)
  select ?, a.county_code, y.year, a.program_code, a.status::text, p.disclosure, count(*)::int,
         round(percentile_cont(0.5) within group (order by a.decided_on - a.applied_on)::numeric, 1)
  from application a
  join program p on p.code = a.program_code and p.disclosure <> 'hidden'
  join ${YEARS} y on y.county_code = a.county_code and ${inYear('a.decided_on')}
  where a.status in ('approved', 'rejected') and a.county_code in ${COUNTIES}
  group by a.county_code, y.year, a.program_code, a.status, p.disclosure`;

export const FREEZE_REFERRALS_SQL = `
  insert into release_referral (release_id, county_code, year, department, outcome, cases, amount_fen)
  select ?, r.county_code, y.year, r.department::text, coalesce(r.outcome::text, 'pending'), count(*)::int,
         coalesce(sum(r.amount_fen) filter (where r.outcome = 'granted'), 0)::bigint
  from referral r
  join ${YEARS} y on y.county_code = r.county_code and ${inYear('r.referred_on')}
  where r.county_code in ${COUNTIES}
  group by r.county_code, y.year, r.department, r.outcome`;

/** The tables of this file, entries of FROZEN_TABLES. */
export const ASSISTANCE_PROCESS_FROZEN_TABLES: FrozenTable[] = [
  {
    table: 'release_application_channel',
    key: ['county_code', 'year', 'program_code', 'channel'],
    values: ['disclosure', 'applications', 'instant'],
    freeze: FREEZE_APPLICATION_CHANNELS_SQL,
    county: 'county_code',
  },
  {
    table: 'release_decision_time',
    key: ['county_code', 'year', 'program_code', 'decision'],
    values: ['disclosure', 'cases', 'median_days'],
    freeze: FREEZE_DECISION_TIMES_SQL,
    county: 'county_code',
  },
  {
    table: 'release_referral',
    key: ['county_code', 'year', 'department', 'outcome'],
    values: ['cases', 'amount_fen'],
    freeze: FREEZE_REFERRALS_SQL,
    county: 'county_code',
  },
];
