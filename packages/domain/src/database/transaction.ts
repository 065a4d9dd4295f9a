import { LockMode, type EntityName, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../errors/domain-error.js';

/**
 * Exactly once, by construction (docs/decisions.md, "Exactly once"): every change runs in one
 * transaction through `inTransaction`, takes the rows it changes with `lockRow` and re-reads them
 * after the lock, and a database constraint backs each rule. When two requests race, the second
 * waits for the first, then sees its effect and is refused like any later request; if both get
 * past the checks anyway, the constraint refuses one, and `inTransaction` turns that refusal into
 * the domain's typed error.
 */

/** A constraint (or guard trigger) of the schema, and the refusal it stands for. */
const CONSTRAINT_ERRORS: Record<string, () => DomainError> = {
  enrollment_one_active_household: () =>
    new DomainError('ALREADY_ENROLLED', 'This household already has an active enrollment in this program: nothing was added.'),
  enrollment_one_active_person: () =>
    new DomainError('ALREADY_ENROLLED', 'This person already has an active enrollment in this program: nothing was added.'),
  payment_one_per_application: () =>
    new DomainError('TRANSITION_NOT_ALLOWED', 'This case has been paid already: a case is paid once; nothing was added.'),
  payment_one_recovery_per_application: () =>
    new DomainError('TRANSITION_NOT_ALLOWED', 'This case has been reversed already: nothing was recorded.'),
  application_one_open_advance: () =>
    new DomainError('ADVANCE_UNDER_WAY', 'This household has aid granted first under review in this program already: nothing was added.'),
  payment_one_off_has_application: () => new DomainError('INVALID_INPUT', 'A one-off payment belongs to an approved application.'),
  payment_one_regular_per_month: () =>
    new DomainError('PAYROLL_EXISTS', 'A regular payment of this enrollment for this month exists already: nothing was added.'),
  payment_amount_bound: () =>
    new DomainError('INVALID_AMOUNT', 'A ledger entry is at most 1,000,000.00 yuan (100,000,000 fen) either way.'),
  payment_month_net_not_negative: () =>
    new DomainError('RECOVERY_EXCEEDS_NET', 'This recovery would take back more than was paid for the month: nothing was recorded.'),
  payroll_batch_county_code_program_code_month_key: () =>
    new DomainError('PAYROLL_EXISTS', 'This payroll month exists already for the county and program: nothing was added.'),
  payroll_batch_frozen: () =>
    new DomainError('PAYROLL_FROZEN', 'This payroll batch is approved and frozen: correct it with back pay or recovery entries.'),
  person_id_number_key: () =>
    new DomainError(
      'DUPLICATE_ID_NUMBER',
      'A member is already registered (ID numbers are unique across the system): look the person up with personByIdNumber.',
    ),
  household_member_current_unique: () =>
    new DomainError('DUPLICATE_ID_NUMBER', 'This person is a current member of a household already: end that membership first.'),
  household_member_one_head: () =>
    new DomainError('HEAD_EXISTS', 'This household already has a head: add the person with another relation.'),
  review_campaign_county_name_unique: () =>
    new DomainError('CAMPAIGN_EXISTS', 'The county has a re-review campaign of this name already: nothing was added.'),
  feed_delivery_once: () =>
    new DomainError('FEED_DELIVERED', 'This delivery (county, feed, delivery date) is loaded already: nothing was added.'),
  review_task_campaign_id_enrollment_id_key: () => new DomainError('TRANSITION_NOT_ALLOWED', 'This enrollment is in the campaign already.'),
  elder_facility_name_unique: () =>
    new DomainError('CONFLICT', 'The county has an elder-care facility of this name already: nothing was added.'),
  elder_facility_closed_after_opened: () => new DomainError('INVALID_DATE', 'A facility closes on or after the day it opened.'),
  elder_facility_star_rating_range: () => new DomainError('INVALID_STAR_RATING', 'A star rating is 1 to 5 stars.'),
  elder_facility_capacity_occupancy: () =>
    new DomainError('OCCUPANCY_ABOVE_BEDS', 'Occupied beds cannot exceed the beds of the facility: nothing was recorded.'),
  elder_facility_capacity_one_per_day: () =>
    new DomainError('CONFLICT', 'The capacity of this facility on this date is recorded already: nothing was added.'),
  elder_hazard_ledger_entry: () =>
    new DomainError('TEXT_REQUIRED', 'A hazard not fixed on the spot enters the ledger with a deadline and a responsible person.'),
  elder_hazard_deadline_after_found: () =>
    new DomainError('INVALID_DATE', 'A rectification deadline is on or after the day the hazard was found.'),
  elder_hazard_closed_after_found: () => new DomainError('INVALID_DATE', 'A hazard cannot be closed before it was found.'),
  elder_hazard_one_rectifying_follow_up: () =>
    new DomainError('TRANSITION_NOT_ALLOWED', 'This hazard was rectified already: a follow-up is for open hazards; nothing was recorded.'),
  elder_home_service_one_per_month: () =>
    new DomainError('CONFLICT', 'This service of the person and month is recorded already: nothing was added.'),
};

/** SQLSTATE classes of PostgreSQL errors a change can meet. */
const UNIQUE_VIOLATION = '23505';
const CHECK_VIOLATION = '23514';
const FOREIGN_KEY_VIOLATION = '23503';
const NOT_NULL_VIOLATION = '23502';
const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock detected
/** Attempts of a change that lost a deadlock or a serialization race before it is refused. */
const ATTEMPTS = 3;

interface PgErrorFields {
  code?: unknown;
  constraint?: unknown;
}

/**
 * The domain error a database refusal stands for, or undefined when the error is not a
 * constraint's. The details of the database's message (which may quote ID numbers or names) are
 * never passed on.
 */
export function constraintError(error: unknown): DomainError | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { code, constraint } = error as PgErrorFields;
  if (typeof constraint === 'string' && CONSTRAINT_ERRORS[constraint]) return CONSTRAINT_ERRORS[constraint]();
  switch (code) {
    case UNIQUE_VIOLATION:
      return new DomainError('CONFLICT', 'This change conflicts with a record that exists already: nothing was changed.');
    case CHECK_VIOLATION:
    case NOT_NULL_VIOLATION:
      return new DomainError('INVALID_INPUT', 'A value is outside what the ledger accepts: nothing was changed.');
    case FOREIGN_KEY_VIOLATION:
      return new DomainError('NOT_FOUND', 'A record this change refers to does not exist: nothing was changed.');
    default:
      return undefined;
  }
}

