import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCan, assertRegionInScope, notFound, type Actor } from '../access/actor.js';
import { lockRow } from '../database/transaction.js';
import { Enrollment } from '../enrollment/enrollment.entity.js';
import { today } from '../access/clock.js';
import { auditedChange, auditedCreate } from '../audit/audit.js';
import { createEnrollment, endEnrollment } from '../enrollment/enrollment.service.js';
import { DomainError } from '../errors/domain-error.js';
import { assertPastDate } from '../period/date.js';
import { addMonths, firstDayOfMonth, monthOfDate } from '../period/month.js';
import { Region } from '../region/region.entity.js';
import { RegionLevel } from '../region/region-level.js';
import { ReviewCampaign } from './review-campaign.entity.js';
import { REVIEW_STATISTIC_NAMES, REVIEW_STATISTICS, type ReviewStatistics } from './review-statistics.js';
import { ReviewTask, type ReviewForm, type ReviewOutcome } from './review-task.entity.js';

/** The earliest date a review visit may carry. */
const EARLIEST_VISIT = '2000-01-01';

/** Programs re-reviewed by default: the minimum living guarantee. */
export const DEFAULT_REVIEW_PROGRAMS = ['dibao_urban', 'dibao_rural'];

export interface CreateReviewCampaignInput {
  countyCode: string;
  name: string;
  periodStart: string;
  periodEnd: string;
  programCodes?: string[];
}

/** A campaign with one task per enrolled household (active enrollments of the programs), inserted set-based. */
export async function createReviewCampaign(em: EntityManager, actor: Actor, input: CreateReviewCampaignInput): Promise<ReviewCampaign> {
  assertCan(actor, 'manageReviewCampaign');
  const county = await em.findOne(Region, { code: input.countyCode });
  if (!county) throw DomainError.unknownRegion(input.countyCode);
  if (county.level !== RegionLevel.COUNTY)
    throw new DomainError('INVALID_REGION_CODE', 'A re-review campaign covers a county (6-digit code).');
  assertRegionInScope(actor, county.code, 'county');
  if (!input.name.trim()) throw new DomainError('TEXT_REQUIRED', 'Name the campaign (e.g. 2021年低保对象复核).');
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(input.periodStart) ||
    !/^\d{4}-\d{2}-\d{2}$/.test(input.periodEnd) ||
    input.periodEnd < input.periodStart
  ) {
    throw new DomainError('INVALID_DATE', 'The period is two ISO dates (YYYY-MM-DD), the end not before the start.');
  }
  const programs = input.programCodes ?? DEFAULT_REVIEW_PROGRAMS;
  return auditedCreate(em, actor, { action: 'createReviewCampaign', entity: 'review_campaign', regionCode: county.code }, async () => {
    const campaign = em.create(ReviewCampaign, {
      county,
      name: input.name,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      createdBy: actor.subject,
    });
    await em.flush();
    await em.execute(
      `insert into review_task (campaign_id, enrollment_id, household_id, village_code)
       select ?, e.id, e.household_id, e.village_code from enrollment e
       where e.county_code = ? and e.status = 'active' and e.program_code = any(string_to_array(?, ','))`,
      [campaign.id, county.code, programs.join(',')],
    );
    return campaign;
  });
}

/** A task taken for update and read after the lock, or NOT_FOUND (also for one of another region). */
async function getTask(em: EntityManager, actor: Actor, id: number): Promise<ReviewTask> {
  const locked = await lockRow(em, ReviewTask, { id });
  if (!locked || !locked.villageCode.startsWith(actor.regionCode)) throw notFound(actor, 'review task', id);
  return (await em.findOne(ReviewTask, { id }, { populate: ['enrollment', 'enrollment.program', 'household'] }))!;
}

export async function scheduleReviewVisit(em: EntityManager, actor: Actor, taskId: number, appointmentAt: Date): Promise<ReviewTask> {
  assertCan(actor, 'recordReviewVisit');
  const task = await getTask(em, actor, taskId);
  if (task.outcome) throw new DomainError('TRANSITION_NOT_ALLOWED', 'This review is decided already.');
  return auditedChange(em, actor, { action: 'scheduleReviewVisit', entity: 'review_task', regionCode: task.villageCode }, task, (t) => {
    t.appointmentAt = appointmentAt;
  });
}

