import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Household } from './household.entity.js';
import { Person } from './person.entity.js';

export const MEMBER_RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'other'] as const;
export type MemberRelation = (typeof MEMBER_RELATIONS)[number];

/** Membership of a person in a household, dated; a person is in one household at a time. */
@Entity({ tableName: 'household_member' })
export class HouseholdMember {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Household, { fieldName: 'household_id' })
  household!: Household;

  @ManyToOne(() => Person, { fieldName: 'person_id' })
  person!: Person;

  @Enum({ items: [...MEMBER_RELATIONS], nativeEnumName: 'member_relation' })
  relation!: MemberRelation;

  @Property({ type: 'date' })
  startDate!: string;

  @Property({ type: 'date', nullable: true })
  endDate?: string | null;
}
