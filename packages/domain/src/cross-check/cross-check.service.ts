import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCan, assertRegionInScope, visible, type Actor } from '../access/actor.js';
import { addDays, today } from '../access/clock.js';
import { audit, auditedChange } from '../audit/audit.js';
import { lockKey, lockRow } from '../database/transaction.js';
import { createEnrollment, endEnrollment } from '../enrollment/enrollment.service.js';
import { Enrollment, type ExitReason } from '../enrollment/enrollment.entity.js';
import { DomainError } from '../errors/domain-error.js';
import { Person } from '../household/person.entity.js';
import { recordDeath } from '../household/household.service.js';
import { monthlyAmountFen } from '../payroll/monthly-amount.js';
import { recordCorrection } from '../payroll/payroll.service.js';
import { addMonths, firstDayOfMonth, monthOfDate, parseMonth } from '../period/month.js';
import { Region } from '../region/region.entity.js';
import { CrossCheckHit } from './cross-check-hit.entity.js';
import { CrossCheckRun, type AppliedRule } from './cross-check-run.entity.js';
import { CROSS_CHECK_RULES, ruleQuery } from './cross-check-rules.js';

/** Days a hit has to be worked to an outcome from the day it is found. */
export const HIT_DEADLINE_DAYS = 30;

export interface RunCrossCheckInput {
  countyCode: string;
  /** 'YYYY-MM': the month checked (enrollments active in it, standards in force in it). */
  month: string;
}

/**
 * Runs every rule in force for the month over the county's active enrollments and the latest
 * feed deliveries, and raises a hit for each finding not raised before. Runs of a county are
 * serialised on an advisory lock, and the unique key cross_check_hit_once refuses a second hit of
 * the same rule × enrollment × person × evidence: a run repeated, or run twice at once, raises
 * nothing twice. The run and its counts are audited.
 */
export async function runCrossCheck(em: EntityManager, actor: Actor, input: RunCrossCheckInput): Promise<CrossCheckRun> {
  assertCan(actor, 'runCrossCheck');
  const county = await em.findOne(Region, { code: input.countyCode });
  if (!county || input.countyCode.length !== 6) throw DomainError.unknownRegion(input.countyCode);
  assertRegionInScope(actor, county.code, 'county');
  const month = firstDayOfMonth(parseMonth(input.month));
  await lockKey(em, `cross-check:${county.code}`);
  const versions = await em.execute<{ code: string; version: number }[]>(
    `select distinct on (code) code, version from cross_check_rule where effective_from <= (?::date + interval '1 month' - interval '1 day')
     order by code, version desc`,
    [month],
  );
  const foundOn = today();
  const run = em.create(CrossCheckRun, { county, month, rules: [], startedBy: actor.subject });
  await em.flush();
  const applied: AppliedRule[] = [];
  for (const code of CROSS_CHECK_RULES) {
    const version = versions.find((v) => v.code === code)?.version;
    if (version == null) continue;
    const { sql, params } = ruleQuery(code, version, { county: county.code, month, asOf: foundOn });
    // The rule's found rows first, by a statement of their own: a statement that also writes (the
    // insert below) never runs in parallel, and at province scale the rules' scans and joins over
    // the county's enrollments are what takes the time (docs/cross-checks.md, "Performance").
    await em.execute('drop table if exists cross_check_found');
    await em.execute(`create temp table cross_check_found on commit drop as ${sql} select * from found`, params);
    const [counts] = await em.execute<{ found: number; added: number }[]>(
      `with added as (
         insert into cross_check_hit (run_id, rule_code, rule_version, county_code, village_code, enrollment_id, household_id,
                                      person_id, evidence, evidence_key, evidence_date, found_on, due_on)
         select ?, ?, ?, ?, f.village_code, f.enrollment_id, f.household_id, f.person_id, f.evidence, f.evidence_key,
                f.evidence_date, ?::date, ?::date
         from cross_check_found f
         on conflict on constraint cross_check_hit_once do nothing
         returning 1
       )
       select (select count(*) from cross_check_found)::int as found, (select count(*) from added)::int as added`,
      [run.id, code, version, county.code, foundOn, addDays(foundOn, HIT_DEADLINE_DAYS)],
    );
    applied.push({ code, version, found: counts?.found ?? 0, added: counts?.added ?? 0 });
  }
  run.rules = applied;
  run.hitCount = applied.reduce((sum, r) => sum + r.found, 0);
  run.newHitCount = applied.reduce((sum, r) => sum + r.added, 0);
  audit(em, actor, {
    action: 'runCrossCheck',
    entity: 'cross_check_run',
    entityId: run.id,
    regionCode: county.code,
    after: { month, rules: applied, hitCount: run.hitCount, newHitCount: run.newHitCount },
  });
  await em.flush();
  return run;
}

