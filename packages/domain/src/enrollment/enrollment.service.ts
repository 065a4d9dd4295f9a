import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCan, assertInScope, type Actor } from '../access/actor.js';
import { firstDayOfMonth, parseMonth } from '../period/month.js';
import type { Application } from '../application/application.entity.js';
import { audit, snapshot } from '../audit/audit.js';
import { DomainError } from '../errors/domain-error.js';
import type { Household } from '../household/household.entity.js';
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

export async function createEnrollment(em: EntityManager, actor: Actor, input: NewEnrollment): Promise<Enrollment> {
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
  const enrollment = em.create(Enrollment, {
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
  await em.flush();
  audit(em, actor, {
    action: 'createEnrollment',
    entity: 'enrollment',
    entityId: enrollment.id,
    regionCode: input.household.village.code,
    after: snapshot(enrollment),
  });
  await em.flush();
  return enrollment;
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
    throw new DomainError('INVALID_INPUT', `An enrollment starting ${enrollment.startMonth.slice(0, 7)} cannot end before it.`);
  }
  const before = snapshot(enrollment);
  enrollment.endMonth = lastMonth;
  enrollment.status = 'ended';
  enrollment.exitReason = reason;
  audit(em, actor, {
    action: 'endEnrollment',
    entity: 'enrollment',
    entityId: enrollment.id,
    regionCode: enrollment.village.code,
    before,
    after: snapshot(enrollment),
  });
  await em.flush();
}

/** Ends an enrollment by hand (death, moving away, income above the line, …), audited. */
export async function exitEnrollment(
  em: EntityManager,
  actor: Actor,
  input: { enrollmentId: number; lastMonth: string; reason: ExitReason },
): Promise<Enrollment> {
  assertCan(actor, 'endEnrollment');
  const enrollment = await em.findOne(Enrollment, { id: input.enrollmentId });
  if (!enrollment) throw new DomainError('NOT_FOUND', `No enrollment ${input.enrollmentId}.`);
  assertInScope(actor, enrollment.village.code, 'enrollment');
  if (input.reason === 'adjusted' || input.reason === 'cancelled_on_review') {
    throw new DomainError('INVALID_INPUT', 'Adjustments and cancellations on review go through decideReview.');
  }
  await endEnrollment(em, actor, enrollment, firstDayOfMonth(parseMonth(input.lastMonth)), input.reason);
  return enrollment;
}
