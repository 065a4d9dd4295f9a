import { REVIEW_STATISTIC_NAMES, REVIEW_STATISTICS } from '../review/review-statistics.js';
import { reviewStatisticsSql } from '../review/review.service.js';
import { ASSISTANCE_PROCESS_FROZEN_TABLES } from './assistance-process-figures.js';
import { ELDER_CARE_FROZEN_TABLES } from './elder-care-figures.js';

/**
 * The county figures a release publishes beside its rollups, copied into it when it is cut
 * (parameters: the release id twice): the standards of the published programs and the results of
 * the re-review campaigns of every county the release publishes months of.
 */
export const FREEZE_STANDARDS_SQL = `
  insert into release_standard (release_id, county_code, program_code, area_type, tier, effective_month, amount_fen)
  select ?, s.county_code, s.program_code, s.area_type, s.tier, s.effective_month, s.amount_fen
  from standard s join program p on p.code = s.program_code
  where p.disclosure <> 'hidden' and s.county_code in (select county_code from release_period where release_id = ?)`;

/** The strictest policy of the programs a campaign reviewed: hidden over counted over listed. */
export const FREEZE_REVIEW_RESULTS_SQL = `
  insert into release_review_campaign (release_id, campaign_id, county_code, name, period_start, period_end, disclosure,
    ${REVIEW_STATISTIC_NAMES.map((name) => REVIEW_STATISTICS[name].column).join(', ')})
  select ?, c.id, c.county_code, c.name, c.period_start, c.period_end,
    coalesce((select p.disclosure from review_task t join enrollment e on e.id = t.enrollment_id join program p on p.code = e.program_code
              where t.campaign_id = c.id
              order by case p.disclosure when 'hidden' then 0 when 'counted' then 1 else 2 end limit 1), 'listed'),
    ${REVIEW_STATISTIC_NAMES.map((name) => `s."${name}"`).join(', ')}
  from review_campaign c
  join (${reviewStatisticsSql('c.county_code in (select county_code from release_period where release_id = ?)')}) s on s.campaign_id = c.id`;

/** The same results per town of the campaign's county (the towns sum to the campaign, figure by figure). */
export const FREEZE_REVIEW_TOWNS_SQL = `
  insert into release_review_town (release_id, campaign_id, county_code, town_code,
    ${REVIEW_STATISTIC_NAMES.map((name) => REVIEW_STATISTICS[name].column).join(', ')})
  select ?, c.id, c.county_code, s.town_code, ${REVIEW_STATISTIC_NAMES.map((name) => `s."${name}"`).join(', ')}
  from review_campaign c
  join (${reviewStatisticsSql('c.county_code in (select county_code from release_period where release_id = ?)', { byTown: true })}) s
    on s.campaign_id = c.id`;

/** Gives every release that lacks them the standards and re-review results of today (migration 0007). */
export const BACKFILL_FROZEN_FIGURES_SQL = `do $$ declare r record; begin
  for r in select id from disclosure_release d
           where not exists (select 1 from release_standard s where s.release_id = d.id)
             and not exists (select 1 from release_review_campaign c where c.release_id = d.id) loop
    execute format($f$${FREEZE_STANDARDS_SQL.replaceAll('?', '%L')}$f$, r.id, r.id);
    execute format($f$${FREEZE_REVIEW_RESULTS_SQL.replaceAll('?', '%L')}$f$, r.id, r.id);
  end loop;
end $$`;

/**
 * The program catalog as the release publishes it (parameter: the release id): names, order and
 * the disclosure policy that decides suppression, read by every public query instead of `program`.
 */
export const FREEZE_PROGRAMS_SQL = `
  insert into release_program (release_id, code, name, category, frequency, unit, amount_rule, disclosure, minors_only, description, sort_order)
  select ?, code, name, category, frequency, unit, amount_rule, disclosure, minors_only, description, sort_order from program`;

