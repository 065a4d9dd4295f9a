import { REVIEW_STATISTIC_NAMES, REVIEW_STATISTICS } from '../review/review-statistics.js';
import { reviewStatisticsSql } from '../review/review.service.js';

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