export interface RecordReviewVisitInput {
  taskId: number;
  visitedOn: string;
  form: ReviewForm;
  neighbourCheck: string;
  committeeCheck: string;
}

/** The home visit: the family review form and the neighbour / village-committee check. */
export async function recordReviewVisit(em: EntityManager, actor: Actor, input: RecordReviewVisitInput): Promise<ReviewTask> {
  assertCan(actor, 'recordReviewVisit');
  const task = await getTask(em, actor, input.taskId);
  if (task.outcome) throw new DomainError('TRANSITION_NOT_ALLOWED', 'This review is decided already.');
  assertPastDate(input.visitedOn, 'The date of a visit', { date: EARLIEST_VISIT, what: EARLIEST_VISIT });
  if (!Number.isSafeInteger(input.form.monthlyIncomeFen) || input.form.monthlyIncomeFen < 0) {
    throw new DomainError('INVALID_AMOUNT', 'The household income on the form is a whole number of fen, zero or more.');
  }
  if (!(input.form.members >= 1)) throw new DomainError('INVALID_MEMBER_COUNT', 'The form counts at least one member.');
  return auditedChange(em, actor, { action: 'recordReviewVisit', entity: 'review_task', regionCode: task.villageCode }, task, (t) => {
    t.visitedOn = input.visitedOn;
    t.form = input.form;
    t.neighbourCheck = input.neighbourCheck;
    t.committeeCheck = input.committeeCheck;
  });
}

export interface DecideReviewInput {
  taskId: number;
  outcome: ReviewOutcome;
  reason: string;
  /** For adjust: the re-assessed per-capita income (gap programs) and covered members. */
  perCapitaIncomeFen?: number | null;
  coveredMembers?: number | null;
  /** For adjust: 渐退 — a fixed monthly amount kept while income rose above the line. */
  fixedAmountFen?: number | null;
}

/**
 * continue: nothing changes. adjust: the enrollment ends with this month and a new one, with the
 * new assessment, starts next month. cancel (核销): the enrollment ends with this month.
 */
export async function decideReview(em: EntityManager, actor: Actor, input: DecideReviewInput): Promise<ReviewTask> {
  assertCan(actor, 'decideReview');
  const task = await getTask(em, actor, input.taskId);
  if (task.outcome) {
    // a second click of the same decision, or a decision taken meanwhile by someone else: nothing changes
    throw new DomainError(
      'REVIEW_DECIDED',
      `This review was decided already (${task.outcome.toUpperCase()} on ${task.decidedOn}${task.decidedBy === actor.subject ? ', by you' : ''}): nothing was changed.`,
      { status: task.outcome },
    );
  }
  if (!task.visitedOn) throw new DomainError('TRANSITION_NOT_ALLOWED', 'Record the home visit before deciding the review.');
  if (!input.reason.trim() && input.outcome !== 'continue')
    throw new DomainError('TEXT_REQUIRED', 'Give the reason for the adjustment or cancellation.');
  const what = { action: 'decideReview', entity: 'review_task', regionCode: task.villageCode };
  return auditedChange(em, actor, what, task, async (task) => {
    const decidedOn = today();
    const thisMonth = firstDayOfMonth(monthOfDate(decidedOn));
    // the enrollment is changed too: taken for update (a death or another review may be ending it)
    const enrollment = (await lockRow(em, Enrollment, { id: task.enrollment.id }))!;
    if (input.outcome !== 'continue' && enrollment.status !== 'active') {
      throw new DomainError('TRANSITION_NOT_ALLOWED', 'The enrollment under review has already ended.');
    }
    if (input.outcome === 'adjust') {
      const perCapita = input.perCapitaIncomeFen ?? enrollment.perCapitaIncomeFen;
      const covered = input.coveredMembers ?? enrollment.coveredMembers;
      if (!Number.isSafeInteger(perCapita) || perCapita < 0)
        throw new DomainError('INVALID_AMOUNT', 'The per-capita income is a whole number of fen, zero or more.');
      if (!(covered >= 1))
        throw new DomainError('INVALID_MEMBER_COUNT', 'At least one member stays covered; cancel the enrollment otherwise.');
      if (input.fixedAmountFen != null && (!Number.isSafeInteger(input.fixedAmountFen) || input.fixedAmountFen <= 0)) {
        throw new DomainError('INVALID_AMOUNT', 'A gradual-exit (渐退) amount is a positive whole number of fen.');
      }
      await endEnrollment(em, actor, enrollment, thisMonth, 'adjusted');
      task.newEnrollment = await createEnrollment(em, actor, {
        program: enrollment.program,
        household: task.household,
        person: enrollment.person ?? null,
        application: enrollment.application ?? null,
        amountRule: enrollment.amountRule,
        tier: enrollment.tier,
        coveredMembers: covered,
        perCapitaIncomeFen: perCapita,
        fixedAmountFen: input.fixedAmountFen ?? null,
        startMonth: firstDayOfMonth(addMonths(thisMonth.slice(0, 7), 1)),
        previousEnrollment: enrollment,
      });
    } else if (input.outcome === 'cancel') {
      await endEnrollment(em, actor, enrollment, thisMonth, 'cancelled_on_review');
    }
    task.outcome = input.outcome;
    task.outcomeReason = input.reason;
    task.decidedOn = decidedOn;
    task.decidedBy = actor.subject;
  });
}

