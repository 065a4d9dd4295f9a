import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Application } from './application.entity.js';

/** An objection raised during the public notice (公示); an upheld one stops approval. */
@Entity({ tableName: 'objection' })
export class Objection {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Application, { fieldName: 'application_id' })
  application!: Application;

  @Property({ type: 'date' })
  raisedOn!: string;

  @Property({ type: 'text' })
  content!: string;

  /** null while unresolved. */
  @Property({ type: 'boolean', nullable: true })
  upheld?: boolean | null;

  @Property({ type: 'text', nullable: true })
  resolution?: string | null;

  @Property({ type: 'date', nullable: true })
  resolvedOn?: string | null;

  @Property({ type: 'string' })
  createdBy!: string;
}
