import { OptionalProps } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Region } from '../region/region.entity.js';

/** A rule and the version of it a run applied. */
export interface AppliedRule {
  code: string;
  version: number;
  found: number;
  added: number;
}

/** One cross-check run of a county for a month (on demand, or the monthly run). */
@Entity({ tableName: 'cross_check_run' })
export class CrossCheckRun {
  [OptionalProps]?: 'hitCount' | 'newHitCount' | 'startedAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Region, { fieldName: 'county_code' })
  county!: Region;

  /** 'YYYY-MM-01' */
  @Property({ type: 'date' })
  month!: string;

  @Property({ type: 'json' })
  rules!: AppliedRule[];

  /** Hits the rules found, raised by this run or an earlier one. */
  @Property({ type: 'integer' })
  hitCount: number = 0;

  /** Hits this run raised (the others were raised already). */
  @Property({ type: 'integer' })
  newHitCount: number = 0;

  @Property({ type: 'string' })
  startedBy!: string;

  @Property({ type: 'datetime' })
  startedAt: Date = new Date();
}