/**
 * The statistics of the campaigns matching `where` (a condition on `review_campaign c`), one row
 * per campaign with `campaign_id` and every figure of REVIEW_STATISTICS (review-statistics.ts):
 * used live by the internal API and frozen into each release (release-figures.ts). `byTown`: one
 * row per campaign and town of its county (`town_code`), each figure counted over the tasks (and
 * approvals) of the town's villages — the towns of a campaign sum to it, figure by figure.
 */
export function reviewStatisticsSql(where: string, options: { byTown?: boolean } = {}): string {
  const figures = REVIEW_STATISTIC_NAMES.map((name) => `(${REVIEW_STATISTICS[name].sql})::int as "${name}"`);
  // r: the region counted (REVIEW_STATISTICS reads r.code): the county, or each of its towns
  const regions = options.byTown ? `r.parent_code = c.county_code and r.level = 'town'` : `r.code = c.county_code`;
  const tasks = options.byTown ? `t.campaign_id = c.id and left(t.village_code, 9) = r.code` : `t.campaign_id = c.id`;
  return `with selected as (select c.* from review_campaign c where ${where}),
     programs as (
       select distinct t.campaign_id, e.program_code from review_task t join enrollment e on e.id = t.enrollment_id
       where t.campaign_id in (select id from selected)),
     newly as (
       select c.id as campaign_id, r.code, count(*) as households, coalesce(sum(a.covered_members), 0) as persons
       from selected c
       join region r on ${regions}
       join application a on a.county_code = c.county_code and left(a.village_code, length(r.code)) = r.code
         and a.status = 'approved' and a.decided_on between c.period_start and c.period_end
       join programs pg on pg.campaign_id = c.id and pg.program_code = a.program_code
       group by c.id, r.code)
     select c.id as campaign_id,${options.byTown ? ' r.code as town_code,' : ''}
       ${figures.join(',\n       ')}
     from selected c
     join region r on ${regions}
     left join review_task t on ${tasks}
     left join enrollment e on e.id = t.enrollment_id
     left join newly n on n.campaign_id = c.id and n.code = r.code
     group by c.id, r.code`;
}

export async function reviewStatistics(em: EntityManager, campaignIds: readonly number[]): Promise<Map<number, ReviewStatistics>> {
  const rows = await em.execute<(ReviewStatistics & { campaign_id: number })[]>(
    reviewStatisticsSql("c.id = any(string_to_array(?, ',')::int[])"),
    [campaignIds.join(',')],
  );
  return new Map(rows.map(({ campaign_id, ...stats }) => [campaign_id, stats]));
}