/** A hit the actor may see (by its village), or NOT_FOUND alike for a missing one; with `lock`, taken for update. */
export async function getCrossCheckHit(
  em: EntityManager,
  actor: Actor,
  id: number,
  options: { lock?: boolean } = {},
): Promise<CrossCheckHit> {
  const hit = options.lock ? await lockRow(em, CrossCheckHit, { id }) : await em.findOne(CrossCheckHit, { id });
  return visible(actor, hit, (h) => h.villageCode, 'cross-check hit', id);
}

export const HIT_OUTCOMES = ['stop', 'adjust', 'dismiss'] as const;
export type HitOutcome = (typeof HIT_OUTCOMES)[number];

export interface DecideHitInput {
  hitId: number;
  outcome: HitOutcome;
  reason: string;
  /**
   * 'YYYY-MM': the first month not paid (stop) or paid at the new amount (adjust). A death stops
   * pay from the month after it, whatever is given.
   */
  fromMonth?: string | null;
  /** stop: take back what was paid for the months from `fromMonth` on (追回). */
  recover?: boolean;
  /** adjust: the re-assessed per-capita income and covered members. */
  perCapitaIncomeFen?: number | null;
  coveredMembers?: number | null;
}

const EXIT_REASON: Record<string, ExitReason> = {
  income_above_line: 'income_above_standard',
  duplicate_county: 'moved_away',
};

/** Net paid per month of an enrollment from a month on (months with a positive net only). */
async function paidMonths(em: EntityManager, enrollmentId: number, from: string): Promise<{ month: string; net: number }[]> {
  const rows = await em.execute<{ month: string; net: string }[]>(
    `select to_char(month, 'YYYY-MM') as month, sum(amount_fen)::text as net from payment
     where enrollment_id = ? and month >= ?::date group by month having sum(amount_fen) > 0 order by month`,
    [enrollmentId, from],
  );
  return rows.map((r) => ({ month: r.month, net: Number(r.net) }));
}

/**
 * Works a hit to its outcome, in one transaction, audited with the changes it makes:
 * - stop: a death (deceased_paid) is recorded with the feed's date, which ends the person's pay
 *   from the month after it (recordDeath); other rules end the enrollment after the month before
 *   `fromMonth`. With `recover`, what was paid from that month on is taken back as recovery
 *   entries first (a deceased member's share of a household's months: the net ÷ covered members).
 * - adjust: the enrollment ends after the month before `fromMonth` and a new one with the new
 *   assessment starts in it; for the months from `fromMonth` already paid, the difference between
 *   what was paid and the new monthly amount is recovered or paid back first (entries of the
 *   enrollment that paid them).
 * - dismiss: nothing changes but the hit, closed with the reason.
 */
