import {
  DomainError,
  PUBLISHED_REVIEW_STATISTICS,
  reviewStatisticColumns,
  type AmountRule,
  type BeneficiaryUnit,
  type DisclosurePolicy,
  type EntityManager,
  type PaymentFrequency,
  type PublishedReviewStatistic,
  type ReviewStatistics,
} from '@xingfu/domain';

/**
 * The read model of the public schema: releases, their rollups (aggregates, application counts,
 * changelog) and the county figures published beside them. Rows only; suppression is applied by
 * the resolver through the one policy (disclosure/public-counts.ts). The 幸福清单 is in
 * listing.read-model.ts.
 */

/** The release asked for (NOT_FOUND when unknown), or the latest; null before any release. */
export async function releaseIdOf(em: EntityManager, releaseId: string | null | undefined): Promise<string | null> {
  const rows = releaseId
    ? await em.execute<{ id: string }[]>('select id from disclosure_release where id = ?', [releaseId])
    : await em.execute<{ id: string }[]>('select id from disclosure_release order by seq desc limit 1');
  if (releaseId && rows.length === 0) throw new DomainError('NOT_FOUND', `No release ${releaseId}: see the releases query.`);
  return rows[0]?.id ?? null;
}

/** Every release, newest first, or one. */
export function releaseRows(em: EntityManager, id?: string): Promise<{ id: string; as_of: string; note: string }[]> {
  return em.execute(
    `select id, to_char(as_of, 'YYYY-MM-DD') as as_of, note from disclosure_release ${id ? 'where id = ?' : ''} order by seq desc`,
    id ? [id] : [],
  );
}

export function releasedMonthRows(
  em: EntityManager,
  releaseId: string,
  countyCode: string | null,
): Promise<{ county_code: string; month: string }[]> {
  return em.execute(
    `select county_code, to_char(month, 'YYYY-MM') as month from release_period
     where release_id = ? ${countyCode ? 'and county_code = ?' : ''} order by county_code, month`,
    [releaseId, ...(countyCode ? [countyCode] : [])],
  );
}

export function releaseChangeRows(em: EntityManager, releaseId: string) {
  return em.execute<
    {
      county_code: string;
      program_code: string;
      disclosure: DisclosurePolicy;
      month: string;
      change: string;
      amount_before_fen: string | null;
      amount_after_fen: string | null;
      households_before: number | null;
      households_after: number | null;
    }[]
  >(
    `select c.county_code, c.program_code, p.disclosure, to_char(c.month, 'YYYY-MM') as month, c.change,
            c.amount_before_fen::text, c.amount_after_fen::text, c.households_before, c.households_after
     from release_change c join release_program p on p.release_id = c.release_id and p.code = c.program_code
     where c.release_id = ? order by c.county_code, c.month, c.program_code`,
    [releaseId],
  );
}

/** Aggregates of a release: `regionFilter` is a condition on `rollup_aggregate a` with its parameters. */
export function aggregateRows(
  em: EntityManager,
  q: { releaseId: string; regionFilter: string; regionParams: string[]; periodKind: string; year: number; programCode: string | null },
) {
  return em.execute<
    {
      region_code: string;
      program_code: string;
      disclosure: DisclosurePolicy;
      period: string;
      suppressed: boolean;
      households: number;
      persons: number;
      person_months: number;
      amount_fen: string;
    }[]
  >(
    `select a.region_code, a.program_code, p.disclosure, a.period, a.suppressed, a.households, a.persons, a.person_months, a.amount_fen::text
     from rollup_aggregate a join release_program p on p.release_id = a.release_id and p.code = a.program_code
     where a.release_id = ? and ${q.regionFilter} and a.period_kind = ? and a.period like ? ${q.programCode ? 'and a.program_code = ?' : ''}
     order by a.region_code, p.sort_order, a.period`,
    [q.releaseId, ...q.regionParams, q.periodKind, `${q.year}%`, ...(q.programCode ? [q.programCode] : [])],
  );
}

/** Standards of a county's published programs as a release froze them, history included. */
export function standardRows(em: EntityManager, releaseId: string, countyCode: string) {
  return em.execute<{ program_code: string; name: string; area_type: string; tier: string; month: string; amount_fen: string }[]>(
    `select s.program_code, p.name, s.area_type, s.tier, to_char(s.effective_month, 'YYYY-MM') as month, s.amount_fen::text
     from release_standard s join release_program p on p.release_id = s.release_id and p.code = s.program_code
     where s.release_id = ? and s.county_code = ?
     order by p.sort_order, s.area_type, s.tier, s.effective_month`,
    [releaseId, countyCode],
  );
}

