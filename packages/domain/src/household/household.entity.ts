import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { AREA_TYPES, type AreaType } from '../program/standard.entity.js';
import { Region } from '../region/region.entity.js';

/** A household of the registry, living in a village (村/社区) of a county. */
@Entity({ tableName: 'household' })
export class Household {
  [OptionalProps]?: 'address' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  /** Random and stable; what the public 幸福清单 shows instead of any key or ID number. */
  @Property({ type: 'string' })
  publicId!: string;

  @ManyToOne(() => Region, { fieldName: 'county_code' })
  county!: Region;

  @ManyToOne(() => Region, { fieldName: 'village_code' })
  village!: Region;

  /** Urban or rural hukou: decides which standard applies. */
  @Enum({ items: [...AREA_TYPES], nativeEnumName: 'area_type' })
  areaType!: AreaType;

  @Property({ type: 'string' })
  address: string = '';

  @Property({ type: 'string', nullable: true })
  phone?: string | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
