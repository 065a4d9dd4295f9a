import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCan, assertRegionInScope, facilityInScope, notFound, visible, type Actor } from '../access/actor.js';
import { auditedChange, auditedCreate } from '../audit/audit.js';
import { lockRow } from '../database/transaction.js';
import { Enrollment } from '../enrollment/enrollment.entity.js';
import { DomainError } from '../errors/domain-error.js';
import { assertPastDate } from '../period/date.js';
import { Region } from '../region/region.entity.js';
import { RegionLevel } from '../region/region-level.js';
import {
  ElderFacility,
  FACILITY_KIND_NAMES,
  FacilityCapacity,
  RESIDENTIAL_KINDS,
  type CaregiversByLevel,
  type FacilityKind,
} from './facility.entity.js';

/** The program of 特困 集中供养, whose enrollments name the institution housing the person. */
export const CENTRALIZED_SUPPORT_PROGRAM = 'tekun_centralized';

/** A whole count of people or beds, zero or more (INVALID_COUNT otherwise). */
export function assertCount(value: number, what: string, max = 1_000_000): number {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new DomainError('INVALID_COUNT', `${what} is a whole number from 0 to ${max}, not ${value}.`, { value });
  }
  return value;
}

function requiredText(text: string, what: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new DomainError('TEXT_REQUIRED', `Give ${what}.`);
  return trimmed;
}

/**
 * A facility taken for update and read after the lock, or NOT_FOUND — the same for one outside the
 * caller's region and, for a facility manager, for any facility but its own.
 */
export async function lockFacility(em: EntityManager, actor: Actor, id: number): Promise<ElderFacility> {
  const facility = await lockRow(em, ElderFacility, { id });
  if (!facility || !facilityInScope(actor, facility)) throw notFound(actor, 'elder-care facility', id);
  return facility;
}

/** A facility of the caller's scope (no lock), or NOT_FOUND. */
export async function facilityOf(em: EntityManager, actor: Actor, id: number): Promise<ElderFacility> {
  const facility = await em.findOne(ElderFacility, { id });
  if (!facility || !facilityInScope(actor, facility)) throw notFound(actor, 'elder-care facility', id);
  return facility;
}

function assertOpenOn(facility: ElderFacility, date: string, what: string): void {
  if (facility.closedOn && date > facility.closedOn) {
    throw new DomainError('FACILITY_CLOSED', `${facility.name} closed on ${facility.closedOn}: ${what} (${date}) cannot be after that.`);
  }
}

export interface RegisterFacilityInput {
  kind: FacilityKind;
  name: string;
  operator: string;
  villageCode: string;
  address?: string | null;
  floorAreaM2?: number | null;
  investmentFen?: number | null;
  openedOn: string;
}

/** A facility at its village (address at village level), opened on a past date. */
export async function registerFacility(em: EntityManager, actor: Actor, input: RegisterFacilityInput): Promise<ElderFacility> {
  assertCan(actor, 'manageFacility');
  const village = await em.findOne(Region, { code: input.villageCode });
  if (!village) throw DomainError.unknownRegion(input.villageCode);
  if (village.level !== RegionLevel.VILLAGE) {
    throw new DomainError('INVALID_REGION_CODE', 'A facility is addressed at village level (村/社区, a 12-digit code).');
  }
  assertRegionInScope(actor, village.code, 'village');
  const name = requiredText(input.name, 'the name of the facility (e.g. 李八村幸福院)');
  const operator = requiredText(input.operator, `the operator (e.g. the town government for a ${FACILITY_KIND_NAMES.public_home})`);
  const openedOn = assertPastDate(input.openedOn, 'The opening date');
  if (input.floorAreaM2 != null && (!Number.isSafeInteger(input.floorAreaM2) || input.floorAreaM2 <= 0 || input.floorAreaM2 > 1_000_000)) {
    throw new DomainError('INVALID_COUNT', 'The floor area is a whole number of square metres, above 0.');
  }
  if (input.investmentFen != null && (!Number.isSafeInteger(input.investmentFen) || input.investmentFen < 0)) {
    throw new DomainError('INVALID_AMOUNT', 'The investment is a whole number of fen, zero or more.');
  }
  return auditedCreate(em, actor, { action: 'registerFacility', entity: 'elder_facility', regionCode: village.code }, () =>
    em.create(ElderFacility, {
      kind: input.kind,
      name,
      operator,
      countyCode: village.code.slice(0, 6),
      villageCode: village.code,
      address: input.address?.trim() ?? '',
      floorAreaM2: input.floorAreaM2 ?? null,
      investmentFen: input.investmentFen ?? null,
      openedOn,
    }),
  );
}

/** Closes a facility on a date on or after its opening. */
export async function closeFacility(em: EntityManager, actor: Actor, facilityId: number, closedOn: string): Promise<ElderFacility> {
  assertCan(actor, 'manageFacility');
  const facility = await lockFacility(em, actor, facilityId);
  if (facility.closedOn) throw new DomainError('FACILITY_CLOSED', `${facility.name} closed on ${facility.closedOn} already.`);
  const date = assertPastDate(closedOn, 'The closing date', { date: facility.openedOn, what: 'its opening' });
  return auditedChange(
    em,
    actor,
    { action: 'closeFacility', entity: 'elder_facility', regionCode: facility.villageCode },
    facility,
    (f) => {
      f.closedOn = date;
    },
  );
}

