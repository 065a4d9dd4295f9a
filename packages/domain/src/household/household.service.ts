import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCan, assertRegionInScope, notFound, visible, type Actor } from '../access/actor.js';
import { today } from '../access/clock.js';
import { auditedChange, auditedCreate } from '../audit/audit.js';
import { lockRow } from '../database/transaction.js';
import { stopPayOnDeath } from '../enrollment/enrollment.service.js';
import { DomainError } from '../errors/domain-error.js';
import { assertPastDate } from '../period/date.js';
import { parseIdNumber } from '../person/id-number.js';
import { normalizePersonName } from '../person/person-name.js';
import type { AreaType } from '../program/standard.entity.js';
import { RegionLevel } from '../region/region-level.js';
import { Region } from '../region/region.entity.js';
import { HouseholdMember, type MemberRelation } from './household-member.entity.js';
import { Household } from './household.entity.js';
import { Person } from './person.entity.js';

export interface NewMember {
  idNumber: string;
  name: string;
  relation: MemberRelation;
  phone?: string | null;
  disabilityCategory?: string | null;
  disabilityLevel?: number | null;
}

export interface RegisterHouseholdInput {
  villageCode: string;
  areaType: AreaType;
  address?: string;
  phone?: string | null;
  startDate?: string;
  members: NewMember[];
}

/** The most members a household may have (a larger one is an input error, e.g. a file read wrong). */
export const MAX_HOUSEHOLD_MEMBERS = 20;

function tooLarge(count: number): DomainError {
  return new DomainError(
    'HOUSEHOLD_TOO_LARGE',
    `A household has at most ${MAX_HOUSEHOLD_MEMBERS} current members; this would make ${count}: register the others as a household of their own.`,
  );
}

const PUBLIC_ID_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

/** A random public id (10 characters, ≈49 bits), unrelated to any key or ID number. */
export function newPublicId(): string {
  return [...randomBytes(10)].map((b) => PUBLIC_ID_ALPHABET[b % PUBLIC_ID_ALPHABET.length]).join('');
}

export async function findVillage(em: EntityManager, code: string): Promise<Region> {
  if (!/^\d{12}$/.test(code)) throw DomainError.invalidRegionCode(code);
  const village = await em.findOne(Region, { code });
  if (!village) throw DomainError.unknownRegion(code);
  if (village.level !== RegionLevel.VILLAGE) {
    throw new DomainError(
      'INVALID_REGION_CODE',
      `${code} is a ${village.level}, not a village: households live in a village (12-digit code).`,
    );
  }
  return village;
}

