import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { APPLICATION_STATUSES, Application, type ApplicationStatus } from './application.entity.js';

/** One step of an application's lifecycle: who moved it from which status to which. */
@Entity({ tableName: 'application_event' })
export class ApplicationEvent {
  [OptionalProps]?: 'at' | 'note';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Application, { fieldName: 'application_id' })
  application!: Application;

  @Enum({ items: [...APPLICATION_STATUSES], nativeEnumName: 'application_status', nullable: true })
  fromStatus?: ApplicationStatus | null;

  @Enum({ items: [...APPLICATION_STATUSES], nativeEnumName: 'application_status' })
  toStatus!: ApplicationStatus;

  @Property({ type: 'string' })
  actor!: string;

  @Property({ type: 'datetime' })
  at: Date = new Date();

  @Property({ type: 'text' })
  note: string = '';
}
