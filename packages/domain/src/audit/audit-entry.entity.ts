import { BigIntType, OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** Who changed which record when, with the record before and after. Append-only. */
@Entity({ tableName: 'audit_entry' })
export class AuditEntry {
  [OptionalProps]?: 'at';

  @PrimaryKey({ type: new BigIntType('number') })
  id!: number;

  @Property({ type: 'datetime' })
  at: Date = new Date();

  @Property({ type: 'string' })
  actor!: string;

  @Property({ type: 'string' })
  actorRole!: string;

  @Property({ type: 'string' })
  actorRegion!: string;

  @Property({ type: 'string' })
  action!: string;

  @Property({ type: 'string' })
  entity!: string;

  @Property({ type: 'string' })
  entityId!: string;

  /** The region the record belongs to (village or county code), for scoped reading. */
  @Property({ type: 'string' })
  regionCode!: string;

  @Property({ type: 'json', nullable: true })
  before?: Record<string, unknown> | null;

  @Property({ type: 'json', nullable: true })
  after?: Record<string, unknown> | null;
}
