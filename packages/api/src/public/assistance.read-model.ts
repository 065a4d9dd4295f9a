import type { DisclosurePolicy, EntityManager } from '@xingfu/domain';

/**
 * The read model of data-driven assistance in public, the process figures (docs/cross-checks.md,
 * "Public figures"): rows of the release tables they are frozen into (release_application_channel,
 * release_decision_time, release_referral) for one county and year; nothing else. Suppression is
 * applied by the resolver through the one policy; a county-year is read whole (tens of rows), one
 * statement per figure whatever its size.
 */

export interface ChannelRow {
  program_code: string;
  channel: string;
  disclosure: DisclosurePolicy;
  applications: number;
  instant: number;
}

/** Applications of a county-year by program (in the release's catalog order) and channel. */
export function channelRows(em: EntityManager, releaseId: string, countyCode: string, year: number): Promise<ChannelRow[]> {
  return em.execute<ChannelRow[]>(
    `select c.program_code, c.channel, c.disclosure, c.applications, c.instant
     from release_application_channel c
     left join release_program p on p.release_id = c.release_id and p.code = c.program_code
     where c.release_id = ? and c.county_code = ? and c.year = ?
     order by p.sort_order, c.program_code, c.channel`,
    [releaseId, countyCode, year],
  );
}

export interface DecisionTimeRow {
  program_code: string;
  decision: 'approved' | 'rejected';
  disclosure: DisclosurePolicy;
  cases: number;
  median_days: string;
}

/** Median days to decision of a county-year by program and decision. */
export function decisionTimeRows(em: EntityManager, releaseId: string, countyCode: string, year: number): Promise<DecisionTimeRow[]> {
  return em.execute<DecisionTimeRow[]>(
    `select d.program_code, d.decision, d.disclosure, d.cases, d.median_days::text as median_days
     from release_decision_time d
     left join release_program p on p.release_id = d.release_id and p.code = d.program_code
     where d.release_id = ? and d.county_code = ? and d.year = ?
     order by p.sort_order, d.program_code, d.decision`,
    [releaseId, countyCode, year],
  );
}

export interface ReferralRow {
  department: string;
  outcome: 'granted' | 'refused' | 'pending';
  cases: number;
  amount_fen: string;
}

/** 社会大救助 referrals of a county-year by department and outcome. */
export function referralRows(em: EntityManager, releaseId: string, countyCode: string, year: number): Promise<ReferralRow[]> {
  return em.execute<ReferralRow[]>(
    `select department, outcome, cases, amount_fen::text as amount_fen from release_referral
     where release_id = ? and county_code = ? and year = ? order by department, outcome`,
    [releaseId, countyCode, year],
  );
}
