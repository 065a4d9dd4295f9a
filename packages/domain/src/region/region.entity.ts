import { PrimaryKeyProp } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { RegionLevel } from './region-level.js';

/** An administrative region, from province down to village (村/社区). */
@Entity({ tableName: 'region' })
export class Region {
  [PrimaryKeyProp]?: 'code';

  @PrimaryKey({ type: 'string', length: 12 })
  code!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Enum({ items: () => RegionLevel, nativeEnumName: 'region_level' })
  level!: RegionLevel;

  @ManyToOne(() => Region, { nullable: true, fieldName: 'parent_code', deleteRule: 'restrict' })
  @Index()
  parent?: Region | null;
}
