import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { assertCan, visible, type Actor } from '../access/actor.js';
import { lockRow } from '../database/transaction.js';
import { addMonths, firstDayOfMonth, monthOfDate, parseMonth } from '../period/month.js';
import type { Application } from '../application/application.entity.js';
import { auditedChange, auditedCreate } from '../audit/audit.js';
import { DomainError } from '../errors/domain-error.js';
import { Household } from '../household/household.entity.js';
import { HouseholdMember } from '../household/household-member.entity.js';
import type { Person } from '../household/person.entity.js';
import type { AmountRule, Program } from '../program/program.entity.js';
import { Enrollment, type ExitReason } from './enrollment.entity.js';

export interface NewEnrollment {
  program: Program;
  household: Household;
  person: Person | null;
  application: Application | null;
  amountRule: AmountRule;
  tier: string;
  coveredMembers: number;
  perCapitaIncomeFen: number;
  fixedAmountFen?: number | null;
  /** 'YYYY-MM-01' */
  startMonth: string;
  previousEnrollment?: Enrollment | null;
}

/**
 * Active enrollments that would overlap the new one for the same people: the same program, or
 * a program that excludes it (低保 and 特困, …). A household enrollment covers every current
 * member; a person enrollment covers that person.
 */
async function conflictingEnrollments(em: EntityManager, input: NewEnrollment): Promise<Enrollment[]> {
  const excluded = await em.execute<{ code: string }[]>(
    'select excluded_program_code as code from program_exclusion where program_code = ?',
    [input.program.code],
  );
  const programCodes = [input.program.code, ...excluded.map((r) => r.code)];
  const personIds = input.person
    ? [input.person.id]
    : (await em.find(HouseholdMember, { household: input.household, endDate: null })).map((m) => m.person.id);
  const households = (await em.find(HouseholdMember, { person: { $in: personIds }, endDate: null })).map((m) => m.household.id);
  return em.find(
    Enrollment,
    {
      status: 'active',
      program: { $in: programCodes },
      $or: [{ person: { $in: personIds } }, { household: { $in: [input.household.id, ...households] }, person: null }],
      ...(input.previousEnrollment ? { id: { $ne: input.previousEnrollment.id } } : {}),
    },
    { populate: ['program'] },
  );
}

/**
 * Enrolls a household (or one of its members). The household's row is taken for update first, so
 * enrollments of one household are made one at a time and each sees those made before it; the
 * unique indexes enrollment_one_active_household / _person back the rule.
 */
export async function createEnrollment(em: EntityManager, actor: Actor, input: NewEnrollment): Promise<Enrollment> {
  await lockRow(em, Household, { id: input.household.id });
  const conflicts = await conflictingEnrollments(em, input);
  if (conflicts.length > 0) {
    const names = [...new Set(conflicts.map((c) => c.program.name))].join('、');
    const same = conflicts.some((c) => c.program.code === input.program.code);
    throw new DomainError(
      same ? 'ALREADY_ENROLLED' : 'PROGRAM_EXCLUSION',
      same
        ? `Already enrolled in ${input.program.name}: adjust the existing enrollment instead.`
        : `${input.program.name} excludes ${names}, which covers someone in this household: end that enrollment first.`,
      { programs: conflicts.map((c) => c.program.code) },
    );
  }
  const create = () =>
    em.create(Enrollment, {
      program: input.program,
      household: input.household,
      person: input.person,
      application: input.application,
      county: input.household.county,
      village: input.household.village,
      areaType: input.household.areaType,
      amountRule: input.amountRule,
      tier: input.tier,
      coveredMembers: input.coveredMembers,
      perCapitaIncomeFen: input.perCapitaIncomeFen,
      fixedAmountFen: input.fixedAmountFen ?? null,
      startMonth: input.startMonth,
      previousEnrollment: input.previousEnrollment ?? null,
    });
  return auditedCreate(em, actor, { action: 'createEnrollment', entity: 'enrollment', regionCode: input.household.village.code }, create);
}

