import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCan, assertRegionInScope, notFound, type Actor } from '../access/actor.js';
import { today } from '../access/clock.js';
import { audit, auditedChange, auditedCreate, snapshot } from '../audit/audit.js';
import { lockKey, lockRow } from '../database/transaction.js';
import { DomainError } from '../errors/domain-error.js';
import { Household } from '../household/household.entity.js';
import { HouseholdMember } from '../household/household-member.entity.js';
import { assertPastDate } from '../period/date.js';
import { firstDayOfMonth, monthOfDate, parseMonth } from '../period/month.js';
import { Region } from '../region/region.entity.js';
import { RegionLevel } from '../region/region-level.js';
import { assertCount, lockFacility } from './facility.service.js';
import { ACTIVITY_KINDS, FACILITY_KIND_NAMES } from './facility.entity.js';
import {
  ElderCareTarget,
  FacilityActivity,
  HomeModification,
  HomeService,
  type HomeServiceKind,
  type ModificationState,
} from './home-care.entity.js';

/** A month that has begun (services are recorded once given), as its first day. */
function pastMonth(month: string, what: string): string {
  const parsed = parseMonth(month);
  if (parsed > monthOfDate(today())) {
    throw new DomainError('INVALID_MONTH', `${what} (${parsed}) has not begun: record it once it has happened.`, { month: parsed });
  }
  return firstDayOfMonth(parsed);
}

export interface RecordHomeServiceInput {
  personId: number;
  month: string;
  kind: HomeServiceKind;
  times: number;
}

/**
 * Home services of one kind a person received in a month (助餐, 助洁, 助浴, 助医, 助急): the person's
 * current household places the record in a village. Recording the same person, month and kind
 * again replaces the number of times.
 */
export async function recordHomeService(em: EntityManager, actor: Actor, input: RecordHomeServiceInput): Promise<HomeService> {
  assertCan(actor, 'recordHomeService');
  if (!Number.isSafeInteger(input.times) || input.times < 1 || input.times > 1000) {
    throw new DomainError('INVALID_COUNT', `The times a service was given in a month are 1 to 1000, not ${input.times}.`);
  }
  const month = pastMonth(input.month, 'The month of the service');
  const membership = await em.findOne(HouseholdMember, { person: input.personId, endDate: null }, { populate: ['household'] });
  if (!membership || !membership.household.village.code.startsWith(actor.regionCode)) throw notFound(actor, 'person', input.personId);
  const villageCode = membership.household.village.code;
  await lockKey(em, `elder_home_service:${input.personId}:${month}:${input.kind}`);
  const existing = await em.findOne(HomeService, { person: input.personId, month, kind: input.kind }, { refresh: true });
  if (existing) {
    return auditedChange(
      em,
      actor,
      { action: 'recordHomeService', entity: 'elder_home_service', regionCode: villageCode },
      existing,
      (s) => {
        s.times = input.times;
      },
    );
  }
  return auditedCreate(em, actor, { action: 'recordHomeService', entity: 'elder_home_service', regionCode: villageCode }, () =>
    em.create(HomeService, {
      person: membership.person,
      countyCode: villageCode.slice(0, 6),
      villageCode,
      month,
      kind: input.kind,
      times: input.times,
      recordedBy: actor.subject,
    }),
  );
}

/** A county's targets of a year: the population eligible for home services and the homes to modify. */
export async function setElderCareTarget(
  em: EntityManager,
  actor: Actor,
  input: { countyCode: string; year: number; eligiblePersons: number; modificationTarget: number },
): Promise<ElderCareTarget> {
  assertCan(actor, 'setElderCareTarget');
  const county = await em.findOne(Region, { code: input.countyCode });
  if (!county) throw DomainError.unknownRegion(input.countyCode);
  if (county.level !== RegionLevel.COUNTY) throw new DomainError('INVALID_REGION_CODE', 'Targets are set for a county (6-digit code).');
  assertRegionInScope(actor, county.code, 'county');
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) {
    throw new DomainError('INVALID_DATE', `The year of a target is 2000 to 2100, not ${input.year}.`);
  }
  const eligiblePersons = assertCount(input.eligiblePersons, 'The eligible population', 10_000_000);
  const modificationTarget = assertCount(input.modificationTarget, 'The modification target', 1_000_000);
  await lockKey(em, `elder_care_target:${county.code}:${input.year}`);
  const existing = await em.findOne(ElderCareTarget, { countyCode: county.code, year: input.year }, { refresh: true });
  const before = snapshot(existing);
  const target = existing ?? em.create(ElderCareTarget, { countyCode: county.code, year: input.year, eligiblePersons, modificationTarget });
  target.eligiblePersons = eligiblePersons;
  target.modificationTarget = modificationTarget;
  await em.flush();
  audit(em, actor, {
    action: 'setElderCareTarget',
    entity: 'elder_care_target',
    entityId: `${county.code}:${input.year}`,
    regionCode: county.code,
    before,
    after: snapshot(target),
  });
  await em.flush();
  return target;
}