/**
 * Runs a change in one transaction. A constraint's refusal becomes the domain's typed error; a
 * lost deadlock or serialization race is retried from the start (the work re-reads everything).
 */
export async function inTransaction<T>(em: EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await em.transactional(work);
    } catch (error) {
      if (error instanceof DomainError) throw error;
      const refused = constraintError(error);
      if (refused) throw refused;
      const code = (error as PgErrorFields | null)?.code;
      if (typeof code === 'string' && RETRYABLE.has(code)) {
        if (attempt < ATTEMPTS) continue;
        throw new DomainError('CONFLICT', 'This change collided with others at the same moment and was not made: retry it.');
      }
      throw error;
    }
  }
}

/**
 * Takes a row for update (SELECT … FOR UPDATE) inside the current transaction and returns it read
 * after the lock, or null when it does not exist. Relations are loaded after the lock, with
 * `em.populate` or a second `findOne` (which returns the same, locked instance).
 */
export async function lockRow<T extends object>(em: EntityManager, entity: EntityName<T>, where: FilterQuery<T>): Promise<T | null> {
  if (!em.isInTransaction()) throw new Error('lockRow needs a transaction: run the change through inTransaction.');
  return em.findOne(entity, where as FilterQuery<NoInfer<T>>, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
}

/**
 * Serialises changes of something that has no row yet (a standard of a month, …) on a
 * transaction-level advisory lock named by `key`: the second of two racing changes waits, then
 * sees the first's row.
 */
export async function lockKey(em: EntityManager, key: string): Promise<void> {
  if (!em.isInTransaction()) throw new Error('lockKey needs a transaction: run the change through inTransaction.');
  await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [key]);
}