/** Ends an enrollment after its last paid month ('YYYY-MM-01'). */
export async function endEnrollment(
  em: EntityManager,
  actor: Actor,
  enrollment: Enrollment,
  lastMonth: string,
  reason: ExitReason,
): Promise<void> {
  if (enrollment.status === 'ended') throw new DomainError('TRANSITION_NOT_ALLOWED', 'This enrollment has already ended.');
  if (lastMonth < enrollment.startMonth) {
    throw new DomainError('INVALID_MONTH', `An enrollment starting ${enrollment.startMonth.slice(0, 7)} cannot end before it.`);
  }
  await auditedChange(
    em,
    actor,
    { action: 'endEnrollment', entity: 'enrollment', regionCode: enrollment.village.code },
    enrollment,
    (e) => {
      e.endMonth = lastMonth;
      e.status = 'ended';
      e.exitReason = reason;
    },
  );
}

/** Ends an enrollment by hand (death, moving away, income above the line, …), audited. */
export async function exitEnrollment(
  em: EntityManager,
  actor: Actor,
  input: { enrollmentId: number; lastMonth: string; reason: ExitReason },
): Promise<Enrollment> {
  assertCan(actor, 'endEnrollment');
  const enrollment = await getEnrollment(em, actor, input.enrollmentId, { lock: true });
  if (input.reason === 'adjusted' || input.reason === 'cancelled_on_review') {
    throw new DomainError('TRANSITION_NOT_ALLOWED', 'Adjustments and cancellations on review go through decideReview.');
  }
  await endEnrollment(em, actor, enrollment, firstDayOfMonth(parseMonth(input.lastMonth)), input.reason);
  return enrollment;
}

/** An enrollment the actor may see, or NOT_FOUND (the same for a missing one and one of another region); with `lock`, taken for update. */
export async function getEnrollment(em: EntityManager, actor: Actor, id: number, options: { lock?: boolean } = {}): Promise<Enrollment> {
  const enrollment = options.lock ? await lockRow(em, Enrollment, { id }) : await em.findOne(Enrollment, { id });
  return visible(actor, enrollment, (e) => e.village.code, 'enrollment', id);
}

/**
 * A death stops pay from the month after it. The person's own enrollments end with the month of
 * death. Each active enrollment of their household covers one member fewer from the next month
 * (the covered members are not named, so the deceased is taken to be one of them: pay never
 * includes a share for a deceased person; a review can restore a share), capped at the members
 * left; with nobody left it ends. Called by recordDeath in its transaction, the rows locked.
 */
export async function stopPayOnDeath(
  em: EntityManager,
  actor: Actor,
  person: Person,
  household: Household | null,
  deceasedOn: string,
): Promise<void> {
  const monthOfDeath = firstDayOfMonth(monthOfDate(deceasedOn));
  const lock = { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } as const;
  const own = await em.find(Enrollment, { person, status: 'active' }, { ...lock, orderBy: { id: 'asc' } });
  for (const enrollment of own) {
    await endEnrollment(em, actor, enrollment, monthOfDeath < enrollment.startMonth ? enrollment.startMonth : monthOfDeath, 'deceased');
  }
  if (!household) return;
  const left = await em.count(HouseholdMember, { household, endDate: null });
  const shared = await em.find(Enrollment, { household, person: null, status: 'active' }, { ...lock, orderBy: { id: 'asc' } });
  for (const enrollment of shared) {
    const covered = Math.min(enrollment.coveredMembers - 1, left);
    if (covered < 1) {
      await endEnrollment(em, actor, enrollment, monthOfDeath < enrollment.startMonth ? enrollment.startMonth : monthOfDeath, 'deceased');
      continue;
    }
    if (enrollment.startMonth > monthOfDeath) {
      // not started when the person died: it starts with the members left
      await auditedChange(
        em,
        actor,
        { action: 'recomputeEnrollmentOnDeath', entity: 'enrollment', regionCode: enrollment.village.code },
        enrollment,
        (e) => void (e.coveredMembers = covered),
      );
      continue;
    }
    await endEnrollment(em, actor, enrollment, monthOfDeath, 'adjusted');
    await em.populate(enrollment, ['program']);
    await createEnrollment(em, actor, {
      program: enrollment.program,
      household,
      person: null,
      application: enrollment.application ?? null,
      amountRule: enrollment.amountRule,
      tier: enrollment.tier,
      coveredMembers: covered,
      perCapitaIncomeFen: enrollment.perCapitaIncomeFen,
      fixedAmountFen: enrollment.fixedAmountFen ?? null,
      startMonth: firstDayOfMonth(addMonths(monthOfDeath.slice(0, 7), 1)),
      previousEnrollment: enrollment,
    });
  }
}
