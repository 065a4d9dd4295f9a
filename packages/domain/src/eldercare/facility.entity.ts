import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * Kinds of elder-care facilities: 公办敬老院, 民办养老机构, 公建民营, 城乡综合养老服务中心, 农村幸福院,
 * 日间照料中心, 长者食堂, 照护中心.
 */
export const FACILITY_KINDS = [
  'public_home',
  'private_home',
  'publicly_built_privately_run',
  'service_centre',
  'rural_happiness_home',
  'day_care_centre',
  'elder_canteen',
  'care_centre',
] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

/** The Chinese name of each kind, as the bureaus' reports write it. */
export const FACILITY_KIND_NAMES: Record<FacilityKind, string> = {
  public_home: '公办敬老院',
  private_home: '民办养老机构',
  publicly_built_privately_run: '公建民营',
  service_centre: '城乡综合养老服务中心',
  rural_happiness_home: '农村幸福院',
  day_care_centre: '日间照料中心',
  elder_canteen: '长者食堂',
  care_centre: '照护中心',
};

/** Kinds that house residents (beds, 特困 集中供养): the institutions. */
export const RESIDENTIAL_KINDS: readonly FacilityKind[] = ['public_home', 'private_home', 'publicly_built_privately_run', 'care_centre'];
/** Kinds whose activity (people served, meals) is recorded per month. */
export const ACTIVITY_KINDS: readonly FacilityKind[] = ['rural_happiness_home', 'day_care_centre', 'elder_canteen', 'service_centre'];

/** An elder-care facility, addressed at village level. */
@Entity({ tableName: 'elder_facility' })
export class ElderFacility {
  [OptionalProps]?: 'address' | 'createdAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Enum({ items: [...FACILITY_KINDS], nativeEnumName: 'elder_facility_kind' })
  kind!: FacilityKind;

  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'string' })
  operator!: string;

  @Property({ type: 'string' })
  countyCode!: string;

  @Property({ type: 'string' })
  villageCode!: string;

  @Property({ type: 'string' })
  address: string = '';

  @Property({ type: 'integer', nullable: true })
  floorAreaM2?: number | null;

  @Property({ type: new BigIntType('number'), nullable: true })
  investmentFen?: number | null;

  @Property({ type: 'date' })
  openedOn!: string;

  @Property({ type: 'date', nullable: true })
  closedOn?: string | null;

  /** 1 to 5 stars (养老机构等级评定), with the date of the rating. */
  @Property({ type: 'smallint', nullable: true })
  starRating?: number | null;

  @Property({ type: 'date', nullable: true })
  starRatedOn?: string | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

/** The certified caregivers of a facility by level (养老护理员 五级/初级 … 一级/高级技师). */
export interface CaregiversByLevel {
  level5: number;
  level4: number;
  level3: number;
  level2: number;
  level1: number;
}

/** Capacity of a facility as recorded on a date: beds, occupied beds, staff, certified caregivers. */
@Entity({ tableName: 'elder_facility_capacity' })
export class FacilityCapacity {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => ElderFacility, { fieldName: 'facility_id' })
  facility!: ElderFacility;

  @Property({ type: 'date' })
  recordedOn!: string;

  @Property({ type: 'integer' })
  beds!: number;

  @Property({ type: 'integer' })
  occupiedBeds!: number;

  @Property({ type: 'integer' })
  staff!: number;

  @Property({ type: 'integer', fieldName: 'caregivers_level5' })
  caregiversLevel5!: number;

  @Property({ type: 'integer', fieldName: 'caregivers_level4' })
  caregiversLevel4!: number;

  @Property({ type: 'integer', fieldName: 'caregivers_level3' })
  caregiversLevel3!: number;

  @Property({ type: 'integer', fieldName: 'caregivers_level2' })
  caregiversLevel2!: number;

  @Property({ type: 'integer', fieldName: 'caregivers_level1' })
  caregiversLevel1!: number;

  @Property({ type: 'string' })
  recordedBy!: string;
}
