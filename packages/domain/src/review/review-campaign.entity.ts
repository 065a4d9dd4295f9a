import { OptionalProps } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Region } from '../region/region.entity.js';

/** A re-review campaign (复核) of a county over a period. */
@Entity({ tableName: 'review_campaign' })
export class ReviewCampaign {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Region, { fieldName: 'county_code' })
  county!: Region;

  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'date' })
  periodStart!: string;

  @Property({ type: 'date' })
  periodEnd!: string;

  @Property({ type: 'string' })
  createdBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