/** The star rating (1–5, 养老机构等级评定) of a facility and the date it was given. */
export async function rateFacility(
  em: EntityManager,
  actor: Actor,
  input: { facilityId: number; stars: number; ratedOn: string },
): Promise<ElderFacility> {
  assertCan(actor, 'manageFacility');
  if (!Number.isInteger(input.stars) || input.stars < 1 || input.stars > 5) {
    throw new DomainError('INVALID_STAR_RATING', `A star rating is 1 to 5 stars, not ${input.stars}.`, { stars: input.stars });
  }
  const facility = await lockFacility(em, actor, input.facilityId);
  const ratedOn = assertPastDate(input.ratedOn, 'The date of the rating', { date: facility.openedOn, what: 'the opening of the facility' });
  assertOpenOn(facility, ratedOn, 'a rating');
  return auditedChange(em, actor, { action: 'rateFacility', entity: 'elder_facility', regionCode: facility.villageCode }, facility, (f) => {
    f.starRating = input.stars;
    f.starRatedOn = ratedOn;
  });
}

export interface RecordCapacityInput {
  facilityId: number;
  recordedOn: string;
  beds: number;
  occupiedBeds: number;
  staff: number;
  caregivers: CaregiversByLevel;
}

/** The capacity of a facility on a date: beds, occupied beds (never above beds), staff, certified caregivers by level. */
export async function recordCapacity(em: EntityManager, actor: Actor, input: RecordCapacityInput): Promise<FacilityCapacity> {
  assertCan(actor, 'recordCapacity');
  const beds = assertCount(input.beds, 'Beds');
  const occupiedBeds = assertCount(input.occupiedBeds, 'Occupied beds');
  const staff = assertCount(input.staff, 'Staff');
  const levels = (['level5', 'level4', 'level3', 'level2', 'level1'] as const).map((level) =>
    assertCount(input.caregivers[level], `Certified caregivers (${level})`),
  );
  if (occupiedBeds > beds) {
    throw new DomainError('OCCUPANCY_ABOVE_BEDS', `${occupiedBeds} occupied beds is more than the ${beds} beds: nothing was recorded.`, {
      beds,
      occupiedBeds,
    });
  }
  const facility = await lockFacility(em, actor, input.facilityId);
  const recordedOn = assertPastDate(input.recordedOn, 'The date of the record', {
    date: facility.openedOn,
    what: 'the opening of the facility',
  });
  assertOpenOn(facility, recordedOn, 'a capacity record');
  return auditedCreate(em, actor, { action: 'recordCapacity', entity: 'elder_facility_capacity', regionCode: facility.villageCode }, () =>
    em.create(FacilityCapacity, {
      facility,
      recordedOn,
      beds,
      occupiedBeds,
      staff,
      caregiversLevel5: levels[0]!,
      caregiversLevel4: levels[1]!,
      caregiversLevel3: levels[2]!,
      caregiversLevel2: levels[3]!,
      caregiversLevel1: levels[4]!,
      recordedBy: actor.subject,
    }),
  );
}

/**
 * 特困 集中供养: the institution housing the person of an active centralized-support enrollment
 * (a residential facility, open, in the caller's region), or none (null) when the person left it.
 */
export async function housePerson(
  em: EntityManager,
  actor: Actor,
  input: { enrollmentId: number; facilityId: number | null },
): Promise<Enrollment> {
  assertCan(actor, 'housePerson');
  const locked = await lockRow(em, Enrollment, { id: input.enrollmentId });
  const enrollment = visible(actor, locked, (e) => e.village.code, 'enrollment', input.enrollmentId);
  if (enrollment.program.code !== CENTRALIZED_SUPPORT_PROGRAM) {
    throw new DomainError('WRONG_PROGRAM_KIND', 'Only a 特困 集中供养 (tekun_centralized) enrollment is housed by an institution.');
  }
  if (enrollment.status !== 'active') throw new DomainError('TRANSITION_NOT_ALLOWED', 'This enrollment has ended.');
  let facility: ElderFacility | null = null;
  if (input.facilityId !== null) {
    facility = await lockFacility(em, actor, input.facilityId);
    if (!RESIDENTIAL_KINDS.includes(facility.kind)) {
      throw new DomainError(
        'WRONG_FACILITY_KIND',
        `A ${FACILITY_KIND_NAMES[facility.kind]} houses nobody: choose a ${RESIDENTIAL_KINDS.map((k) => FACILITY_KIND_NAMES[k]).join(', ')}.`,
      );
    }
    if (facility.closedOn) throw new DomainError('FACILITY_CLOSED', `${facility.name} closed on ${facility.closedOn}.`);
  }
  return auditedChange(em, actor, { action: 'housePerson', entity: 'enrollment', regionCode: enrollment.village.code }, enrollment, (e) => {
    e.facility = facility;
  });
}
