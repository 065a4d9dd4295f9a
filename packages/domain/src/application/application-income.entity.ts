import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Person } from '../household/person.entity.js';
import { Application } from './application.entity.js';

/** A monthly income item recorded at verification (核对). */
@Entity({ tableName: 'application_income' })
export class ApplicationIncome {
  [OptionalProps]?: 'exemptFen';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Application, { fieldName: 'application_id' })
  application!: Application;

  @ManyToOne(() => Person, { fieldName: 'person_id', nullable: true })
  person?: Person | null;

  @Property({ type: 'string' })
  kind!: string;

  @Property({ type: new BigIntType('number') })
  monthlyFen!: number;

  /** 劳动力系数 for informal income, 0..1, as a decimal string. */
  @Property({ type: 'decimal', precision: 3, scale: 2, nullable: true })
  laborCoefficient?: string | null;

  @Property({ type: new BigIntType('number') })
  exemptFen: number = 0;
}
