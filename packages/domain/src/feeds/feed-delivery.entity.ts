import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Region } from '../region/region.entity.js';
import { FEED_KINDS, type FeedKind } from './feed-kind.js';

/**
 * One file a department delivered to a county, loaded whole. A county has one delivery per feed
 * and delivery date; checks as of a date read the latest delivery up to it (deaths: all of them).
 */
@Entity({ tableName: 'feed_delivery' })
export class FeedDelivery {
  [OptionalProps]?: 'loadedAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Region, { fieldName: 'county_code' })
  county!: Region;

  @Enum({ items: [...FEED_KINDS], nativeEnumName: 'feed_kind' })
  kind!: FeedKind;

  /** 'YYYY-MM-DD' */
  @Property({ type: 'date' })
  deliveredOn!: string;

  @Property({ type: 'string' })
  fileName!: string;

  @Property({ type: 'integer' })
  rowCount!: number;

  @Property({ type: 'string' })
  loadedBy!: string;

  @Property({ type: 'datetime' })
  loadedAt: Date = new Date();
}
