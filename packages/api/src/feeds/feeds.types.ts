import { FEED_KINDS, type FeedKind } from '@xingfu/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from '../common/connection.js';
import { registerStringEnum } from '../common/string-enum.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { DateScalar } from '../scalars/month.scalar.js';

export const FeedKindEnum = registerStringEnum(
  FEED_KINDS,
  'FeedKind',
  'A department data feed: DEATH 公安/殡葬, VEHICLE 公安交管, REAL_ESTATE 住建/不动产, BUSINESS 市场监管, PENSION 人社 (pensions and salaries), HOUSING_FUND 公积金, DISABILITY 残联, INCARCERATION 司法 (for 政策找人).',
);

@ObjectType('FeedDelivery', { description: 'A department file loaded for a county (its rows are never served).' })
export class FeedDeliveryType {
  @Field(() => ID) id!: number;
  @Field(() => String) countyCode!: string;
  @Field(() => FeedKindEnum) kind!: FeedKind;
  @Field(() => String, { description: 'The source department.' }) department!: string;
  @Field(() => DateScalar) deliveredOn!: string;
  @Field(() => String) fileName!: string;
  @Field(() => Int) rowCount!: number;
  @Field(() => Date) loadedAt!: Date;
}

export const FeedDeliveryConnection = Connection('FeedDelivery', FeedDeliveryType);

@ObjectType('FeedProblem', { description: 'A row the load refused: row number in the file (the header is row 1), column, why.' })
export class FeedProblemType {
  @Field(() => Int) row!: number;
  @Field(() => String) column!: string;
  @Field(() => String) problem!: string;
}

@ObjectType('FeedLoadReport', {
  description: 'The row-level report of a load. A file with any bad row loads nothing: delivery is null and problems lists each.',
})
export class FeedLoadReportType {
  @Field(() => FeedDeliveryType, { nullable: true }) delivery!: FeedDeliveryType | null;
  @Field(() => Boolean) loaded!: boolean;
  @Field(() => Int) rowsRead!: number;
  @Field(() => Int) rowsLoaded!: number;
  @Field(() => [FeedProblemType], { description: 'At most 1,000 problems.' }) problems!: FeedProblemType[];
}

@ObjectType('MemberFeedFacts', { description: 'What each feed says about one current member (latest deliveries; deaths: all).' })
export class MemberFeedFactsType {
  @Field(() => ID) personId!: number;
  @Field(() => DateScalar, { nullable: true }) diedOn!: string | null;
  @Field(() => Int) vehicles!: number;
  @Field(() => Int) properties!: number;
  @Field(() => Int) businesses!: number;
  @Field(() => MoneyScalar, { description: 'Pensions and salaries (人社), monthly.' }) pensionMonthly!: number;
  @Field(() => MoneyScalar, { description: 'Housing fund deposits (公积金), monthly.' }) housingFundMonthly!: number;
  @Field(() => Int, { nullable: true }) disabilityLevel!: number | null;
  @Field(() => Boolean) incarcerated!: boolean;
}

@ObjectType('FeedCheck', { description: 'The caseworker’s check of the instant 核对 report: confirmed, or overridden with a reason.' })
export class FeedCheckType {
  @Field(() => Boolean) confirmed!: boolean;
  @Field(() => Boolean, { description: 'Passed to the eligibility calculator (vehicle rule).' }) ownsVehicle!: boolean;
  @Field(() => Boolean, { description: 'Passed to the eligibility calculator (housing rule).' }) extraHousing!: boolean;
  @Field(() => String, { nullable: true }) overrideReason!: string | null;
  @Field(() => Date) checkedAt!: Date;
}

@ObjectType('FeedReport', { description: 'Instant 核对: the feeds’ report on an application’s members, and the property facts it gives.' })
export class FeedReportType {
  @Field(() => [MemberFeedFactsType]) members!: MemberFeedFactsType[];
  @Field(() => Boolean) ownsVehicle!: boolean;
  @Field(() => Boolean) extraHousing!: boolean;
}

@ObjectType('CheckFeedReportPayload')
export class CheckFeedReportPayload {
  @Field(() => FeedCheckType) check!: FeedCheckType;
}