/** Gives every release that lacks it the program catalog of today (migration 0008). */
export const BACKFILL_FROZEN_PROGRAMS_SQL = `do $$ declare r record; begin
  for r in select id from disclosure_release d where not exists (select 1 from release_program p where p.release_id = d.id) loop
    execute format($f$${FREEZE_PROGRAMS_SQL.replaceAll('?', '%L')}$f$, r.id);
  end loop;
end $$`;

/** Applications received, approved and rejected, by county and town, program and year. */
export const FREEZE_APPLICATIONS_SQL = `
  insert into rollup_application (release_id, region_code, program_code, year, received, approved, rejected)
  select ?, r.code, a.program_code, y.year,
         count(*) filter (where extract(year from a.applied_on) = y.year),
         count(*) filter (where a.status = 'approved' and extract(year from a.decided_on) = y.year),
         count(*) filter (where a.status = 'rejected' and extract(year from a.decided_on) = y.year)
  from application a
  join program pr on pr.code = a.program_code and pr.disclosure <> 'hidden'
  join (select distinct county_code, extract(year from month)::int as year from release_period where release_id = ?) y
    on y.county_code = a.county_code
  cross join lateral (values (left(a.village_code, 6)), (left(a.village_code, 9))) as r(code)
  where extract(year from a.applied_on) = y.year or extract(year from a.decided_on) = y.year
  group by r.code, a.program_code, y.year`;

/**
 * The figures of data-driven assistance (docs/cross-checks.md, "Public figures"), per county and
 * year of the release's months:
 * - cross_check_hit: hits found in the year by rule (code) and status (outcome), with the amount
 *   recovered by working them (policy counted: hits concern households of every program);
 * - outreach: applications made from 政策找人 by program, applied in the year (outcome applied) and
 *   approved in it (enrolled);
 * - fast_track: 秒批 applications approved in the year (instant) and 先行救助 granted in it
 *   (advance, with the amount paid first), by program.
 * Programs hidden from the public are left out; the others take the stricter of counted and
 * their own policy.
 */
export const FREEZE_ASSISTANCE_FIGURES_SQL = `
  with years as (select distinct county_code, extract(year from month)::int as year from release_period where release_id = ?),
  figures as (
    select h.county_code, extract(year from h.found_on)::int as year, 'cross_check_hit' as figure, h.rule_code as code,
           h.status::text as outcome, 'counted'::disclosure_policy as disclosure, count(*)::int as cases, sum(h.recovered_fen)::bigint as amount_fen
    from cross_check_hit h
    where h.county_code in (select county_code from release_period where release_id = ?)
    group by 1, 2, 3, 4, 5, 6
    union all
    select a.county_code, extract(year from d.day)::int, 'outreach', a.program_code, d.outcome,
           case when p.disclosure = 'listed' then 'counted' else p.disclosure end, count(*)::int, 0
    from application a join program p on p.code = a.program_code and p.disclosure <> 'hidden'
    cross join lateral (values (a.applied_on, 'applied'), (case when a.status = 'approved' then a.decided_on end, 'enrolled')) d(day, outcome)
    where a.outreach and d.day is not null and a.county_code in (select county_code from release_period where release_id = ?)
    group by 1, 2, 3, 4, 5, 6
    union all
    select a.county_code, extract(year from case when a.instant then a.decided_on else a.applied_on end)::int, 'fast_track', a.program_code,
           case when a.instant then 'instant' else 'advance' end,
           case when p.disclosure = 'listed' then 'counted' else p.disclosure end, count(*)::int,
           coalesce(sum((select sum(pay.amount_fen) from payment pay where pay.application_id = a.id and pay.kind = 'one_off')) filter (where a.advance), 0)::bigint
    from application a join program p on p.code = a.program_code and p.disclosure <> 'hidden'
    where (a.instant and a.status = 'approved' or a.advance) and a.county_code in (select county_code from release_period where release_id = ?)
    group by 1, 2, 3, 4, 5, 6
  )
  insert into release_assistance_figure (release_id, county_code, year, figure, code, outcome, disclosure, cases, amount_fen)
  select ?, f.county_code, f.year, f.figure, f.code, f.outcome, f.disclosure, f.cases, f.amount_fen
  from figures f join years y on y.county_code = f.county_code and y.year = f.year`;