/** Re-review campaigns of a county and their results as a release froze them, newest first. */
export function reviewCampaignRows(em: EntityManager, releaseId: string, countyCode: string) {
  return em.execute<
    ({
      id: number;
      name: string;
      period_start: string;
      period_end: string;
      disclosure: DisclosurePolicy;
    } & Pick<ReviewStatistics, PublishedReviewStatistic>)[]
  >(
    `select campaign_id as id, name, to_char(period_start, 'YYYY-MM-DD') as period_start, to_char(period_end, 'YYYY-MM-DD') as period_end,
            disclosure, ${reviewStatisticColumns(PUBLISHED_REVIEW_STATISTICS)}
     from release_review_campaign where release_id = ? and county_code = ? order by period_start desc, campaign_id`,
    [releaseId, countyCode],
  );
}

/** Application counts of a release for a county and its towns, in a year. */
export function applicationRows(em: EntityManager, releaseId: string, countyCode: string, year: number) {
  return em.execute<
    {
      region_code: string;
      program_code: string;
      disclosure: DisclosurePolicy;
      year: number;
      received: number;
      approved: number;
      rejected: number;
    }[]
  >(
    `select a.region_code, a.program_code, p.disclosure, a.year, a.received, a.approved, a.rejected
     from rollup_application a join release_program p on p.release_id = a.release_id and p.code = a.program_code
     where a.release_id = ? and left(a.region_code, 6) = ? and a.year = ? order by p.sort_order, a.region_code`,
    [releaseId, countyCode, year],
  );
}

/** The program catalog as a release froze it, in catalog order. */
export function releaseProgramRows(em: EntityManager, releaseId: string) {
  return em.execute<
    {
      code: string;
      name: string;
      category: string;
      frequency: PaymentFrequency;
      unit: BeneficiaryUnit;
      amount_rule: AmountRule;
      disclosure: DisclosurePolicy;
      minors_only: boolean;
      description: string;
    }[]
  >(
    `select code, name, category, frequency, unit, amount_rule, disclosure, minors_only, description
     from release_program where release_id = ? order by sort_order, code`,
    [releaseId],
  );
}

/** The figures of data-driven assistance of a county and year, as a release froze them. */
export function assistanceFigureRows(em: EntityManager, releaseId: string, countyCode: string, year: number) {
  return em.execute<{ figure: string; code: string; outcome: string; disclosure: DisclosurePolicy; cases: number; amount_fen: string }[]>(
    `select figure, code, outcome, disclosure, cases, amount_fen::text as amount_fen from release_assistance_figure
     where release_id = ? and county_code = ? and year = ? order by figure, code, outcome`,
    [releaseId, countyCode, year],
  );
}

/**
 * The year rollups of a county and its towns with the 户籍人口 each is divided by: the figure of
 * the same year, else the latest earlier one, else the earliest later one (the answer names it).
 */
export function coverageRows(em: EntityManager, releaseId: string, countyCode: string, year: number) {
  return em.execute<
    {
      region_code: string;
      program_code: string;
      disclosure: DisclosurePolicy;
      suppressed: boolean;
      households: number;
      persons: number;
      amount_fen: string;
      population_year: number | null;
      population: number | null;
      population_as_of: string | null;
      population_source: string | null;
      population_sample: boolean | null;
    }[]
  >(
    `select a.region_code, a.program_code, p.disclosure, a.suppressed, a.households, a.persons, a.amount_fen::text,
            pop.year as population_year, pop.population, to_char(pop.as_of, 'YYYY-MM-DD') as population_as_of,
            pop.source as population_source, pop.sample as population_sample
     from rollup_aggregate a
     join release_program p on p.release_id = a.release_id and p.code = a.program_code
     left join lateral (
       select rp.year, rp.population, rp.as_of, rp.source, rp.sample from release_population rp
       where rp.release_id = a.release_id and rp.region_code = a.region_code
       order by rp.year > ?, abs(rp.year - ?) limit 1
     ) pop on true
     where a.release_id = ? and a.region_level in ('county', 'town') and a.region_code like ?
       and a.period_kind = 'year' and a.period = ?
     order by length(a.region_code), a.region_code, p.sort_order`,
    [year, year, releaseId, `${countyCode}%`, String(year)],
  );
}

/** Re-review results per town of a county's campaigns as a release froze them, with the campaign's own (the towns sum to it). */
export function reviewTownRows(em: EntityManager, releaseId: string, countyCode: string) {
  return em.execute<
    ({
      campaign_id: number;
      town_code: string | null;
      disclosure: DisclosurePolicy;
    } & Pick<ReviewStatistics, PublishedReviewStatistic>)[]
  >(
    `select c.campaign_id, null as town_code, c.disclosure, ${reviewStatisticColumns(PUBLISHED_REVIEW_STATISTICS, 'c')}
     from release_review_campaign c where c.release_id = ? and c.county_code = ?
     union all
     select t.campaign_id, t.town_code, c.disclosure, ${reviewStatisticColumns(PUBLISHED_REVIEW_STATISTICS, 't')}
     from release_review_town t join release_review_campaign c on c.release_id = t.release_id and c.campaign_id = t.campaign_id
     where t.release_id = ? and t.county_code = ?
     order by 1, 2 nulls first`,
    [releaseId, countyCode, releaseId, countyCode],
  );
}
