import { FEED_KINDS, type FeedKind } from '@xingfu/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from '../common/connection.js';
import { registerStringEnum } from '../common/string-enum.js';
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