export async function decideCrossCheckHit(em: EntityManager, actor: Actor, input: DecideHitInput): Promise<CrossCheckHit> {
  assertCan(actor, 'decideCrossCheckHit');
  const hit = await getCrossCheckHit(em, actor, input.hitId, { lock: true });
  if (hit.status !== 'open') throw new DomainError('HIT_DECIDED', `This hit is ${hit.status} already: it is worked once.`);
  if (!input.reason.trim()) throw new DomainError('TEXT_REQUIRED', 'Give the reason for the outcome.');
  const decidedOn = today();
  const thisMonth = monthOfDate(decidedOn);
  let fromMonth: string | null = null;
  let recovered = 0;
  let backPaid = 0;
  let newEnrollment: Enrollment | null = null;
  if (input.outcome !== 'dismiss') {
    const enrollment = await lockRow(em, Enrollment, { id: hit.enrollment.id });
    if (!enrollment || enrollment.status !== 'active') {
      throw new DomainError('TRANSITION_NOT_ALLOWED', 'The enrollment of this hit has ended already: dismiss the hit with the reason.');
    }
    const death = hit.ruleCode === 'deceased_paid' && input.outcome === 'stop';
    if (death) fromMonth = addMonths(monthOfDate(hit.evidenceDate!), 1);
    else if (input.fromMonth) fromMonth = parseMonth(input.fromMonth);
    else throw new DomainError('INVALID_MONTH', 'Give the month from which pay stops or changes (fromMonth).');
    const startMonth = enrollment.startMonth.slice(0, 7);
    if (!death && (fromMonth <= startMonth || fromMonth > addMonths(thisMonth, 1))) {
      throw new DomainError(
        'INVALID_MONTH',
        `Pay of this enrollment (from ${startMonth}) can stop or change from ${addMonths(startMonth, 1)} up to next month (${addMonths(thisMonth, 1)}); ${fromMonth} is outside.`,
        { month: fromMonth },
      );
    }
    if (input.outcome === 'stop') {
      if (input.recover) {
        const shared = enrollment.person == null && death;
        for (const { month, net } of await paidMonths(em, enrollment.id, firstDayOfMonth(fromMonth))) {
          const amountFen = shared ? Math.floor(net / enrollment.coveredMembers) : net;
          if (amountFen <= 0) continue;
          await recordCorrection(em, actor, 'recovery', {
            enrollmentId: enrollment.id,
            month,
            amountFen,
            note: `核查追回（${hit.evidence}）`,
          });
          recovered += amountFen;
        }
      }
      if (death) {
        const person = await em.findOneOrFail(Person, { id: hit.person.id });
        if (!person.deceasedOn) await recordDeath(em, actor, person.id, hit.evidenceDate!);
      } else {
        const lastMonth = firstDayOfMonth(addMonths(fromMonth, -1));
        await endEnrollment(em, actor, enrollment, lastMonth, EXIT_REASON[hit.ruleCode] ?? 'other');
      }
    } else {
      const perCapita = input.perCapitaIncomeFen ?? enrollment.perCapitaIncomeFen;
      const covered = input.coveredMembers ?? enrollment.coveredMembers;
      if (!Number.isSafeInteger(perCapita) || perCapita < 0)
        throw new DomainError('INVALID_AMOUNT', 'The per-capita income is a whole number of fen, zero or more.');
      if (!Number.isInteger(covered) || covered < 1)
        throw new DomainError('INVALID_MEMBER_COUNT', 'At least one member stays covered; stop the enrollment otherwise.');
      // the months from fromMonth already paid at the old amount: the difference to the new amount
      // is recovered (追回) or paid back (补发) as entries of the enrollment that paid them
      for (const { month, net } of await paidMonths(em, enrollment.id, firstDayOfMonth(fromMonth))) {
        if (month > thisMonth) continue;
        const [standard] = await em.execute<{ fen: string | null }[]>(
          `select (select st.amount_fen from standard st
                   where st.program_code = e.program_code and st.county_code = e.county_code and st.area_type = e.area_type
                     and st.tier = e.tier and st.effective_month <= ?::date
                   order by st.effective_month desc limit 1)::text as fen
           from enrollment e where e.id = ?`,
          [firstDayOfMonth(month), enrollment.id],
        );
        const due = monthlyAmountFen({
          amountRule: enrollment.amountRule,
          standardFen: Number(standard?.fen ?? 0),
          perCapitaIncomeFen: perCapita,
          coveredMembers: covered,
        });
        if (due === net) continue;
        const note = `核查调整（${hit.evidence}）：${month} 按新核定金额`;
        if (due < net) {
          await recordCorrection(em, actor, 'recovery', { enrollmentId: enrollment.id, month, amountFen: net - due, note });
          recovered += net - due;
        } else {
          await recordCorrection(em, actor, 'back_pay', {
            enrollmentId: enrollment.id,
            month,
            amountFen: due - net,
            note,
            aboveEntitlementReason: `按核查调整后的新核定（${covered} 人）补发`,
          });
          backPaid += due - net;
        }
      }
      await endEnrollment(em, actor, enrollment, firstDayOfMonth(addMonths(fromMonth, -1)), 'adjusted');
      await em.populate(enrollment, ['program', 'household']);
      newEnrollment = await createEnrollment(em, actor, {
        program: enrollment.program,
        household: enrollment.household,
        person: enrollment.person ?? null,
        application: enrollment.application ?? null,
        amountRule: enrollment.amountRule,
        tier: enrollment.tier,
        coveredMembers: covered,
        perCapitaIncomeFen: perCapita,
        startMonth: firstDayOfMonth(fromMonth),
        previousEnrollment: enrollment,
      });
    }
  }
  return auditedChange(em, actor, { action: 'decideCrossCheckHit', entity: 'cross_check_hit', regionCode: hit.villageCode }, hit, (h) => {
    h.status = input.outcome === 'stop' ? 'stopped' : input.outcome === 'adjust' ? 'adjusted' : 'dismissed';
    h.stopMonth = fromMonth ? firstDayOfMonth(fromMonth) : null;
    h.recoveredFen = recovered;
    h.backPaidFen = backPaid;
    h.outcomeReason = input.reason;
    h.newEnrollment = newEnrollment;
    h.decidedOn = decidedOn;
    h.decidedBy = actor.subject;
  });
}
