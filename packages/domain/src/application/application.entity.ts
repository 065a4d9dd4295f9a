import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Household } from '../household/household.entity.js';
import { Person } from '../household/person.entity.js';
import { Program } from '../program/program.entity.js';
import { Region } from '../region/region.entity.js';

export const APPLICATION_CHANNELS = ['county_centre', 'town_station', 'grid_worker', 'app'] as const;
export type ApplicationChannel = (typeof APPLICATION_CHANNELS)[number];
/** 申请 → 受理 → 核对 → 入户调查 → 公示 → 审批 | 驳回 */
export const APPLICATION_STATUSES = ['applied', 'accepted', 'verified', 'investigated', 'publicized', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** An application of a household (or one of its members) for a program, through its lifecycle. */
@Entity({ tableName: 'application' })
export class Application {
  [OptionalProps]?: 'status' | 'reason' | 'singlePerson' | 'instant' | 'outreach' | 'advance' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Household, { fieldName: 'household_id' })
  household!: Household;

  @ManyToOne(() => Program, { fieldName: 'program_code' })
  program!: Program;

  /** For programs paid per person: the member applied for. */
  @ManyToOne(() => Person, { fieldName: 'person_id', nullable: true })
  person?: Person | null;

  @ManyToOne(() => Region, { fieldName: 'county_code' })
  county!: Region;

  @ManyToOne(() => Region, { fieldName: 'village_code' })
  village!: Region;

  @Enum({ items: [...APPLICATION_CHANNELS], nativeEnumName: 'application_channel' })
  channel!: ApplicationChannel;

  @Enum({ items: [...APPLICATION_STATUSES], nativeEnumName: 'application_status' })
  status: ApplicationStatus = 'applied';

  @Property({ type: 'date' })
  appliedOn!: string;

  @Property({ type: 'text' })
  reason: string = '';

  @Property({ type: 'smallint', nullable: true })
  householdSize?: number | null;

  @Property({ type: 'smallint', nullable: true })
  coveredMembers?: number | null;

  @Property({ type: 'boolean' })
  singlePerson: boolean = false;

  /** 秒批: approved in the request that submitted it, its eligibility following from the ID number (no 公示). */
  @Property({ type: 'boolean' })
  instant: boolean = false;

  /** 政策找人: made from an outreach candidate (the bureau found the person). */
  @Property({ type: 'boolean' })
  outreach: boolean = false;

  /** 先行救助: paid when submitted (within the county's ceiling), reviewed afterwards. */
  @Property({ type: 'boolean' })
  advance: boolean = false;

  @Property({ type: new BigIntType('number'), nullable: true })
  rigidExpensesFen?: number | null;

  @Property({ type: new BigIntType('number'), nullable: true })
  financialAssetsFen?: number | null;

  @Property({ type: new BigIntType('number'), nullable: true })
  countedIncomeFen?: number | null;

  @Property({ type: new BigIntType('number'), nullable: true })
  perCapitaIncomeFen?: number | null;

  @Property({ type: new BigIntType('number'), nullable: true })
  assessedAmountFen?: number | null;

  @Property({ type: 'string', nullable: true })
  tier?: string | null;

  @Property({ type: 'text', nullable: true })
  investigationNotes?: string | null;

  @Property({ type: 'date', nullable: true })
  publicityStart?: string | null;

  @Property({ type: 'date', nullable: true })
  publicityEnd?: string | null;

  @Property({ type: 'text', nullable: true })
  decisionReason?: string | null;

  @Property({ type: 'date', nullable: true })
  decidedOn?: string | null;

  @Property({ type: 'string' })
  createdBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
