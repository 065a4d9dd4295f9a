import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Application } from '../application/application.entity.js';
import { ElderFacility } from '../eldercare/facility.entity.js';
import { Household } from '../household/household.entity.js';
import { Person } from '../household/person.entity.js';
import { AMOUNT_RULES, Program, type AmountRule } from '../program/program.entity.js';
import { AREA_TYPES, type AreaType } from '../program/standard.entity.js';
import { Region } from '../region/region.entity.js';

import { EXIT_REASONS, type ExitReason } from './exit-reason.js';
export { EXIT_REASONS, type ExitReason } from './exit-reason.js';

export const ENROLLMENT_STATUSES = ['active', 'ended'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/**
 * The status an enrollment is shown with: an ended enrollment whose last paid month (`endMonth`)
 * is this month or later is still paid until that month passes, so it is `ending`, not `ended`.
 */
export const ENROLLMENT_STATUSES_SHOWN = ['active', 'ending', 'ended'] as const;
export type EnrollmentStatusShown = (typeof ENROLLMENT_STATUSES_SHOWN)[number];

/** The status shown for a stored status and last paid month ('YYYY-MM-DD' or 'YYYY-MM'), in `month` ('YYYY-MM'). */
export function enrollmentStatusIn(status: EnrollmentStatus, endMonth: string | null | undefined, month: string): EnrollmentStatusShown {
  if (status === 'ended' && endMonth && endMonth.slice(0, 7) >= month) return 'ending';
  return status;
}

/**
 * A household (or person) in a monthly program from a month on. The monthly amount is derived
 * from the standard in force each month: gap → (standard − perCapitaIncome) × covered;
 * standard/tiered → standard × covered; a fixed amount (渐退) overrides both, capped at the
 * standard × covered. An adjustment ends this enrollment and starts a new one.
 */
@Entity({ tableName: 'enrollment' })
export class Enrollment {
  [OptionalProps]?: 'tier' | 'perCapitaIncomeFen' | 'status' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Program, { fieldName: 'program_code' })
  program!: Program;

  @ManyToOne(() => Household, { fieldName: 'household_id' })
  household!: Household;

  @ManyToOne(() => Person, { fieldName: 'person_id', nullable: true })
  person?: Person | null;

  @ManyToOne(() => Application, { fieldName: 'application_id', nullable: true })
  application?: Application | null;

  @ManyToOne(() => Region, { fieldName: 'county_code' })
  county!: Region;

  @ManyToOne(() => Region, { fieldName: 'village_code' })
  village!: Region;

  @Enum({ items: [...AREA_TYPES], nativeEnumName: 'area_type' })
  areaType!: AreaType;

  @Enum({ items: [...AMOUNT_RULES], nativeEnumName: 'amount_rule' })
  amountRule!: AmountRule;

  @Property({ type: 'string' })
  tier: string = '';

  @Property({ type: 'smallint' })
  coveredMembers!: number;

  @Property({ type: new BigIntType('number') })
  perCapitaIncomeFen: number = 0;

  @Property({ type: new BigIntType('number'), nullable: true })
  fixedAmountFen?: number | null;

  /** 'YYYY-MM-01' */
  @Property({ type: 'date' })
  startMonth!: string;

  /** Last month paid, 'YYYY-MM-01'; null while open-ended. */
  @Property({ type: 'date', nullable: true })
  endMonth?: string | null;

  @Enum({ items: [...ENROLLMENT_STATUSES], nativeEnumName: 'enrollment_status' })
  status: EnrollmentStatus = 'active';

  @Enum({ items: [...EXIT_REASONS], nativeEnumName: 'exit_reason', nullable: true })
  exitReason?: ExitReason | null;

  /** 特困 集中供养: the institution that houses the person (docs/eldercare.md). */
  @ManyToOne(() => ElderFacility, { fieldName: 'facility_id', nullable: true })
  facility?: ElderFacility | null;

  @ManyToOne(() => Enrollment, { fieldName: 'previous_enrollment_id', nullable: true })
  previousEnrollment?: Enrollment | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
