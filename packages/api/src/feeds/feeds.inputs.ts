import type { FeedKind } from '@xingfu/domain';
import { MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../common/connection.js';
import { DateScalar } from '../scalars/month.scalar.js';
import { FeedKindEnum } from './feeds.types.js';

@InputType('LoadFeedInput')
export class LoadFeedInput {
  @Field(() => String) countyCode!: string;
  @Field(() => FeedKindEnum) kind!: FeedKind;
  @Field(() => DateScalar, { description: 'The date the department delivered the file.' }) deliveredOn!: string;
  @Field(() => String) @MaxLength(200) fileName!: string;
  @Field(() => String, {
    description:
      'The file (CSV in UTF-8, or XLSX) in base64. Strings of an operation are at most 10,000 characters: load larger files with `xingfu feed load`.',
  })
  contentBase64!: string;
}

@ArgsType()
export class FeedDeliveriesArgs extends PageArgs {
  @Field(() => String) countyCode!: string;
  @Field(() => FeedKindEnum, { nullable: true }) kind?: FeedKind | null;
}

@InputType('CheckFeedReportInput')
export class CheckFeedReportInput {
  @Field(() => ID) applicationId!: string;
  @Field(() => Boolean, { description: 'true: the report stands; false: overridden (give overrideReason).' }) confirm!: boolean;
  @Field(() => String, { nullable: true }) @MaxLength(2000) overrideReason?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Override: whether the household owns a non-essential vehicle.' })
  ownsVehicle?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Override: whether the household holds extra housing.' })
  extraHousing?: boolean | null;
}
