import { BigIntType } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Application } from '../application/application.entity.js';
import { Household } from '../household/household.entity.js';

/** Departments a case is referred to at the 社会大救助 window. */
export const REFERRAL_DEPARTMENTS = ['medical_insurance', 'education', 'human_resources', 'housing', 'disability_federation'] as const;
export type ReferralDepartment = (typeof REFERRAL_DEPARTMENTS)[number];
export const REFERRAL_DEPARTMENT_NAMES: Record<ReferralDepartment, string> = {
  medical_insurance: '医保',
  education: '教育',
  human_resources: '人社',
  housing: '住建',
  disability_federation: '残联',
};
export const REFERRAL_OUTCOMES = ['granted', 'refused'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

/** 社会大救助: a household's case referred to a department with what was asked, and the department's outcome. */
@Entity({ tableName: 'referral' })
export class Referral {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Household, { fieldName: 'household_id' })
  household!: Household;

  @ManyToOne(() => Application, { fieldName: 'application_id', nullable: true })
  application?: Application | null;

  @Property({ type: 'string' })
  countyCode!: string;

  @Property({ type: 'string' })
  villageCode!: string;

  @Enum({ items: [...REFERRAL_DEPARTMENTS], nativeEnumName: 'referral_department' })
  department!: ReferralDepartment;

  @Property({ type: 'text' })
  request!: string;

  @Property({ type: 'date' })
  referredOn!: string;

  @Property({ type: 'string' })
  referredBy!: string;

  @Enum({ items: [...REFERRAL_OUTCOMES], nativeEnumName: 'referral_outcome', nullable: true })
  outcome?: ReferralOutcome | null;

  @Property({ type: new BigIntType('number'), nullable: true })
  amountFen?: number | null;

  @Property({ type: 'text', nullable: true })
  outcomeNote?: string | null;

  @Property({ type: 'date', nullable: true })
  decidedOn?: string | null;

  @Property({ type: 'string', nullable: true })
  recordedBy?: string | null;
}
