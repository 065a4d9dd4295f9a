import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { ElderFacility } from './facility.entity.js';

/** Categories of a safety inspection's checklist and of its hazards: 消防 / 用电 / 燃气 / 食品 / 疏散 / 应急预案. */
export const HAZARD_CATEGORIES = ['fire', 'electricity', 'gas', 'food', 'evacuation', 'emergency_plan'] as const;
export type HazardCategory = (typeof HAZARD_CATEGORIES)[number];

/** fixed_on_spot: 当场整改; open: in the rectification ledger (整改台账); rectified: closed by a follow-up (回头看). */
export const HAZARD_STATES = ['fixed_on_spot', 'open', 'rectified'] as const;
export type HazardState = (typeof HAZARD_STATES)[number];

/** One line of an inspection's checklist. */
export interface ChecklistItem {
  category: HazardCategory;
  passed: boolean;
  note: string;
}

/** A safety inspection of a facility by a (joint) team. */
@Entity({ tableName: 'elder_inspection' })
export class ElderInspection {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => ElderFacility, { fieldName: 'facility_id' })
  facility!: ElderFacility;

  @Property({ type: 'string' })
  villageCode!: string;

  @Property({ type: 'date' })
  inspectedOn!: string;

  @Property({ type: 'string' })
  team!: string;

  @Property({ type: 'boolean' })
  jointWithFireBrigade!: boolean;

  @Property({ type: 'json' })
  checklist!: ChecklistItem[];

  @Property({ type: 'string' })
  recordedBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

/** A hazard an inspection found: fixed on the spot, or a ledger entry with deadline and responsible person. */
@Entity({ tableName: 'elder_hazard' })
export class ElderHazard {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => ElderInspection, { fieldName: 'inspection_id' })
  inspection!: ElderInspection;

  @ManyToOne(() => ElderFacility, { fieldName: 'facility_id' })
  facility!: ElderFacility;

  @Property({ type: 'string' })
  villageCode!: string;

  @Enum({ items: [...HAZARD_CATEGORIES], nativeEnumName: 'hazard_category' })
  category!: HazardCategory;

  @Property({ type: 'string' })
  description!: string;

  @Property({ type: 'date' })
  foundOn!: string;

  @Enum({ items: [...HAZARD_STATES], nativeEnumName: 'hazard_state' })
  state!: HazardState;

  @Property({ type: 'date', nullable: true })
  deadline?: string | null;

  @Property({ type: 'string', nullable: true })
  responsible?: string | null;

  @Property({ type: 'date', nullable: true })
  closedOn?: string | null;
}

/** A follow-up visit (回头看) to a hazard of the ledger: rectified (closes it) or not (keeps it open). */
@Entity({ tableName: 'elder_hazard_follow_up' })
export class HazardFollowUp {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => ElderHazard, { fieldName: 'hazard_id' })
  hazard!: ElderHazard;

  @Property({ type: 'date' })
  visitedOn!: string;

  @Property({ type: 'boolean' })
  rectified!: boolean;

  @Property({ type: 'string' })
  note!: string;

  @Property({ type: 'string' })
  recordedBy!: string;
}
