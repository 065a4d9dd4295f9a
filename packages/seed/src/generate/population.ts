import { randomFullName, randomGivenName, randomSurname } from '../names/name-generator.js';
import type { Rng } from '../random/prng.js';
import { syntheticPublicId } from '../random/public-id.js';
import { addDays, stamp } from './calendar.js';
import type { IdNumberAllocator } from './id-numbers.js';

/** Marks everything the generator writes: addresses, actors, names of campaigns. */
export const SYNTHETIC_MARK = '示例数据';
export const ADDRESS_PREFIX = `【${SYNTHETIC_MARK}】`;

export type Sex = 'male' | 'female';
export type Relation = 'head' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'grandparent' | 'sibling' | 'other';
export type AreaType = 'urban' | 'rural';

export interface VillageInfo {
  code: string;
  name: string;
  townCode: string;
  townName: string;
  urban: boolean;
}

export interface PersonRec {
  id: number;
  idNumber: string;
  name: string;
  sex: Sex;
  birthDate: string;
  disabilityCategory: string | null;
  disabilityLevel: number | null;
  deceasedOn: string | null;
  createdOn: string;
  updatedOn: string;
}

export interface MembershipRec {
  id: number;
  person: PersonRec;
  relation: Relation;
  start: string;
  end: string | null;
}

export interface HouseholdRec {
  id: number;
  publicId: string;
  village: VillageInfo;
  area: AreaType;
  address: string;
  registeredOn: string;
  updatedOn: string;
  members: MembershipRec[];
}

/** A member to create: relation, sex and age on the reference date. */
export interface MemberSpec {
  relation: Relation;
  sex: Sex;
  age: number;
  /** Shares the head's surname (children, grandchildren). */
  headSurname?: boolean;
}

const DISABILITY_CATEGORIES = ['肢体', '肢体', '肢体', '视力', '听力', '言语', '智力', '精神', '多重'] as const;

export function villageShortName(village: VillageInfo): string {
  const short = village.name.replace(/(村民委员会|居民委员会|村委会|居委会|委员会)$/, '');
  return short + (village.urban ? (short.endsWith('社区') ? '' : '社区') : short.endsWith('村') ? '' : '村');
}

/**
 * Households and persons: family structures with consistent ages, sexes and surnames, synthetic
 * names and ID numbers. Records stay in memory until their block is written.
 */
export class Population {
  constructor(
    private readonly nextId: (table: 'household' | 'person' | 'household_member') => number,
    private readonly idNumbers: IdNumberAllocator,
    /** The reference date ages are counted on (1 January of the preset's year). */
    private readonly referenceDate: string,
  ) {}

  newHousehold(rng: Rng, village: VillageInfo, registeredOn: string, address?: string): HouseholdRec {
    const id = this.nextId('household');
    const group = rng.int(1, village.urban ? 30 : 12);
    return {
      id,
      publicId: syntheticPublicId(id),
      village,
      area: village.urban ? 'urban' : 'rural',
      address:
        address ??
        (village.urban
          ? `${ADDRESS_PREFIX}${village.townName}${villageShortName(village)}${rng.int(1, 40)}栋${rng.int(1, 6)}单元${rng.int(1, 6)}0${rng.int(1, 4)}室`
          : `${ADDRESS_PREFIX}${village.townName}${villageShortName(village)}${group}组${rng.int(1, 80)}号`),
      registeredOn,
      updatedOn: registeredOn,
      members: [],
    };
  }

  /** A birth date for an age on the reference date; moved by days when that date is full. */
  birthDateFor(rng: Rng, age: number, sex: Sex): string {
    const year = Number(this.referenceDate.slice(0, 4)) - age - 1;
    let date = addDays(`${year}-01-01`, rng.int(0, 364));
    for (let i = 0; i < 400 && !this.idNumbers.hasRoom(date, sex); i++) date = addDays(date, 1);
    return date;
  }

  newPerson(rng: Rng, sex: Sex, birthDate: string, createdOn: string, surname?: string): PersonRec {
    const birthYear = Number(birthDate.slice(0, 4));
    return {
      id: this.nextId('person'),
      idNumber: this.idNumbers.allocate(birthDate, sex),
      name: surname ? surname + randomGivenName(rng, sex, birthYear) : randomFullName(rng, sex, birthYear),
      sex,
      birthDate,
      disabilityCategory: null,
      disabilityLevel: null,
      deceasedOn: null,
      createdOn: createdOn < birthDate ? birthDate : createdOn,
      updatedOn: createdOn < birthDate ? birthDate : createdOn,
    };
  }

  addMember(household: HouseholdRec, person: PersonRec, relation: Relation, start: string): MembershipRec {
    const membership: MembershipRec = {
      id: this.nextId('household_member'),
      person,
      relation,
      start: start < person.birthDate ? person.birthDate : start,
      end: null,
    };
    household.members.push(membership);
    return membership;
  }

