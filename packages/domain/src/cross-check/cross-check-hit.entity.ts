import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Enrollment } from '../enrollment/enrollment.entity.js';
import { Household } from '../household/household.entity.js';
import { Person } from '../household/person.entity.js';
import { CrossCheckRun } from './cross-check-run.entity.js';

export const CROSS_CHECK_STATUSES = ['open', 'stopped', 'adjusted', 'dismissed'] as const;
export type CrossCheckStatus = (typeof CROSS_CHECK_STATUSES)[number];

/**
 * What a rule found about a person covered by an enrollment, worked to an outcome within its
 * deadline: stopped (from a month, with recovery), adjusted, or dismissed with a reason.
 */
@Entity({ tableName: 'cross_check_hit' })
export class CrossCheckHit {
  [OptionalProps]?: 'status' | 'recoveredFen' | 'backPaidFen';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => CrossCheckRun, { fieldName: 'run_id' })
  run!: CrossCheckRun;

  @Property({ type: 'string' })
  ruleCode!: string;

  @Property({ type: 'smallint' })
  ruleVersion!: number;

  @Property({ type: 'string' })
  countyCode!: string;

  @Property({ type: 'string' })
  villageCode!: string;

  @ManyToOne(() => Enrollment, { fieldName: 'enrollment_id' })
  enrollment!: Enrollment;

  @ManyToOne(() => Household, { fieldName: 'household_id' })
  household!: Household;

  @ManyToOne(() => Person, { fieldName: 'person_id' })
  person!: Person;

  /** What the feed or the ledger says, in words (no ID numbers). */
  @Property({ type: 'string' })
  evidence!: string;

  @Property({ type: 'string' })
  evidenceKey!: string;

  /** The date the evidence names (a date of death, …), if any. */
  @Property({ type: 'date', nullable: true })
  evidenceDate?: string | null;

  @Property({ type: 'date' })
  foundOn!: string;

  @Property({ type: 'date' })
  dueOn!: string;

  @Enum({ items: [...CROSS_CHECK_STATUSES], nativeEnumName: 'cross_check_status' })
  status: CrossCheckStatus = 'open';

  /** 'YYYY-MM-01': the first month no longer paid (stopped) or paid at the new amount (adjusted). */
  @Property({ type: 'date', nullable: true })
  stopMonth?: string | null;

  @Property({ type: new BigIntType('number') })
  recoveredFen: number = 0;

  /** Paid back (补发) when an adjustment raised the amount of months already paid. */
  @Property({ type: new BigIntType('number') })
  backPaidFen: number = 0;

  @Property({ type: 'text', nullable: true })
  outcomeReason?: string | null;

  @ManyToOne(() => Enrollment, { fieldName: 'new_enrollment_id', nullable: true })
  newEnrollment?: Enrollment | null;

  @Property({ type: 'date', nullable: true })
  decidedOn?: string | null;

  @Property({ type: 'string', nullable: true })
  decidedBy?: string | null;
}
