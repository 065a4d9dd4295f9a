import { REVIEW_STATISTIC_NAMES, type ReviewOutcome, type ReviewStatistics } from '@xingfu/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ReviewOutcomeEnum } from '../common/enums.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { DateScalar } from '../scalars/month.scalar.js';

@ObjectType('ReviewStatistics', { description: 'The figures bureaus publish for a re-review campaign.' })
export class ReviewStatisticsType extends (class {} as new () => ReviewStatistics) {}
// its fields: every statistic of review-statistics.ts
for (const name of REVIEW_STATISTIC_NAMES) Field(() => Int)(ReviewStatisticsType.prototype, name);

@ObjectType('ReviewForm', { description: 'The family review form of the home visit.' })
export class ReviewFormType {
  @Field(() => Int) members!: number;
  @Field(() => String) health!: string;
  @Field(() => MoneyScalar, { name: 'monthlyIncome' }) monthlyIncomeFen!: number;
  @Field(() => String) housing!: string;
  @Field(() => String) employment!: string;
}

@ObjectType('ReviewTask')
export class ReviewTaskType {
  @Field(() => ID) id!: number;
  @Field(() => Date, { nullable: true }) appointmentAt?: Date | null;
  @Field(() => DateScalar, { nullable: true }) visitedOn?: string | null;
  @Field(() => ReviewFormType, { nullable: true }) form?: ReviewFormType | null;
  @Field(() => String, { nullable: true }) neighbourCheck?: string | null;
  @Field(() => String, { nullable: true }) committeeCheck?: string | null;
  @Field(() => ReviewOutcomeEnum, { nullable: true }) outcome?: ReviewOutcome | null;
  @Field(() => String, { nullable: true }) outcomeReason?: string | null;
  @Field(() => DateScalar, { nullable: true }) decidedOn?: string | null;
}

@ObjectType('ReviewCampaign', { description: 'A re-review campaign (复核) of a county.' })
export class ReviewCampaignType {
  @Field(() => ID) id!: number;
  @Field(() => String) name!: string;
  @Field(() => DateScalar) periodStart!: string;
  @Field(() => DateScalar) periodEnd!: string;
}