/**
 * 户籍人口 of the release's counties and their towns, every year loaded, with source, date and
 * the sample mark (示例数据): the denominators of the coverage rates and per-capita amounts.
 */
export const FREEZE_POPULATION_SQL = `
  insert into release_population (release_id, county_code, region_code, year, population, as_of, source, sample)
  select ?, p.county_code, p.region_code, p.year, p.population, p.as_of, p.source, p.sample
  from region_population p
  where p.county_code in (select county_code from release_period where release_id = ?)`;

/**
 * 公示: the applications under public notice on the release's as-of date (publicity_start ≤ as-of
 * < publicity_end, status publicized) of programs listed — the programs whose households the
 * 幸福清单 names anyway; counted and hidden programs are never listed one by one, on notice or
 * not. The head of household's name masked in SQL with `mask_name`, exactly as the 幸福清单 does
 * (the full name never leaves the database); the household size the application covers; the
 * amount proposed. `seq` orders a town's notices (village, end of notice, household) for paging.
 */
export const FREEZE_PUBLICITY_SQL = `
  insert into release_publicity (release_id, application_id, county_code, town_code, village_code, seq, masked_name,
    household_size, program_code, amount_fen, publicity_start, publicity_end)
  select ?, a.id, a.county_code, left(a.village_code, 9), a.village_code,
         row_number() over (partition by left(a.village_code, 9) order by a.village_code, a.publicity_end, h.public_id, a.program_code, a.id),
         coalesce(head.masked_name, '*'),
         coalesce(a.covered_members, (select count(*) from household_member m where m.household_id = a.household_id and m.end_date is null), 1),
         a.program_code, a.assessed_amount_fen, a.publicity_start, a.publicity_end
  from application a
  join program pr on pr.code = a.program_code and pr.disclosure = 'listed'
  join household h on h.id = a.household_id
  left join lateral (
    select mask_name(pe.name) as masked_name from household_member hm join person pe on pe.id = hm.person_id
    where hm.household_id = a.household_id and hm.relation = 'head'
    order by (hm.end_date is null) desc, hm.start_date desc limit 1
  ) head on true
  where a.status = 'publicized'
    and a.publicity_start <= (select as_of from disclosure_release where id = ?)
    and a.publicity_end > (select as_of from disclosure_release where id = ?)
    and a.county_code in (select county_code from release_period where release_id = ?)`;

/**
 * A table a release is made of (besides its months): the columns that identify a row, the figures
 * it holds (what `verifyRelease` compares) and, for the tables copied by one statement, that
 * statement (`freeze`: an insert whose every `?` is the id of the release being cut; the rows of
 * the release's counties — `release_period` — and nothing read live afterwards). A feature that
 * publishes figures declares its tables here; the cut, `verify` and the closed-world test follow.
 */
export interface FrozenTable {
  table: string;
  key: string[];
  values: string[];
  freeze?: string;
  /**
   * The county a row belongs to, as an SQL expression over the row (`county_code`,
   * `left(region_code, 6)`): a county-scoped cut carries the rows of the other counties unchanged
   * from the previous release. Absent for rows of no county (the catalog), recomputed every cut.
   */
  county?: string;
  /**
   * The table that stores the rows, when `table` is a view over rows shared between releases
   * (migration 0016): a row is held by the releases whose seq lies in [from_seq, to_seq). A cut
   * writes only what it recomputed and closes the rows those replace; nothing is copied.
   */
  shared?: string;
}

/** `to_seq` of a shared row that the latest release holds (migration 0016). */
export const OPEN_SEQ = 2147483647;

