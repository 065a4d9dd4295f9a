import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Enrollment } from '../enrollment/enrollment.entity.js';
import { Household } from '../household/household.entity.js';
import { ReviewCampaign } from './review-campaign.entity.js';

export const REVIEW_OUTCOMES = ['continue', 'adjust', 'cancel'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** The family review form filled at the home visit. */
export interface ReviewForm {
  members: number;
  health: string;
  monthlyIncomeFen: number;
  housing: string;
  employment: string;
}

/** One enrolled household to re-review: appointment, visit, form, checks, outcome. */
@Entity({ tableName: 'review_task' })
export class ReviewTask {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => ReviewCampaign, { fieldName: 'campaign_id' })
  campaign!: ReviewCampaign;

  @ManyToOne(() => Enrollment, { fieldName: 'enrollment_id' })
  enrollment!: Enrollment;

  @ManyToOne(() => Household, { fieldName: 'household_id' })
  household!: Household;

  @Property({ type: 'string' })
  villageCode!: string;

  @Property({ type: 'datetime', nullable: true })
  appointmentAt?: Date | null;

  @Property({ type: 'date', nullable: true })
  visitedOn?: string | null;

  @Property({ type: 'json', nullable: true })
  form?: ReviewForm | null;

  @Property({ type: 'text', nullable: true })
  neighbourCheck?: string | null;

  @Property({ type: 'text', nullable: true })
  committeeCheck?: string | null;

  @Enum({ items: [...REVIEW_OUTCOMES], nativeEnumName: 'review_outcome', nullable: true })
  outcome?: ReviewOutcome | null;

  @Property({ type: 'text', nullable: true })
  outcomeReason?: string | null;

  @ManyToOne(() => Enrollment, { fieldName: 'new_enrollment_id', nullable: true })
  newEnrollment?: Enrollment | null;

  @Property({ type: 'date', nullable: true })
  decidedOn?: string | null;

  @Property({ type: 'string', nullable: true })
  decidedBy?: string | null;
}
