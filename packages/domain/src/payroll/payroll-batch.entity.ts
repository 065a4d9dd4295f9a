import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Program } from '../program/program.entity.js';
import { Region } from '../region/region.entity.js';

export const PAYROLL_STATUSES = ['draft', 'approved', 'paid'] as const;
export type PayrollStatus = (typeof PAYROLL_STATUSES)[number];

/** A county's monthly payroll of one program; frozen once approved. */
@Entity({ tableName: 'payroll_batch' })
export class PayrollBatch {
  [OptionalProps]?: 'status' | 'paymentCount' | 'totalFen' | 'generatedAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Region, { fieldName: 'county_code' })
  county!: Region;

  @ManyToOne(() => Program, { fieldName: 'program_code' })
  program!: Program;

  /** 'YYYY-MM-01' */
  @Property({ type: 'date' })
  month!: string;

  @Enum({ items: [...PAYROLL_STATUSES], nativeEnumName: 'payroll_status' })
  status: PayrollStatus = 'draft';

  @Property({ type: 'integer' })
  paymentCount: number = 0;

  @Property({ type: new BigIntType('string') })
  totalFen: string = '0';

  @Property({ type: 'datetime' })
  generatedAt: Date = new Date();

  @Property({ type: 'string' })
  generatedBy!: string;

  @Property({ type: 'datetime', nullable: true })
  approvedAt?: Date | null;

  @Property({ type: 'string', nullable: true })
  approvedBy?: string | null;

  @Property({ type: 'datetime', nullable: true })
  paidAt?: Date | null;
}
