import { OptionalProps } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Application } from '../application/application.entity.js';
import type { MemberFacts } from './feed-check.service.js';

/**
 * Instant 核对 of an application: the feeds' report on its members as the caseworker saw it, and
 * the property facts the eligibility calculator takes from it — confirmed, or overridden with a
 * reason.
 */
@Entity({ tableName: 'feed_check' })
export class FeedCheck {
  [OptionalProps]?: 'checkedAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Application, { fieldName: 'application_id' })
  application!: Application;

  @Property({ type: 'json' })
  facts!: MemberFacts[];

  @Property({ type: 'boolean' })
  confirmed!: boolean;

  @Property({ type: 'boolean' })
  ownsVehicle!: boolean;

  @Property({ type: 'boolean' })
  extraHousing!: boolean;

  @Property({ type: 'text', nullable: true })
  overrideReason?: string | null;

  @Property({ type: 'string' })
  checkedBy!: string;

  @Property({ type: 'datetime' })
  checkedAt: Date = new Date();
}