/** Every table a release is made of, in the order the cut fills them (the changelog last). */
export const FROZEN_TABLES: FrozenTable[] = [
  {
    table: 'rollup_aggregate',
    key: ['region_code', 'program_code', 'period_kind', 'period'],
    values: ['region_level', 'households', 'persons', 'person_months', 'payments', 'amount_fen', 'suppressed'],
    county: 'left(region_code, 6)',
    shared: 'rollup_aggregate_version',
  },
  {
    table: 'listing_row',
    key: ['village_code', 'month', 'public_id', 'program_code'],
    values: ['masked_name', 'covered_members', 'amount_fen', 'year_to_date_fen'],
    county: 'left(village_code, 6)',
    shared: 'listing_row_version',
  },
  {
    table: 'rollup_application',
    key: ['region_code', 'program_code', 'year'],
    values: ['received', 'approved', 'rejected'],
    freeze: FREEZE_APPLICATIONS_SQL,
    county: 'left(region_code, 6)',
  },
  {
    table: 'release_program',
    key: ['code'],
    values: ['name', 'category', 'frequency', 'unit', 'amount_rule', 'disclosure', 'minors_only', 'description', 'sort_order'],
    freeze: FREEZE_PROGRAMS_SQL,
  },
  {
    table: 'release_standard',
    key: ['county_code', 'program_code', 'area_type', 'tier', 'effective_month'],
    values: ['amount_fen'],
    freeze: FREEZE_STANDARDS_SQL,
    county: 'county_code',
  },
  {
    table: 'release_review_campaign',
    key: ['campaign_id'],
    values: [
      'county_code',
      'name',
      'period_start',
      'period_end',
      'disclosure',
      ...REVIEW_STATISTIC_NAMES.map((name) => REVIEW_STATISTICS[name].column),
    ],
    freeze: FREEZE_REVIEW_RESULTS_SQL,
    county: 'county_code',
  },
  // elder care: facilities, inspections, home services and modifications (elder-care-figures.ts)
  ...ELDER_CARE_FROZEN_TABLES,
  {
    table: 'release_assistance_figure',
    key: ['county_code', 'year', 'figure', 'code', 'outcome'],
    values: ['disclosure', 'cases', 'amount_fen'],
    freeze: FREEZE_ASSISTANCE_FIGURES_SQL,
    county: 'county_code',
  },
  // data-driven assistance: channels and 秒批, days to decision, referrals (assistance-process-figures.ts)
  ...ASSISTANCE_PROCESS_FROZEN_TABLES,
  {
    table: 'release_review_town',
    key: ['campaign_id', 'town_code'],
    values: ['county_code', ...REVIEW_STATISTIC_NAMES.map((name) => REVIEW_STATISTICS[name].column)],
    freeze: FREEZE_REVIEW_TOWNS_SQL,
    county: 'county_code',
  },
  {
    table: 'release_publicity',
    key: ['application_id'],
    values: [
      'county_code',
      'town_code',
      'village_code',
      'seq',
      'masked_name',
      'household_size',
      'program_code',
      'amount_fen',
      'publicity_start',
      'publicity_end',
    ],
    freeze: FREEZE_PUBLICITY_SQL,
    county: 'county_code',
  },
  {
    table: 'release_population',
    key: ['region_code', 'year'],
    values: ['county_code', 'population', 'as_of', 'source', 'sample'],
    freeze: FREEZE_POPULATION_SQL,
    county: 'county_code',
  },
  {
    table: 'release_change',
    key: ['county_code', 'program_code', 'month'],
    values: ['change', 'amount_before_fen', 'amount_after_fen', 'households_before', 'households_after'],
    county: 'county_code',
  },
];

/** A freeze statement with its parameters: the release id for every `?`. */
export function freezeStatement(sql: string, releaseId: string): [string, string[]] {
  return [sql, Array.from(sql.matchAll(/\?/g), () => releaseId)];
}
