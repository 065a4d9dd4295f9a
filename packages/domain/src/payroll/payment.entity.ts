import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Application } from '../application/application.entity.js';
import { Enrollment } from '../enrollment/enrollment.entity.js';
import { Household } from '../household/household.entity.js';
import { Person } from '../household/person.entity.js';
import { Program } from '../program/program.entity.js';
import { PayrollBatch } from './payroll-batch.entity.js';

/** regular: a batch's monthly payment; back_pay (补发) and recovery (追回, negative): corrections; one_off: per-case aid. */
export const PAYMENT_KINDS = ['regular', 'back_pay', 'recovery', 'one_off'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

/** One ledger row. Amounts are fen; rows are never updated, corrections are rows of their own. */
@Entity({ tableName: 'payment' })
export class Payment {
  [OptionalProps]?: 'coveredMembers' | 'note' | 'createdAt';

  @PrimaryKey({ type: new BigIntType('number') })
  id!: number;

  @ManyToOne(() => PayrollBatch, { fieldName: 'batch_id', nullable: true })
  batch?: PayrollBatch | null;

  @ManyToOne(() => Enrollment, { fieldName: 'enrollment_id', nullable: true })
  enrollment?: Enrollment | null;

  /** The approved application a one-off payment pays (one payment per application). */
  @ManyToOne(() => Application, { fieldName: 'application_id', nullable: true })
  application?: Application | null;

  @ManyToOne(() => Household, { fieldName: 'household_id' })
  household!: Household;

  @ManyToOne(() => Person, { fieldName: 'person_id', nullable: true })
  person?: Person | null;

  @ManyToOne(() => Program, { fieldName: 'program_code' })
  program!: Program;

  @Property({ type: 'string' })
  countyCode!: string;

  @Property({ type: 'string' })
  villageCode!: string;

  /** The month the payment concerns, 'YYYY-MM-01'. */
  @Property({ type: 'date' })
  month!: string;

  @Enum({ items: [...PAYMENT_KINDS], nativeEnumName: 'payment_kind' })
  kind!: PaymentKind;

  @Property({ type: new BigIntType('number') })
  amountFen!: number;

  @Property({ type: 'smallint' })
  coveredMembers: number = 1;

  @Property({ type: new BigIntType('number'), nullable: true })
  standardFen?: number | null;

  @Property({ type: 'text' })
  note: string = '';

  @Property({ type: 'string' })
  createdBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