  /** Creates the members of a family on the household's registration date. */
  populate(rng: Rng, household: HouseholdRec, specs: readonly MemberSpec[]): PersonRec[] {
    const headSurname = randomSurname(rng);
    return specs.map((spec) => {
      const birthDate = this.birthDateFor(rng, spec.age, spec.sex);
      const surname = spec.relation === 'head' || spec.headSurname ? headSurname : undefined;
      const person = this.newPerson(rng, spec.sex, birthDate, household.registeredOn, surname);
      this.addMember(household, person, spec.relation, household.registeredOn);
      return person;
    });
  }

  /** Marks a disability (category and level 1–4) on a person. */
  setDisability(rng: Rng, person: PersonRec, level: number): void {
    person.disabilityCategory = rng.pick(DISABILITY_CATEGORIES);
    person.disabilityLevel = level;
  }

  /** A death: the membership ends; when the head dies, the spouse or eldest member becomes head. */
  recordDeath(household: HouseholdRec, person: PersonRec, date: string): void {
    person.deceasedOn = date;
    person.updatedOn = date;
    const membership = household.members.find((m) => m.person === person && m.end === null);
    if (!membership) return;
    membership.end = date;
    household.updatedOn = date;
    if (membership.relation !== 'head') return;
    const current = household.members.filter((m) => m.end === null && m.person.deceasedOn === null);
    const successor =
      current.find((m) => m.relation === 'spouse') ??
      [...current].sort((a, b) => a.person.birthDate.localeCompare(b.person.birthDate)).find((m) => ageOf(m.person, date) >= 16) ??
      current[0];
    if (!successor) return;
    successor.end = date;
    this.addMember(household, successor.person, 'head', date);
  }

  /** The whole household leaves the county: every current membership ends. */
  recordMoveAway(household: HouseholdRec, date: string): void {
    for (const m of household.members) if (m.end === null) m.end = date;
    household.updatedOn = date;
  }

  /** A grown child leaves to found a household of their own (分户), possibly in another village. */
  recordSplit(rng: Rng, household: HouseholdRec, person: PersonRec, date: string, village: VillageInfo): HouseholdRec {
    const membership = household.members.find((m) => m.person === person && m.end === null);
    if (membership) membership.end = date;
    household.updatedOn = date;
    const created = this.newHousehold(rng, village, date);
    this.addMember(created, person, 'head', date);
    person.updatedOn = date;
    return created;
  }

  currentMembers(household: HouseholdRec): PersonRec[] {
    return household.members.filter((m) => m.end === null).map((m) => m.person);
  }
}

export function ageOf(person: PersonRec, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(person.birthDate.slice(0, 4));
  return date.slice(5) >= person.birthDate.slice(5) ? years : years - 1;
}

export function registeredStamp(date: string): string {
  return stamp(date, 9, 0);
}

/**
 * Family structures by size: an elderly person or couple; a couple with children; a grandparent
 * raising grandchildren; three generations. Ages are on the reference date.
 */
export function familySpecs(rng: Rng, size: number, kind: 'elderly' | 'working' | 'any'): MemberSpec[] {
  const sexOfHead: Sex = rng.chance(0.62) ? 'male' : 'female';
  const other = (sex: Sex): Sex => (sex === 'male' ? 'female' : 'male');
  const elderly = kind === 'elderly' || (kind === 'any' && rng.chance(0.45));
  if (size === 1) {
    return [{ relation: 'head', sex: sexOfHead, age: elderly ? rng.int(62, 96) : rng.int(24, 61) }];
  }
  if (elderly) {
    const headAge = rng.int(62, 92);
    const specs: MemberSpec[] = [
      { relation: 'head', sex: 'male', age: headAge },
      { relation: 'spouse', sex: 'female', age: Math.max(55, headAge - rng.int(-2, 6)) },
    ];
    for (let i = 2; i < size; i++) {
      // an adult child (often disabled or ill) or a grandchild left in their care
      if (i === 2 && rng.chance(0.5))
        specs.push({ relation: 'child', sex: rng.chance(0.5) ? 'male' : 'female', age: headAge - rng.int(24, 32), headSurname: true });
      else specs.push({ relation: 'grandchild', sex: rng.chance(0.52) ? 'male' : 'female', age: rng.int(2, 16), headSurname: true });
    }
    return specs;
  }
  const headAge = rng.int(28, 56);
  const specs: MemberSpec[] = [{ relation: 'head', sex: sexOfHead, age: headAge }];
  const singleParent = size === 2 || rng.chance(0.2);
  if (!singleParent) specs.push({ relation: 'spouse', sex: other(sexOfHead), age: Math.max(22, headAge + rng.int(-4, 4)) });
  while (specs.length < size) {
    const remaining = size - specs.length;
    if (remaining >= 1 && specs.length >= 2 && rng.chance(0.3) && !specs.some((s) => s.relation === 'parent') && headAge >= 35) {
      specs.push({ relation: 'parent', sex: rng.chance(0.6) ? 'female' : 'male', age: Math.min(98, headAge + rng.int(24, 32)) });
    } else {
      specs.push({
        relation: 'child',
        sex: rng.chance(0.52) ? 'male' : 'female',
        age: Math.max(0, headAge - rng.int(20, 34)),
        headSurname: true,
      });
    }
  }
  return specs;
}
