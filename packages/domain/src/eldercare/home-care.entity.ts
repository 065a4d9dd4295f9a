import { BigIntType, PrimaryKeyProp } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Household } from '../household/household.entity.js';
import { Person } from '../household/person.entity.js';
import { ElderFacility } from './facility.entity.js';

/** Home services (居家养老服务): 助餐, 助洁, 助浴, 助医, 助急, other. */
export const HOME_SERVICE_KINDS = ['meal', 'cleaning', 'bathing', 'medical', 'emergency', 'other'] as const;
export type HomeServiceKind = (typeof HOME_SERVICE_KINDS)[number];

export const MODIFICATION_STATES = ['planned', 'in_progress', 'completed', 'cancelled'] as const;
export type ModificationState = (typeof MODIFICATION_STATES)[number];

/** Services of one kind a person received at home in a month. */
@Entity({ tableName: 'elder_home_service' })
export class HomeService {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Person, { fieldName: 'person_id' })
  person!: Person;

  @Property({ type: 'string' })
  countyCode!: string;

  @Property({ type: 'string' })
  villageCode!: string;

  /** 'YYYY-MM-01' */
  @Property({ type: 'date' })
  month!: string;

  @Enum({ items: [...HOME_SERVICE_KINDS], nativeEnumName: 'home_service_kind' })
  kind!: HomeServiceKind;

  @Property({ type: 'integer' })
  times!: number;

  @Property({ type: 'string' })
  recordedBy!: string;
}

/** An age-friendly home modification (适老化改造) of a household, counted against its county's target of the year. */
@Entity({ tableName: 'elder_home_modification' })
export class HomeModification {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Household, { fieldName: 'household_id' })
  household!: Household;

  @Property({ type: 'string' })
  countyCode!: string;

  @Property({ type: 'string' })
  villageCode!: string;

  @Property({ type: 'smallint' })
  year!: number;

  @Property({ type: 'string' })
  items!: string;

  @Enum({ items: [...MODIFICATION_STATES], nativeEnumName: 'modification_state' })
  state!: ModificationState;

  @Property({ type: new BigIntType('number') })
  costFen!: number;

  @Property({ type: 'date', nullable: true })
  completedOn?: string | null;
}

/** A county's elder-care targets of a year: the population eligible for home services, homes to modify. */
@Entity({ tableName: 'elder_care_target' })
export class ElderCareTarget {
  [PrimaryKeyProp]?: ['countyCode', 'year'];

  @PrimaryKey({ type: 'string' })
  countyCode!: string;

  @PrimaryKey({ type: 'smallint' })
  year!: number;

  @Property({ type: 'integer' })
  eligiblePersons!: number;

  @Property({ type: 'integer' })
  modificationTarget!: number;
}

/** A 幸福院's / canteen's / day-care centre's month: people served and meals. */
@Entity({ tableName: 'elder_facility_activity' })
export class FacilityActivity {
  [PrimaryKeyProp]?: ['facility', 'month'];

  @ManyToOne(() => ElderFacility, { fieldName: 'facility_id', primary: true })
  facility!: ElderFacility;

  @PrimaryKey({ type: 'date' })
  month!: string;

  @Property({ type: 'integer' })
  peopleServed!: number;

  @Property({ type: 'integer' })
  meals!: number;
}