/** Registers a household with its members; every ID number is validated and new to the system. */
export async function registerHousehold(em: EntityManager, actor: Actor, input: RegisterHouseholdInput): Promise<Household> {
  assertCan(actor, 'registerHousehold');
  const village = await findVillage(em, input.villageCode);
  assertRegionInScope(actor, village.code, 'village');
  if (input.members.length > MAX_HOUSEHOLD_MEMBERS) throw tooLarge(input.members.length);
  if (input.members.length === 0)
    throw new DomainError('INVALID_MEMBER_COUNT', 'A household needs at least one member: add the head of household.');
  if (input.members.filter((m) => m.relation === 'head').length !== 1) {
    throw new DomainError('ONE_HEAD_REQUIRED', 'A household has exactly one head: mark one member (and only one) with relation HEAD.');
  }
  const parsed = input.members.map((m) => ({ member: m, id: parseIdNumber(m.idNumber) }));
  const numbers = parsed.map((p) => p.id.idNumber);
  if (new Set(numbers).size !== numbers.length) {
    throw new DomainError('DUPLICATE_ID_NUMBER', 'The same ID number appears twice among the members: each person is listed once.');
  }
  const existing = await em.find(Person, { idNumber: { $in: numbers } });
  if (existing.length > 0) {
    throw new DomainError(
      'DUPLICATE_ID_NUMBER',
      'A member is already registered (ID numbers are unique across the system): look the person up with personByIdNumber and move them instead.',
    );
  }
  // names in their one stored form (NFKC, no space or invisible character), or INVALID_NAME
  const names = parsed.map(({ member }) => normalizePersonName(member.name));
  for (const { member } of parsed) {
    if (member.disabilityLevel != null && !(member.disabilityLevel >= 1 && member.disabilityLevel <= 4)) {
      throw new DomainError('INVALID_DISABILITY_LEVEL', 'Disability levels run from 1 (most severe) to 4.');
    }
  }
  const startDate = input.startDate ?? today();
  for (const { id } of parsed) assertPastDate(startDate, 'A membership start', { date: id.birthDate, what: 'a member’s birth' });
  return auditedCreate(em, actor, { action: 'registerHousehold', entity: 'household', regionCode: village.code }, () => {
    const household = em.create(Household, {
      publicId: newPublicId(),
      county: em.getReference(Region, village.code.slice(0, 6)),
      village,
      areaType: input.areaType,
      address: input.address ?? '',
      phone: input.phone ?? null,
    });
    for (const [i, { member, id }] of parsed.entries()) {
      const person = em.create(Person, {
        idNumber: id.idNumber,
        name: names[i]!,
        sex: id.sex,
        birthDate: id.birthDate,
        phone: member.phone ?? null,
        disabilityCategory: member.disabilityCategory ?? null,
        disabilityLevel: member.disabilityLevel ?? null,
      });
      em.create(HouseholdMember, { household, person, relation: member.relation, startDate });
    }
    return household;
  });
}

/**
 * A household the actor may see, or NOT_FOUND (the same for a missing one and one of another
 * region). With `lock`, the row is taken for update (changes of its members and enrollments).
 */
export async function getHousehold(em: EntityManager, actor: Actor, id: number, options: { lock?: boolean } = {}): Promise<Household> {
  const household = options.lock ? await lockRow(em, Household, { id }) : await em.findOne(Household, { id });
  return visible(actor, household, (h) => h.village.code, 'household', id);
}

/**
 * The region of a person: the village of their latest membership (the current one, else the one
 * that ended last). Every person was registered into a household, so every person has one.
 */
export async function personVillage(em: EntityManager, personId: number): Promise<string | null> {
  const rows = await em.execute<{ village_code: string }[]>(
    `select h.village_code from household_member m join household h on h.id = m.household_id
     where m.person_id = ? order by m.end_date desc nulls first, m.id desc limit 1`,
    [personId],
  );
  return rows[0]?.village_code ?? null;
}

/**
 * A person the actor may see (their latest membership lies in the actor's region), or NOT_FOUND,
 * the same for a person never registered and one of another region. With `lock`, taken for update.
 */
export async function getPerson(em: EntityManager, actor: Actor, id: number, options: { lock?: boolean } = {}): Promise<Person> {
  const person = options.lock ? await lockRow(em, Person, { id }) : await em.findOne(Person, { id });
  const village = person ? await personVillage(em, person.id) : null;
  if (!person || !village) throw notFound(actor, 'person', id);
  return visible(actor, person, () => village, 'person', id);
}

/** Current members (membership without an end date) of a household. */
export async function currentMembers(em: EntityManager, householdId: number): Promise<HouseholdMember[]> {
  return em.find(HouseholdMember, { household: householdId, endDate: null }, { populate: ['person'], orderBy: { id: 'asc' } });
}

/**
 * Records a death: the person's date of death, their membership ends that day, and pay stops
 * from the month after (docs/casework.md, "A death"): their own enrollments end with the month
 * of death, and each enrollment of their household is recomputed for the members left (or ends
 * when nobody is left), in the same transaction, audited.
 */
