import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Region } from '../region/region.entity.js';
import { Program } from './program.entity.js';

export const AREA_TYPES = ['urban', 'rural'] as const;
export type AreaType = (typeof AREA_TYPES)[number];

/** Program × county × urban/rural (× tier) × effective month → monthly amount per person. */
@Entity({ tableName: 'standard' })
export class Standard {
  [OptionalProps]?: 'tier' | 'createdAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Program, { fieldName: 'program_code' })
  program!: Program;

  @ManyToOne(() => Region, { fieldName: 'county_code' })
  county!: Region;

  @Enum({ items: [...AREA_TYPES], nativeEnumName: 'area_type' })
  areaType!: AreaType;

  @Property({ type: 'string' })
  tier: string = '';

  /** 'YYYY-MM-01' */
  @Property({ type: 'date' })
  effectiveMonth!: string;

  @Property({ type: new BigIntType('number') })
  amountFen!: number;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
