import type { ReviewCampaign, ReviewOutcome, ReviewTask } from '@xingfu/domain';
import { ArrayMaxSize, IsOptional, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageArgs } from '../common/connection.js';
import { ReviewOutcomeEnum } from '../common/enums.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { DateScalar } from '../scalars/month.scalar.js';
import { ReviewTaskType, ReviewCampaignType } from './review.types.js';

@InputType('CreateReviewCampaignInput')
export class CreateReviewCampaignInput {
  @Field(() => String) countyCode!: string;
  @Field(() => String) @MaxLength(100) name!: string;
  @Field(() => DateScalar) periodStart!: string;
  @Field(() => DateScalar) periodEnd!: string;
  @Field(() => [String], { nullable: true, description: 'Programs reviewed; defaults to 城市低保 and 农村低保.' })
  @ArrayMaxSize(30)
  programCodes?: string[] | null;
}

@InputType('ScheduleReviewVisitInput')
export class ScheduleReviewVisitInput {
  @Field(() => ID) taskId!: string;
  @Field(() => Date) appointmentAt!: Date;
}

@InputType('ReviewFormInput')
export class ReviewFormInput {
  @Field(() => Int) @Min(1) members!: number;
  @Field(() => String) @MaxLength(2000) health!: string;
  @Field(() => MoneyScalar) monthlyIncome!: bigint;
  @Field(() => String) @MaxLength(2000) housing!: string;
  @Field(() => String) @MaxLength(2000) employment!: string;
}

@InputType('RecordReviewVisitInput')
export class RecordReviewVisitInput {
  @Field(() => ID) taskId!: string;
  @Field(() => DateScalar) visitedOn!: string;
  @Field(() => ReviewFormInput) @ValidateNested() form!: ReviewFormInput;
  @Field(() => String) @MaxLength(2000) neighbourCheck!: string;
  @Field(() => String) @MaxLength(2000) committeeCheck!: string;
}

@InputType('DecideReviewInput')
export class DecideReviewInput {
  @Field(() => ID) taskId!: string;
  @Field(() => ReviewOutcomeEnum) outcome!: ReviewOutcome;
  @Field(() => String) @MaxLength(2000) reason!: string;
  @Field(() => MoneyScalar, { nullable: true, description: 'For ADJUST: the re-assessed monthly per-capita income.' })
  @IsOptional()
  perCapitaIncome?: bigint | null;
  @Field(() => Int, { nullable: true, description: 'For ADJUST: members covered from next month.' }) coveredMembers?: number | null;
  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'For ADJUST: 渐退 — a fixed monthly amount kept while income rose above the line.',
  })
  fixedAmount?: bigint | null;
}

@ObjectType('ReviewCampaignPayload')
export class ReviewCampaignPayload {
  @Field(() => ReviewCampaignType) campaign!: ReviewCampaign;
}

@ObjectType('ReviewTaskPayload')
export class ReviewTaskPayload {
  @Field(() => ReviewTaskType) task!: ReviewTask;
}

@ArgsType()
export class ReviewTasksArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Town or village to list; defaults to your region.' })
  regionCode?: string | null;
}
