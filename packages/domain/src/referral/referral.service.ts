import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCan, visible, type Actor } from '../access/actor.js';
import { today } from '../access/clock.js';
import { auditedChange, auditedCreate } from '../audit/audit.js';
import { getApplication } from '../application/application.service.js';
import { lockRow } from '../database/transaction.js';
import { DomainError } from '../errors/domain-error.js';
import { getHousehold } from '../household/household.service.js';
import { MAX_ENTRY_FEN } from '../payroll/payroll.service.js';
import { REFERRAL_DEPARTMENTS, Referral, type ReferralDepartment, type ReferralOutcome } from './referral.entity.js';

export interface ReferCaseInput {
  householdId: number;
  /** The application the referral comes from, if any (it must be the household's). */
  applicationId?: number | null;
  department: ReferralDepartment;
  request: string;
}

/** 社会大救助 受理转交: refers a household's case to a department with what was asked; audited. */
export async function referCase(em: EntityManager, actor: Actor, input: ReferCaseInput): Promise<Referral> {
  assertCan(actor, 'referCase');
  const household = await getHousehold(em, actor, input.householdId);
  const application = input.applicationId != null ? await getApplication(em, actor, input.applicationId) : null;
  if (application && application.household.id !== household.id) {
    throw new DomainError('INVALID_INPUT', 'The application is not this household’s: refer the household the application belongs to.');
  }
  if (!REFERRAL_DEPARTMENTS.includes(input.department))
    throw new DomainError('INVALID_INPUT', `No department is called ${input.department}.`);
  const request = input.request.trim();
  if (!request) throw new DomainError('TEXT_REQUIRED', 'Say what the household asks of the department.');
  return auditedCreate(em, actor, { action: 'referCase', entity: 'referral', regionCode: household.village.code }, () =>
    em.create(Referral, {
      household,
      application,
      countyCode: household.county.code,
      villageCode: household.village.code,
      department: input.department,
      request,
      referredOn: today(),
      referredBy: actor.subject,
    }),
  );
}

export interface RecordReferralOutcomeInput {
  referralId: number;
  outcome: ReferralOutcome;
  /** What the department granted, in fen (none for a service without money). */
  amountFen?: number | null;
  note?: string | null;
}

/** The department's answer to a referral, recorded once (the referral's row locked); a refusal needs its reason. */
export async function recordReferralOutcome(em: EntityManager, actor: Actor, input: RecordReferralOutcomeInput): Promise<Referral> {
  assertCan(actor, 'recordReferralOutcome');
  const referral = visible(
    actor,
    await lockRow(em, Referral, { id: input.referralId }),
    (r) => r.villageCode,
    'referral',
    input.referralId,
  );
  if (referral.outcome)
    throw new DomainError('TRANSITION_NOT_ALLOWED', `The department’s outcome is recorded already (${referral.outcome}).`);
  const note = input.note?.trim() ?? '';
  if (input.outcome === 'refused' && !note) throw new DomainError('TEXT_REQUIRED', 'Record why the department refused.');
  if (input.amountFen != null && (!Number.isSafeInteger(input.amountFen) || input.amountFen < 0 || input.amountFen > MAX_ENTRY_FEN)) {
    throw new DomainError('INVALID_AMOUNT', 'An amount granted is a whole number of fen from 0 to 1,000,000 yuan.');
  }
  if (input.outcome === 'refused' && input.amountFen) throw new DomainError('INVALID_AMOUNT', 'A refusal grants no amount.');
  return auditedChange(
    em,
    actor,
    { action: 'recordReferralOutcome', entity: 'referral', regionCode: referral.villageCode },
    referral,
    (r) => {
      r.outcome = input.outcome;
      r.amountFen = input.amountFen ?? null;
      r.outcomeNote = note || null;
      r.decidedOn = today();
      r.recordedBy = actor.subject;
    },
  );
}