export async function recordDeath(em: EntityManager, actor: Actor, personId: number, deceasedOn: string): Promise<Person> {
  assertCan(actor, 'editHousehold');
  const person = await getPerson(em, actor, personId, { lock: true });
  if (person.deceasedOn) {
    throw new DomainError('TRANSITION_NOT_ALLOWED', `This person's death is recorded already (${person.deceasedOn}).`);
  }
  const membership = await em.findOne(HouseholdMember, { person, endDate: null }, { populate: ['household'] });
  const household = membership ? await getHousehold(em, actor, membership.household.id, { lock: true }) : null;
  assertPastDate(
    deceasedOn,
    'A date of death',
    membership ? { date: membership.startDate, what: 'the start of the membership' } : { date: person.birthDate, what: 'the birth' },
  );
  if (deceasedOn < person.birthDate) throw new DomainError('INVALID_DATE', 'A date of death cannot be before the birth.');
  const region = household?.village.code ?? (await personVillage(em, person.id)) ?? actor.regionCode;
  await auditedChange(em, actor, { action: 'recordDeath', entity: 'person', regionCode: region }, person, (p) => {
    p.deceasedOn = deceasedOn;
    if (membership) membership.endDate = deceasedOn;
  });
  await stopPayOnDeath(em, actor, person, household, deceasedOn);
  return person;
}

export interface AddMemberInput extends NewMember {
  householdId: number;
  startDate?: string;
}

/** A person joins a household (birth, marriage, moving in); the ID number must be new to the system. */
export async function addHouseholdMember(em: EntityManager, actor: Actor, input: AddMemberInput): Promise<HouseholdMember> {
  assertCan(actor, 'editHousehold');
  const household = await getHousehold(em, actor, input.householdId, { lock: true });
  const id = parseIdNumber(input.idNumber);
  const startDate = assertPastDate(input.startDate ?? today(), 'A membership start', { date: id.birthDate, what: 'the birth' });
  if (await em.findOne(Person, { idNumber: id.idNumber })) {
    throw new DomainError(
      'DUPLICATE_ID_NUMBER',
      'This person is already registered: end their current membership first, then add them here.',
    );
  }
  const members = await currentMembers(em, household.id);
  if (members.length + 1 > MAX_HOUSEHOLD_MEMBERS) throw tooLarge(members.length + 1);
  if (input.relation === 'head' && members.some((m) => m.relation === 'head')) {
    throw new DomainError('HEAD_EXISTS', 'This household already has a head: add the person with another relation.');
  }
  const name = normalizePersonName(input.name);
  const what = { action: 'addHouseholdMember', entity: 'household_member', regionCode: household.village.code };
  return auditedCreate(em, actor, what, () => {
    const person = em.create(Person, {
      idNumber: id.idNumber,
      name,
      sex: id.sex,
      birthDate: id.birthDate,
      phone: input.phone ?? null,
      disabilityCategory: input.disabilityCategory ?? null,
      disabilityLevel: input.disabilityLevel ?? null,
    });
    return em.create(HouseholdMember, { household, person, relation: input.relation, startDate });
  });
}

/** A member leaves the household (moving away, marriage out) on a date. */
export async function endHouseholdMembership(em: EntityManager, actor: Actor, memberId: number, endDate: string): Promise<HouseholdMember> {
  assertCan(actor, 'editHousehold');
  const locked = await lockRow(em, HouseholdMember, { id: memberId });
  const member = visible(
    actor,
    locked ? await em.findOne(HouseholdMember, { id: memberId }, { populate: ['household'] }) : null,
    (m) => m.household.village.code,
    'membership',
    memberId,
  );
  if (member.endDate) throw new DomainError('TRANSITION_NOT_ALLOWED', 'This membership has already ended.');
  assertPastDate(endDate, 'The end of a membership', { date: member.startDate, what: 'its start' });
  const what = { action: 'endHouseholdMembership', entity: 'household_member', regionCode: member.household.village.code };
  return auditedChange(em, actor, what, member, (m) => {
    m.endDate = endDate;
  });
}
