import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

import type { Sex } from '../person/id-number.js';

export const SEXES = ['male', 'female'] as const satisfies readonly Sex[];

/** A person; birth date and sex are derived from the (validated) ID number. */
@Entity({ tableName: 'person' })
export class Person {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'string' })
  idNumber!: string;

  @Property({ type: 'string' })
  name!: string;

  @Enum({ items: [...SEXES], nativeEnumName: 'sex' })
  sex!: Sex;

  @Property({ type: 'date' })
  birthDate!: string;

  @Property({ type: 'string', nullable: true })
  phone?: string | null;

  @Property({ type: 'string', nullable: true })
  disabilityCategory?: string | null;

  @Property({ type: 'smallint', nullable: true })
  disabilityLevel?: number | null;

  @Property({ type: 'date', nullable: true })
  deceasedOn?: string | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
