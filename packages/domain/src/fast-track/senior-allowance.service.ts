import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCan, assertRegionInScope, type Actor } from '../access/actor.js';
import { today } from '../access/clock.js';
import { audit, auditedChange, snapshot } from '../audit/audit.js';
import { ApplicationEvent } from '../application/application-event.entity.js';
import { Application, type ApplicationChannel } from '../application/application.entity.js';
import { lockRow } from '../database/transaction.js';
import { createEnrollment, endEnrollment } from '../enrollment/enrollment.service.js';
import { Enrollment } from '../enrollment/enrollment.entity.js';
import { DomainError } from '../errors/domain-error.js';
import { currentMembers, getHousehold } from '../household/household.service.js';
import { ageOn } from '../person/id-number.js';
import { assertPastDate } from '../period/date.js';
import { addMonths, firstDayOfMonth, monthOfDate, parseMonth } from '../period/month.js';
import { getProgram, standardInForce } from '../program/standard.service.js';

/** 尊老金: the program paid by age tier, from 80 years of age. */
export const SENIOR_ALLOWANCE = 'senior_allowance';

/** The age tier of 尊老金 at an age: '100', '90', '80', or '' below 80. */
export function seniorTier(age: number): '' | '80' | '90' | '100' {
  return age >= 100 ? '100' : age >= 90 ? '90' : age >= 80 ? '80' : '';
}

export interface InstantSeniorAllowanceInput {
  householdId: number;
  personId: number;
  channel: ApplicationChannel;
  appliedOn?: string;
}

/**
 * 尊老金 秒批 (即申请即审批): eligibility follows from the ID number alone (the age tier), so the
 * application is approved in the request that submits it, with no 公示: one transaction records
 * the application (applied → approved, marked instant), its events, the enrollment from this
 * month at the tier's standard, and the audit entries. Below 80 it is refused (BELOW_AGE_TIER)
 * and nothing is recorded. The enrollment of a person already paid 尊老金 is refused as any
 * second enrollment is (ALREADY_ENROLLED).
 */
export async function instantSeniorAllowance(
  em: EntityManager,
  actor: Actor,
  input: InstantSeniorAllowanceInput,
): Promise<{ application: Application; enrollment: Enrollment }> {
  assertCan(actor, 'submitApplication');
  assertCan(actor, 'approveApplication');
  const household = await getHousehold(em, actor, input.householdId, { lock: true });
  const program = await getProgram(em, SENIOR_ALLOWANCE);
  const member = (await currentMembers(em, household.id)).find((m) => m.person.id === input.personId);
  if (!member) throw new DomainError('NOT_A_MEMBER', 'The person is not a current member of this household.');
  const person = member.person;
  if (person.deceasedOn) throw new DomainError('NOT_ELIGIBLE', 'This person’s death is recorded: nothing was added.');
  const appliedOn = assertPastDate(input.appliedOn ?? today(), 'An application date', { date: person.birthDate, what: 'the birth' });
  const decidedOn = today();
  const age = ageOn(person.birthDate, decidedOn);
  const tier = seniorTier(age);
  if (!tier) {
    throw new DomainError(
      'BELOW_AGE_TIER',
      `${program.name} starts at 80 years of age; by the ID number this person is ${age}: apply in the month of the 80th birthday.`,
      { age },
    );
  }
  const month = firstDayOfMonth(monthOfDate(decidedOn));
  const standard = await standardInForce(em, {
    programCode: program.code,
    countyCode: household.county.code,
    areaType: household.areaType,
    tier,
    month,
  });
  if (!standard) {
    throw new DomainError(
      'STANDARD_MISSING',
      `No ${household.areaType} standard of ${program.name} (tier ${tier}) is in force for ${household.county.code} in ${month.slice(0, 7)}: a county administrator sets it with setStandard.`,
    );
  }
  const application = em.create(Application, {
    household,
    program,
    person,
    county: household.county,
    village: household.village,
    channel: input.channel,
    appliedOn,
    reason: `秒批：${tier}周岁档`,
    householdSize: 1,
    coveredMembers: 1,
    tier,
    assessedAmountFen: standard.amountFen,
    status: 'approved',
    instant: true,
    decidedOn,
    createdBy: actor.subject,
  });
  em.create(ApplicationEvent, { application, fromStatus: null, toStatus: 'applied', actor: actor.subject, note: '' });
  em.create(ApplicationEvent, {
    application,
    fromStatus: 'applied',
    toStatus: 'approved',
    actor: actor.subject,
    note: `秒批：${tier}周岁档，无需公示`,
  });
  await em.flush();
  audit(em, actor, {
    action: 'instantApproval',
    entity: 'application',
    entityId: application.id,
    regionCode: household.village.code,
    after: snapshot(application),
  });
  const enrollment = await createEnrollment(em, actor, {
    program,
    household,
    person,
    application,
    amountRule: program.amountRule,
    tier,
    coveredMembers: 1,
    perCapitaIncomeFen: 0,
    startMonth: month,
  });
  return { application, enrollment };
}

/**
 * Tiers move up in the birthday month (80 → 90 → 100): each active 尊老金 enrollment of the county
 * whose person reaches the next tier by the end of `month` ends with the month before and a new
 * one at the new tier starts in it (one that starts in the month changes its tier). Payroll of
 * 尊老金 runs it before it pays the month; repeating it changes nothing.
 */
export async function advanceSeniorTiers(em: EntityManager, actor: Actor, input: { countyCode: string; month: string }): Promise<number> {
  assertCan(actor, 'managePayroll');
  assertRegionInScope(actor, input.countyCode, 'county');
  const month = firstDayOfMonth(parseMonth(input.month));
  const due = await em.execute<{ id: number; tier: string }[]>(
    `select e.id, case when a.age >= 100 then '100' when a.age >= 90 then '90' else '80' end as tier
     from enrollment e join person p on p.id = e.person_id
     cross join lateral (select extract(year from age((?::date + interval '1 month' - interval '1 day')::date, p.birth_date))::int as age) a
     where e.county_code = ? and e.program_code = ? and e.status = 'active' and e.start_month <= ?::date
       and e.tier <> case when a.age >= 100 then '100' when a.age >= 90 then '90' else '80' end
       and a.age >= 80
     order by e.id`,
    [month, input.countyCode, SENIOR_ALLOWANCE, month],
  );
  for (const { id, tier } of due) {
    const enrollment = (await lockRow(em, Enrollment, { id }))!;
    if (enrollment.status !== 'active' || enrollment.tier === tier) continue;
    if (enrollment.startMonth >= month) {
      await auditedChange(
        em,
        actor,
        { action: 'advanceSeniorTier', entity: 'enrollment', regionCode: enrollment.village.code },
        enrollment,
        (e) => void (e.tier = tier),
      );
      continue;
    }
    await endEnrollment(em, actor, enrollment, firstDayOfMonth(addMonths(month.slice(0, 7), -1)), 'adjusted');
    await em.populate(enrollment, ['program', 'household', 'person']);
    await createEnrollment(em, actor, {
      program: enrollment.program,
      household: enrollment.household,
      person: enrollment.person ?? null,
      application: enrollment.application ?? null,
      amountRule: enrollment.amountRule,
      tier,
      coveredMembers: enrollment.coveredMembers,
      perCapitaIncomeFen: 0,
      startMonth: month,
      previousEnrollment: enrollment,
    });
  }
  return due.length;
}