function assertCost(costFen: number): number {
  if (!Number.isSafeInteger(costFen) || costFen < 0 || costFen > 100_000_000) {
    throw new DomainError(
      'INVALID_AMOUNT',
      'The cost of a modification is a whole number of fen from 0 to 100,000,000 (1,000,000.00 yuan).',
    );
  }
  return costFen;
}

/** An age-friendly home modification (适老化改造) of a household, planned for a year's target. */
export async function planHomeModification(
  em: EntityManager,
  actor: Actor,
  input: { householdId: number; year: number; items: string; costFen: number },
): Promise<HomeModification> {
  assertCan(actor, 'manageHomeModification');
  const household = await em.findOne(Household, { id: input.householdId });
  if (!household || !household.village.code.startsWith(actor.regionCode)) throw notFound(actor, 'household', input.householdId);
  const items = input.items.trim();
  if (!items) throw new DomainError('TEXT_REQUIRED', 'Name the works (e.g. 卫生间扶手、防滑地面、坐便椅).');
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) {
    throw new DomainError('INVALID_DATE', `The year of a modification is 2000 to 2100, not ${input.year}.`);
  }
  const costFen = assertCost(input.costFen);
  return auditedCreate(
    em,
    actor,
    { action: 'planHomeModification', entity: 'elder_home_modification', regionCode: household.village.code },
    () =>
      em.create(HomeModification, {
        household,
        countyCode: household.county.code,
        villageCode: household.village.code,
        year: input.year,
        items,
        state: 'planned',
        costFen,
      }),
  );
}

const NEXT_STATES: Record<ModificationState, readonly ModificationState[]> = {
  planned: ['in_progress', 'completed', 'cancelled'],
  in_progress: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

/** Moves a modification on: planned → in progress → completed (on a date, at its final cost), or cancelled. */
export async function updateHomeModification(
  em: EntityManager,
  actor: Actor,
  input: { modificationId: number; state: ModificationState; costFen?: number | null; completedOn?: string | null },
): Promise<HomeModification> {
  assertCan(actor, 'manageHomeModification');
  const modification = await lockRow(em, HomeModification, { id: input.modificationId });
  if (!modification || !modification.villageCode.startsWith(actor.regionCode)) {
    throw notFound(actor, 'home modification', input.modificationId);
  }
  if (!NEXT_STATES[modification.state].includes(input.state)) {
    throw new DomainError('TRANSITION_NOT_ALLOWED', `A ${modification.state} modification cannot become ${input.state}.`);
  }
  let completedOn: string | null = null;
  if (input.state === 'completed') {
    if (!input.completedOn) throw new DomainError('INVALID_DATE', 'Give the date the works were completed.');
    completedOn = assertPastDate(input.completedOn, 'The completion date');
  }
  const costFen = input.costFen == null ? null : assertCost(input.costFen);
  return auditedChange(
    em,
    actor,
    { action: 'updateHomeModification', entity: 'elder_home_modification', regionCode: modification.villageCode },
    modification,
    (m) => {
      m.state = input.state;
      m.completedOn = completedOn;
      if (costFen !== null) m.costFen = costFen;
    },
  );
}

/** A 幸福院's, day-care centre's or canteen's month: people served and meals (recording it again replaces it). */
export async function recordFacilityActivity(
  em: EntityManager,
  actor: Actor,
  input: { facilityId: number; month: string; peopleServed: number; meals: number },
): Promise<FacilityActivity> {
  assertCan(actor, 'recordFacilityActivity');
  const peopleServed = assertCount(input.peopleServed, 'People served');
  const meals = assertCount(input.meals, 'Meals', 10_000_000);
  const month = pastMonth(input.month, 'The month of the activity');
  const facility = await lockFacility(em, actor, input.facilityId);
  if (!ACTIVITY_KINDS.includes(facility.kind)) {
    throw new DomainError(
      'WRONG_FACILITY_KIND',
      `Monthly activity is recorded for ${ACTIVITY_KINDS.map((k) => FACILITY_KIND_NAMES[k]).join(', ')}; a ${FACILITY_KIND_NAMES[facility.kind]} records its capacity.`,
    );
  }
  if (month.slice(0, 7) < facility.openedOn.slice(0, 7) || (facility.closedOn && month.slice(0, 7) > facility.closedOn.slice(0, 7))) {
    throw new DomainError('FACILITY_CLOSED', `${facility.name} was not open in ${month.slice(0, 7)}.`);
  }
  const existing = await em.findOne(FacilityActivity, { facility, month }, { refresh: true });
  const before = snapshot(existing);
  const activity = existing ?? em.create(FacilityActivity, { facility, month, peopleServed, meals });
  activity.peopleServed = peopleServed;
  activity.meals = meals;
  await em.flush();
  audit(em, actor, {
    action: 'recordFacilityActivity',
    entity: 'elder_facility_activity',
    entityId: `${facility.id}:${month}`,
    regionCode: facility.villageCode,
    before,
    after: snapshot(activity),
  });
  await em.flush();
  return activity;
}
